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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Submitting tasks with the CLI and watching them finish on the running platform. */
class TaskPlatformTest {

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
    void aSubmittedTaskIsShownCompletedWithItsTimeline() throws Exception {
        // when a noop task is submitted
        CliRunner.Result submitted = cli.run("tasks", "submit", "--type", "noop", "-p", "origin=cli-test");
        assertThat(submitted.exitCode()).as("%s", submitted).isZero();
        String taskId = submitted.out().strip();

        // then `tasks show` eventually shows it COMPLETED, with its timeline
        await().atMost(LONG).untilAsserted(() -> {
            CliRunner.Result shown = cli.run("tasks", "show", taskId);
            assertThat(shown.exitCode()).as("%s", shown).isZero();
            assertThat(shown.out()).contains("Status        COMPLETED (SUCCESS)").contains("Timeline");
        });
        JsonNode task = JSON.readTree(cli.run("tasks", "show", taskId, "-o", "json").out());
        assertThat(task.path("payload").path("origin").asText()).isEqualTo("cli-test");
        assertThat(task.path("timeline").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void fiftyNoopTasksInBulkAreSubmittedWithProgressAndAllComplete() throws Exception {
        // when 50 noop tasks are submitted in bulk (stderr is not a terminal here: plain progress lines)
        CliRunner.Result bulk = cli.run("tasks", "bulk", "--count", "50", "--type", "noop", "--output", "json");

        // then all 50 were accepted, with a final progress line on stderr
        assertThat(bulk.exitCode()).as("%s", bulk).isZero();
        assertThat(bulk.err()).contains("submitting: 50/50 (100%)").contains("/s, ETA 0:00");
        JsonNode summary = JSON.readTree(bulk.out());
        assertThat(summary.path("submitted").asInt()).isEqualTo(50);
        List<String> ids = new ArrayList<>();
        summary.path("taskIds").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(50).doesNotHaveDuplicates();

        // and every one of them completes
        await().atMost(LONG).untilAsserted(() -> {
            CliRunner.Result completed = cli.run("tasks", "list", "--status", "COMPLETED", "--type", "noop",
                    "--size", "500", "-o", "json");
            Set<String> done = new HashSet<>();
            JSON.readTree(completed.out()).path("items").forEach(t -> done.add(t.path("taskId").asText()));
            assertThat(done).containsAll(ids);
        });
    }

    @Test
    void cancellingAFinishedTaskIsRejectedExit6() {
        String taskId = cli.run("tasks", "submit", "-t", "noop").out().strip();
        await().atMost(LONG).until(() -> cli.run("tasks", "show", taskId).out().contains("COMPLETED"));

        CliRunner.Result result = cli.run("tasks", "cancel", taskId);

        assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err().lines()).singleElement().asString().contains(":");
    }

    @Test
    void anUnknownTaskIsExit5() {
        CliRunner.Result result = cli.run("tasks", "show", "00000000-0000-4000-8000-000000000000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
