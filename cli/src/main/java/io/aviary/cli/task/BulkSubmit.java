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
 * Submits many tasks with a few requests in flight. A task the server refuses (400, 409) is reported and the rest
 * go on; a failure that would hit every later request too (not logged in, forbidden, server away) stops the run.
 */
final class BulkSubmit {

    /**
     * @param taskIds  ids of the submitted tasks, in request order ({@code null} for one not submitted)
     * @param errors   request number (1-based) -> why it was not submitted
     * @param exitCode {@link ExitCodes#OK}, or the code of the first failure
     */
    record Result(int submitted, int failed, int skipped, List<String> taskIds, Map<Integer, String> errors,
                  int exitCode, double seconds) {
    }

    private BulkSubmit() {
    }

    static Result run(List<ObjectNode> requests, int concurrency, Function<ObjectNode, String> submit,
                      Progress progress) {
        int total = requests.size();
        String[] ids = new String[total];
        Map<Integer, String> errors = Collections.synchronizedMap(new TreeMap<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger submitted = new AtomicInteger();
        AtomicReference<CliException> fatal = new AtomicReference<>();
        AtomicReference<int[]> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, total)),
                runnable -> {
                    Thread thread = new Thread(runnable, "aviary-bulk");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            for (int i = 0; i < total; i++) {
                int index = i;
                pool.execute(() -> {
                    if (fatal.get() != null) {
                        return;
                    }
                    try {
                        ids[index] = submit.apply(requests.get(index));
                        submitted.incrementAndGet();
                    } catch (CliException e) {
                        errors.put(index + 1, e.getMessage());
                        firstFailure.accumulateAndGet(new int[]{index, e.exitCode()},
                                (a, b) -> a == null || b[0] < a[0] ? b : a);
                        if (stopsTheRun(e.exitCode())) {
                            fatal.compareAndSet(null, e);
                        }
                    }
                    progress.update(done.incrementAndGet(), total);
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
