package io.aviary.agent.command;

import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ReportBatcherTest {

    private final List<List<AttemptReport>> sent = new CopyOnWriteArrayList<>();

    @Test
    void a_lone_report_is_sent_at_once_and_gets_its_answer() throws Exception {
        // given a batcher whose command side accepts everything
        ReportBatcher batcher = new ReportBatcher(answering(report -> ReportAnswer.ACCEPTED), 10, "test-reports");

        // when one report is made
        ReportAnswer answer = batcher.report(start("t1", 1));

        // then it went alone, and was accepted
        assertThat(answer).isEqualTo(ReportAnswer.ACCEPTED);
        assertThat(sent).singleElement().satisfies(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void reports_made_while_a_request_is_in_flight_go_together_each_with_its_own_answer() throws Exception {
        // given a command side that holds the first request until five more reports wait
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReportBatcher batcher = new ReportBatcher(batch -> {
            if (sent.isEmpty()) {
                inFlight.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            sent.add(batch);
            return batch.stream().map(report -> report.attempt() == 7 ? ReportAnswer.STALE : ReportAnswer.ACCEPTED)
                    .toList();
        }, 10, "test-reports");
        ExecutorService slots = Executors.newFixedThreadPool(6);
        Future<ReportAnswer> first = slots.submit(() -> batcher.report(start("t0", 1)));
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

        // when five slots report meanwhile, one of them on a stale attempt
        List<Future<ReportAnswer>> others = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int attempt = i == 3 ? 7 : 1;
            String taskId = "t" + i;
            others.add(slots.submit(() -> batcher.report(complete(taskId, attempt))));
        }
        awaitWaiting(batcher, 5);
        release.countDown();

        // then they went as one second request, and each slot got its own report's answer
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(ReportAnswer.ACCEPTED);
        List<ReportAnswer> answers = new ArrayList<>();
        for (Future<ReportAnswer> other : others) {
            answers.add(other.get(10, TimeUnit.SECONDS));
        }
        assertThat(answers).containsExactly(ReportAnswer.ACCEPTED, ReportAnswer.ACCEPTED, ReportAnswer.STALE,
                ReportAnswer.ACCEPTED, ReportAnswer.ACCEPTED);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).extracting(AttemptReport::taskId)
                .containsExactlyInAnyOrder("t1", "t2", "t3", "t4", "t5");
        slots.shutdownNow();
    }

    @Test
    void no_request_carries_more_than_the_maximum() throws Exception {
        // given a batcher of at most two per request, held on its first request
        CountDownLatch release = new CountDownLatch(1);
        ReportBatcher batcher = new ReportBatcher(batch -> {
            release.await(10, TimeUnit.SECONDS);
            sent.add(batch);
            return batch.stream().map(report -> ReportAnswer.ACCEPTED).toList();
        }, 2, "test-reports");
        ExecutorService slots = Executors.newFixedThreadPool(5);

        // when five reports are made at once
        List<Future<ReportAnswer>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String taskId = "t" + i;
            answers.add(slots.submit(() -> batcher.report(start(taskId, 1))));
        }
        release.countDown();
        for (Future<ReportAnswer> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(ReportAnswer.ACCEPTED);
        }

        // then every report went, none in a request of more than two
        assertThat(sent).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
        assertThat(sent.stream().mapToInt(List::size).sum()).isEqualTo(5);
        slots.shutdownNow();
    }

    @Test
    void a_failed_request_is_the_failure_of_each_of_its_reports() {
        // given a command side that answers nothing sensible
        ReportBatcher batcher = new ReportBatcher(batch -> {
            throw new IllegalStateException("broken answer");
        }, 10, "test-reports");

        // when / then the caller sees the failure, as it would have without batching
        assertThatThrownBy(() -> batcher.report(start("t1", 1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("broken answer");
    }

    private ReportBatcher.Sender answering(java.util.function.Function<AttemptReport, ReportAnswer> answer) {
        return batch -> {
            sent.add(batch);
            return batch.stream().map(answer).toList();
        };
    }

    /** Waits until {@code count} reports wait for the next request. */
    private static void awaitWaiting(ReportBatcher batcher, int count) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(batcher.waiting()).isEqualTo(count));
    }

    private static AttemptReport start(String taskId, int attempt) {
        return AttemptReport.start(taskId, new StartTaskRequest("w1", attempt));
    }

    private static AttemptReport complete(String taskId, int attempt) {
        return AttemptReport.complete(taskId, new CompleteTaskRequest("w1", attempt, Outcome.SUCCESS, Map.of(), null));
    }
}
