package io.aviary.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.support.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** AREA automations with the CLI on the running platform. */
class AreaPlatformTest {

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
    void anIntervalAreaRunsItsReactionAndCanBePausedAndResumed() {
        // when an AREA ticking every 2 s with a log reaction is created from options
        CliRunner.Result created = cli.run("areas", "create", "--name", "cli-ticker", "--action", "timer.tick",
                "--every", "2s", "--reaction", "log", "--reaction-param", "message=tick at {{output.firedAt}}");
        assertThat(created.exitCode()).as("%s", created).isZero();
        String areaId = created.out().strip();
        try {
            // then it is listed, and an execution completes with its action and reaction
            await().atMost(LONG).untilAsserted(() -> assertThat(cli.run("areas", "list").out().lines()
                    .filter(l -> l.startsWith(areaId))).singleElement().asString()
                    .contains("cli-ticker").contains("ACTIVE").contains("timer.tick").contains("interval"));
            await().atMost(LONG).untilAsserted(() -> {
                CliRunner.Result executions = cli.run("areas", "executions", areaId);
                assertThat(executions.exitCode()).as("%s", executions).isZero();
                assertThat(executions.out()).contains("SUCCEEDED").contains("1/1 ok");
            });

            // and when it is paused, it shows PAUSED; resumed, ACTIVE again
            assertThat(cli.run("areas", "pause", areaId).exitCode()).isZero();
            await().atMost(LONG).untilAsserted(() -> assertThat(state(areaId)).isEqualTo("PAUSED"));
            assertThat(cli.run("areas", "resume", areaId).exitCode()).isZero();
            await().atMost(LONG).untilAsserted(() -> assertThat(state(areaId)).isEqualTo("ACTIVE"));
        } finally {
            cli.run("areas", "pause", areaId); // it would keep the only agent busy for the other tests
        }
    }

    @Test
    void aWebhookAreaShowsItsUrlAndSecretOnce() throws Exception {
        CliRunner.Result created = cli.run("areas", "create", "--name", "cli-hook", "--action", "webhook.received",
                "--service", "github", "--webhook", "--output", "json");

        assertThat(created.exitCode()).as("%s", created).isZero();
        JsonNode answer = JSON.readTree(created.out());
        assertThat(answer.path("webhook").path("url").asText()).contains("/webhooks/github/");
        assertThat(answer.path("webhook").path("secret").asText()).isNotBlank();
        String areaId = answer.path("areaId").asText();
        await().atMost(LONG).untilAsserted(() -> assertThat(cli.run("areas", "show", areaId).out())
                .contains(answer.path("webhook").path("url").asText())
                .doesNotContain(answer.path("webhook").path("secret").asText()));
    }

    @Test
    void anInvalidCronIsRejectedWithExit6AndOneLine() {
        CliRunner.Result result = cli.run("areas", "create", "--name", "bad", "--action", "timer.tick",
                "--cron", "every morning");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err().lines()).singleElement().asString().contains("cron");
    }

    private static String state(String areaId) throws Exception {
        CliRunner.Result shown = cli.run("areas", "show", areaId, "-o", "json");
        return shown.exitCode() == 0 ? JSON.readTree(shown.out()).path("state").asText() : "";
    }
}
