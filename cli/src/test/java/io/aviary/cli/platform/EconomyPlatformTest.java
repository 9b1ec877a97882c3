package io.aviary.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.support.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accounts and billing with the CLI on the running platform. */
class EconomyPlatformTest {

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
    void anAgentsAccountShowsTheFeesAndRewardsOfItsTasks() {
        // given a task the agent completed
        String taskId = cli.run("tasks", "submit", "-t", "noop").out().strip();
        await().atMost(LONG).until(() -> cli.run("tasks", "show", taskId).out().contains("COMPLETED"));

        // then its account, by worker name, shows a charge and a credit, and the audit lists the task
        await().atMost(LONG).untilAsserted(() -> {
            CliRunner.Result account = cli.run("accounts", "show", CliPlatform.AGENT, "-o", "json");
            assertThat(account.exitCode()).as("%s", account).isZero();
            JsonNode a = JSON.readTree(account.out());
            assertThat(a.path("totals").path("charged").asLong()).isPositive();
            assertThat(a.path("totals").path("credited").asLong()).isPositive();
            assertThat(cli.run("accounts", "audit", CliPlatform.AGENT, "--size", "500").out()).contains(taskId);
        });
        CliRunner.Result human = cli.run("accounts", "show", CliPlatform.AGENT);
        assertThat(human.out()).startsWith("Worker ").contains("Balance").contains("Credited");
    }

    @Test
    void anAdminClosesTodaysBillingCycleOnce() throws Exception {
        // given the agent's account exists today (opened when it registered)
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        await().atMost(LONG).until(() -> cli.run("accounts", "show", CliPlatform.AGENT).exitCode() == 0);

        // when today's cycle is closed
        CliRunner.Result closed = cli.run("billing", "close", "--date", today.toString());

        // then every account was closed, and closing the same day again closes nothing more
        assertThat(closed.exitCode()).as("%s", closed).isZero();
        assertThat(closed.out()).startsWith("Closed the billing cycle of " + today + ": ").contains(" 0 failed");
        JsonNode again = JSON.readTree(cli.run("billing", "close", "--date", today.toString(), "-o", "json").out());
        assertThat(again.path("date").asText()).isEqualTo(today.toString());
        assertThat(again.path("accounts").asInt()).isPositive();
        assertThat(again.path("closed").asInt()).isZero();
    }
}
