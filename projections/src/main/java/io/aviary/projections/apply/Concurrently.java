package io.aviary.projections.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs independent MongoDB round trips of one batch at the same time, so that a batch waits for the longest chain of
 * round trips instead of their sum (each one is slow when the machine's cores are busy, while neither the client nor
 * the server is). The first task runs on the caller's thread, the others on a shared pool of daemon threads that
 * die when idle. Returns only when every task has finished, even if one failed or the caller was interrupted: a
 * failed batch is retried, and a retry must not race with writes of the attempt before it. The first failure is
 * thrown (the others are attached as suppressed).
 */
final class Concurrently {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "aviary-projection-io-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Concurrently() {
    }

    /** Runs every task, returns when all are done. */
    static void run(List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        List<Future<?>> others = new ArrayList<>(tasks.size() - 1);
        for (Runnable task : tasks.subList(1, tasks.size())) {
            others.add(POOL.submit(task));
        }
        Throwable failure = null;
        try {
            tasks.get(0).run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> other : others) {
            while (true) {
                try {
                    other.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (failure == null) {
                        failure = cause;
                    } else if (failure != cause) {
                        failure.addSuppressed(cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Both values, computed at the same time. */
    static <A, B> Pair<A, B> both(Supplier<A> first, Supplier<B> second) {
        AtomicReference<A> a = new AtomicReference<>();
        AtomicReference<B> b = new AtomicReference<>();
        run(List.of(() -> a.set(first.get()), () -> b.set(second.get())));
        return new Pair<>(a.get(), b.get());
    }

    record Pair<A, B>(A first, B second) {
    }
}
