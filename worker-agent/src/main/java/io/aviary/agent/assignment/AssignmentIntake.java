package io.aviary.agent.assignment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.execution.AttemptRun;
import io.aviary.agent.execution.StopReason;
import io.aviary.agent.execution.WorkQueue;
import io.aviary.events.AviaryEvent;
import io.aviary.events.EventCatalog;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskTimedOut;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Turns a polled batch of {@code aviary.events} into work: assignments for this worker are accepted into the
 * {@link ProcessedAssignmentLog} and the {@link WorkQueue}; cancellations, reassignments away, requeues and remote
 * time-outs stop the attempts this agent holds. Every agent reads every event, so a record is first judged by its
 * {@code ce_type} header (and, for stop events, by its key: the task id) and only parsed when it can concern this
 * agent.
 *
 * <h2>Why an assignment runs at most once to completion, and none is lost</h2>
 * The consumer commits offsets manually, and only after {@link #accept} returned for the polled batch, which is only
 * after the batch's new attempts (and the drops it caused) are written to the log and the log is fsync'd. Walking
 * through the crash points (kill -9 at any moment):
 * <ol>
 *     <li><b>Before the log sync</b>: nothing of the batch counts. Its offsets were not committed, so Kafka delivers
 *     the batch again after the restart and it is accepted then (a torn, unsynced line is cut off when the log is
 *     opened).</li>
 *     <li><b>After the sync, before the commit</b>: Kafka redelivers the batch, but the log already knows the attempts:
 *     {@link ProcessedAssignmentLog#accept} answers "known" and the redelivery is skipped. The attempts themselves
 *     are resumed from the log (next point), so they are neither lost nor doubled.</li>
 *     <li><b>After the commit, before or while running</b>: Kafka will not deliver the assignment again; the log is
 *     the only copy, and on start the agent re-queues every attempt that is {@link AttemptState#ACCEPTED} but not
 *     final. Running it again is acceptable because it never finished. If the task moved on meanwhile (requeued when
 *     this worker went down, reassigned, cancelled), the start report answers 409 and the attempt is recorded
 *     {@link AttemptState#STALE} and skipped.</li>
 *     <li><b>After running, before the result was reported</b>: the result is synced to the log
 *     ({@link AttemptState#EXECUTED}) before the complete report, so the restart re-sends the stored result and
 *     does not run the task again.</li>
 *     <li><b>After the report</b>: the attempt is final in the log ({@link AttemptState#REPORTED}, or STALE/DROPPED);
 *     any redelivery of its assignment is skipped.</li>
 * </ol>
 * The one window left: killed after the command side accepted the complete report but before REPORTED was synced.
 * The restart re-sends the same result, which the command side rejects as stale (the attempt is final there): no task
 * runs twice because of it.
 *
 * <p>First start: a new consumer group begins at the end of the topic (see {@link AssignmentConsumer}); the position
 * is fixed and committed before the worker registers, so an assignment made right after the registration is never
 * skipped.
 */
public final class AssignmentIntake {

    private static final Logger log = LoggerFactory.getLogger(AssignmentIntake.class);
    private static final String TYPE_HEADER = "ce_type";

    /** Events that stop an attempt the agent holds. */
    private static final Set<Class<? extends AviaryEvent>> STOP_EVENTS = Set.of(TaskCancelled.class,
            TaskRequeued.class, TaskTimedOut.class);

    private final String workerId;
    private final ProcessedAssignmentLog attempts;
    private final WorkQueue work;
    private final ObjectMapper json;
    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();

    public AssignmentIntake(String workerId, ProcessedAssignmentLog attempts, WorkQueue work, ObjectMapper json) {
        this.workerId = workerId;
        this.attempts = attempts;
        this.work = work;
        this.json = json;
    }

    /**
     * Handles one polled batch. When this returns, everything the batch changed is durable in the log and its
     * offsets may be committed.
     */
    public void accept(ConsumerRecords<String, byte[]> records) {
        Batch batch = new Batch();
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record, batch);
        }
        if (batch.logged) {
            attempts.sync();
        }
        batch.accepted.forEach(work::submit);
    }

    private void handle(ConsumerRecord<String, byte[]> record, Batch batch) {
        String wireName = header(record, TYPE_HEADER);
        // Every version of an event reads into its record: a command side writing a newer version than this agent
        // knows as current (a rolling upgrade), or an older one, is still understood.
        Class<?> type = wireName == null ? null
                : EventCatalog.byCloudEventType(wireName).map(EventCatalog.EventType::eventClass).orElse(null);
        if (type == null) {
            return;
        }
        if (type == TaskAssigned.class) {
            parse(record, TaskAssigned.class).ifPresent(event -> {
                stopOlderAttempts(event.taskId(), event.attempt(), StopReason.SUPERSEDED, batch);
                if (workerId.equals(event.workerId())) {
                    take(Assignment.of(event), batch);
                }
            });
        } else if (type == TaskReassigned.class) {
            parse(record, TaskReassigned.class).ifPresent(event -> {
                stopOlderAttempts(event.taskId(), event.attempt(), StopReason.REASSIGNED, batch);
                if (workerId.equals(event.toWorkerId())) {
                    take(Assignment.of(event), batch);
                }
            });
        } else if (STOP_EVENTS.contains(type) && (record.key() == null || work.holdsTask(record.key()))) {
            parse(record, type.asSubclass(AviaryEvent.class)).ifPresent(event -> {
                if (event instanceof TaskCancelled cancelled) {
                    stop(cancelled.taskId(), attempt -> true, StopReason.CANCELLED, batch);
                } else if (event instanceof TaskRequeued requeued) {
                    stop(requeued.taskId(), attempt -> attempt == requeued.attempt(), StopReason.REQUEUED, batch);
                } else if (event instanceof TaskTimedOut timedOut) {
                    stop(timedOut.taskId(), attempt -> attempt == timedOut.attempt(), StopReason.TIMED_OUT_REMOTELY,
                            batch);
                }
            });
        }
    }

    private void take(Assignment assignment, Batch batch) {
        if (!attempts.accept(assignment)) {
            log.debug("Attempt {} is already in the log: redelivery skipped", assignment.key());
            return;
        }
        log.info("Accepted attempt {} (type {})", assignment.key(), assignment.type());
        batch.logged = true;
        batch.accepted.add(work.register(assignment, null));
    }

    private void stopOlderAttempts(String taskId, int newAttempt, StopReason reason, Batch batch) {
        if (work.holdsTask(taskId)) {
            stop(taskId, attempt -> attempt < newAttempt, reason, batch);
        }
    }

    private void stop(String taskId, IntPredicate attemptMatches, StopReason reason, Batch batch) {
        for (AttemptRun run : work.runsOf(taskId)) {
            if (!attemptMatches.test(run.key().attempt())) {
                continue;
            }
            switch (run.stop(reason)) {
                case WAS_QUEUED -> {
                    log.info("Attempt {} dropped before it ran: {}", run.key(), reason);
                    attempts.finish(run.key(), AttemptState.DROPPED, reason.name(), false);
                    batch.logged = true;
                }
                case WAS_ACTIVE -> log.info("Stopping attempt {}: {}", run.key(), reason);
                case NONE -> {
                    // already stopped, or finished and being reported: the report settles it
                }
            }
        }
    }

    private <T> Optional<T> parse(ConsumerRecord<String, byte[]> record, Class<T> eventClass) {
        try {
            CloudEvent event = cloudEvents.deserialize(record.topic(), record.headers(), record.value());
            if (event.getData() == null) {
                log.warn("Skipping {} at {}-{}@{}: no data", event.getType(), record.topic(), record.partition(),
                        record.offset());
                return Optional.empty();
            }
            return Optional.of(json.readValue(event.getData().toBytes(), eventClass));
        } catch (Exception e) {
            // A malformed event must not stall the agent: later events may well be for it.
            log.warn("Skipping unreadable {} at {}-{}@{}: {}", eventClass.getSimpleName(), record.topic(),
                    record.partition(), record.offset(), e.toString());
            return Optional.empty();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** What one batch changed: attempts to queue once the log is synced, and whether the log needs a sync. */
    private static final class Batch {
        private final List<AttemptRun> accepted = new ArrayList<>();
        private boolean logged;
    }
}
