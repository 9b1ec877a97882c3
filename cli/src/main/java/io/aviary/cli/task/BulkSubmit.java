package io.aviary.cli.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.CliException;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.output.Progress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Submits many tasks in batches ({@code POST /api/v1/tasks:batch}, up to {@code batchSize} tasks per request) with a
 * few requests in flight. A task the server refuses (its item answered 400, 409...) is reported and the rest go on;
 * a failure of a whole request that would hit every later request too (not logged in, forbidden, server away) stops
 * the run, and the tasks of that request count as failed.
 */
final class BulkSubmit {

    /**
     * @param taskIds  ids of the submitted tasks, in request order ({@code null} for one not submitted)
     * @param errors   task number (1-based) -> why it was not submitted
     * @param exitCode {@link ExitCodes#OK}, or the code of the first failure
     */
    record Result(int submitted, int failed, int skipped, List<String> taskIds, Map<Integer, String> errors,
                  int exitCode, double seconds) {
    }

    /** One task's answer in a batch: its id, or its HTTP status and why. */
    record Item(String taskId, int status, String error) {

        static Item submitted(String taskId) {
            return new Item(taskId, 202, null);
        }

        static Item refused(int status, String error) {
            return new Item(null, status, error);
        }
    }

    private BulkSubmit() {
    }

    static Result run(List<ObjectNode> requests, int concurrency, int batchSize,
                      Function<List<ObjectNode>, List<Item>> submit, Progress progress) {
        int total = requests.size();
        String[] ids = new String[total];
        Map<Integer, String> errors = Collections.synchronizedMap(new TreeMap<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger submitted = new AtomicInteger();
        AtomicReference<CliException> fatal = new AtomicReference<>();
        AtomicReference<int[]> firstFailure = new AtomicReference<>();
        int batches = (total + batchSize - 1) / batchSize;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, batches)),
                runnable -> {
                    Thread thread = new Thread(runnable, "aviary-bulk");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            for (int from = 0; from < total; from += batchSize) {
                int first = from;
                int to = Math.min(total, from + batchSize);
                pool.execute(() -> {
                    if (fatal.get() != null) {
                        return;
                    }
                    try {
                        List<Item> items = submit.apply(requests.subList(first, to));
                        for (int i = first; i < to; i++) {
                            Item item = i - first < items.size() ? items.get(i - first)
                                    : Item.refused(500, "the server answered no result for this task");
                            if (item.taskId() != null) {
                                ids[i] = item.taskId();
                                submitted.incrementAndGet();
                            } else {
                                failed(errors, firstFailure, i, item.error(), ExitCodes.forStatus(item.status()));
                            }
                        }
                    } catch (CliException e) {
                        for (int i = first; i < to; i++) {
                            failed(errors, firstFailure, i, e.getMessage(), e.exitCode());
                        }
                        if (stopsTheRun(e.exitCode())) {
                            fatal.compareAndSet(null, e);
                        }
                    }
                    progress.update(done.addAndGet(to - first), total);
                });
            }
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
        }
        progress.finish(done.get(), total);
        int[] first = firstFailure.get();
        int skipped = total - done.get();
        List<String> taskIds = new ArrayList<>(java.util.Arrays.asList(ids));
        return new Result(submitted.get(), errors.size(), skipped, taskIds, new TreeMap<>(errors),
                first == null ? ExitCodes.OK : first[1], progress.elapsedSeconds());
    }

    private static void failed(Map<Integer, String> errors, AtomicReference<int[]> firstFailure, int index,
                               String why, int exitCode) {
        errors.put(index + 1, why);
        firstFailure.accumulateAndGet(new int[]{index, exitCode}, (a, b) -> a == null || b[0] < a[0] ? b : a);
    }

    private static boolean stopsTheRun(int exitCode) {
        return exitCode == ExitCodes.UNAUTHENTICATED || exitCode == ExitCodes.FORBIDDEN
                || exitCode == ExitCodes.UNAVAILABLE;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // each request times out on its own (HttpTransport); keep waiting for the last ones
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
