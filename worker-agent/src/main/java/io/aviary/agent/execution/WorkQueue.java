package io.aviary.agent.execution;

import io.aviary.agent.assignment.Assignment;
import io.aviary.agent.executor.ExecutionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's slots: a fixed pool of {@code slots} threads, and a local queue in front of it for assignments beyond
 * that (the dispatcher keeps it within {@code maxQueue}, so it is not bounded here). Also the index of the attempts
 * the agent holds, for stopping them.
 */
public final class WorkQueue {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    private final AttemptRunner runner;
    private final ThreadPoolExecutor pool;
    private final Map<String, AttemptRun> runs = new ConcurrentHashMap<>();

    public WorkQueue(int slots, AttemptRunner runner) {
        this.runner = runner;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> new Thread(task, "aviary-slot-" + threads.incrementAndGet()));
    }

    /** Makes the attempt known (stoppable) without running it yet; see {@link #submit}. */
    public AttemptRun register(Assignment assignment, ExecutionResult recoveredResult) {
        AttemptRun run = new AttemptRun(assignment, recoveredResult);
        runs.put(run.key().toString(), run);
        return run;
    }

    /** Queues a registered attempt for the next free slot. */
    public void submit(AttemptRun run) {
        try {
            pool.execute(() -> {
                try {
                    runner.run(run);
                } finally {
                    runs.remove(run.key().toString(), run);
                }
            });
        } catch (RejectedExecutionException e) {
            // Only after shutdown: the attempt stays owed in the log and resumes on the next start.
            runs.remove(run.key().toString(), run);
            log.info("Attempt {} not queued: the agent is stopping", run.key());
        }
    }

    /** The attempts of a task this agent holds (queued or running). */
    public List<AttemptRun> runsOf(String taskId) {
        return runs.values().stream().filter(run -> run.key().taskId().equals(taskId)).toList();
    }

    /** Whether this agent holds any attempt of the task: a cheap filter before an event is parsed. */
    public boolean holdsTask(String taskId) {
        return taskId != null && runs.values().stream().anyMatch(run -> run.key().taskId().equals(taskId));
    }

    /** Slots in use right now. */
    public int busySlots() {
        return (int) runs.values().stream().filter(AttemptRun::occupiesSlot).count();
    }

    /** Attempts held (queued and running). */
    public int size() {
        return runs.size();
    }

    /**
     * Starts nothing new, gives running attempts {@code grace} to finish, then interrupts them. Queued and interrupted
     * attempts stay owed in the log and resume on the next start.
     */
    public void shutdown(Duration grace) {
        runs.values().forEach(run -> {
            if (!run.occupiesSlot()) {
                run.stop(StopReason.SHUTDOWN);
            }
        });
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("{} attempt(s) still running after the {} ms grace period: interrupting them", busySlots(),
                        grace.toMillis());
                runs.values().forEach(run -> run.stop(StopReason.SHUTDOWN));
                pool.shutdownNow();
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("Some executors ignore interrupts; leaving their threads behind");
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
