package io.aviary.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.support.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Workers, drain, projections rebuild and analytics with the CLI on the running platform. */
class FleetPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static CliRunner cli;

    @BeforeAll
    static void login() {
        cli = CliPlatform.admin(dir);
    }

    @Test
    void workersListIsAnAlignedTableForPeopleAndJsonForScripts() throws Exception {
        CliRunner.Result table = cli.run("workers", "list");

        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(table.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
                .startsWith("NAME").contains("  ID  ").contains("STATE").contains("TASK TYPES"));
        String agentLine = table.out().lines().filter(l -> l.startsWith(CliPlatform.AGENT)).findFirst().orElseThrow();
        String header = table.out().lines().findFirst().orElseThrow();
        assertThat(agentLine.indexOf("AVAILABLE") >= 0 ? agentLine.indexOf("AVAILABLE") : agentLine.indexOf("WORKING"))
                .as("state column aligned with its header in %s", table.out()).isEqualTo(header.indexOf("STATE"));

        CliRunner.Result json = cli.run("workers", "list", "--output", "json");
        JsonNode page = JSON.readTree(json.out());
        assertThat(page.path("items").findValuesAsText("name")).contains(CliPlatform.AGENT);
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void drainingAWorkerShowsItDraining() {
        // given a person-worker (a WORKER user is also a worker named after the username)
        CliPlatform.createUser("cli-drain-me", "WORKER");
        await().atMost(LONG).until(() -> cli.run("workers", "show", "cli-drain-me").exitCode() == 0);

        // when it is drained by name
        CliRunner.Result drained = cli.run("workers", "drain", "cli-drain-me", "--reason", "maintenance");

        // then the worker shows DRAINING with the reason
        assertThat(drained.exitCode()).as("%s", drained).isZero();
        await().atMost(LONG).untilAsserted(() -> assertThat(cli.run("workers", "show", "cli-drain-me").out())
                .contains("State       DRAINING (maintenance)"));
    }

    @Test
    void aProjectionRebuildIsFollowedToDone() {
        // when the workers read model is rebuilt (stderr is not a terminal: plain progress lines)
        CliRunner.Result result = cli.run("projections", "rebuild", "workers");

        // then the command returns once it is DONE, the last progress line showing everything processed
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("State").contains("DONE");
        String last = result.err().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("rebuilding workers").contains("(100%)").contains("ETA 0:00");
        // and the rebuilt read model serves the fleet
        assertThat(cli.run("workers", "list").out()).contains(CliPlatform.AGENT);
    }

    @Test
    void analyticsAreTables() {
        CliRunner.Result earnings = cli.run("analytics", "earnings");
        CliRunner.Result fleet = cli.run("analytics", "fleet");

        assertThat(earnings.exitCode()).as("%s", earnings).isZero();
        assertThat(earnings.out()).startsWith("DATE").contains("Total ");
        assertThat(fleet.exitCode()).as("%s", fleet).isZero();
        assertThat(fleet.out()).startsWith("Fleet from ");
    }
}
