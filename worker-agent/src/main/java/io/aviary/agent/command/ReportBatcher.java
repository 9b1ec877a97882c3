package io.aviary.agent.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Sends the reports of all the agent's slots together: a slot thread hands its report over and waits for its answer
 * as before, while one sender thread sends whatever reports are waiting as one request, and the reports that arrive
 * meanwhile as the next (ADR 16). Nothing waits to fill a batch: a lone report goes at once, so a quiet agent reports
 * as fast as before, and a busy one sends one request per round trip instead of one per report.
 */
final class ReportBatcher {

    /** Sends one batch (retrying transient failures as long as it takes) and answers each report in order. */
    @FunctionalInterface
    interface Sender {
        List<ReportAnswer> send(List<AttemptReport> reports) throws InterruptedException;
    }

    private final Sender sender;
    private final int maxBatch;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();

    ReportBatcher(Sender sender, int maxBatch, String threadName) {
        this.sender = sender;
        this.maxBatch = maxBatch;
        Thread thread = new Thread(this::run, threadName);
        thread.setDaemon(true); // it holds nothing that must outlive the agent: an unsent report is resent on restart
        thread.start();
    }

    /**
     * Reports and waits for the answer.
     *
     * @throws InterruptedException when the calling slot is stopped while it waits (the report may still be sent:
     *                              reports are delivered at least once, and a repeated one is answered as such)
     */
    ReportAnswer report(AttemptReport report) throws InterruptedException {
        Pending pending = new Pending(report, new CompletableFuture<>());
        waiting.add(pending);
        try {
            return pending.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reports waiting for the next request. */
    int waiting() {
        return waiting.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, maxBatch - 1);
                List<ReportAnswer> answers = sender.send(batch.stream().map(Pending::report).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).answer().complete(answers.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(pending -> pending.answer().completeExceptionally(
                        new IllegalStateException("the agent is stopping")));
            } catch (RuntimeException e) {
                batch.forEach(pending -> pending.answer().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private record Pending(AttemptReport report, CompletableFuture<ReportAnswer> answer) {
    }
}
