package io.aviary.projections.apply;

import io.aviary.events.task.Outcome;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random but reproducible (seeded) history of the task economy: tasks created, assigned, shuffled, started,
 * completed (some failing and retried), requeued, and a billing cycle closed at each change of day. Time advances
 * up to ten minutes per step, so a few thousand steps span several days.
 */
public final class RandomEconomy {

    private RandomEconomy() {
    }

    public static EconomyFeed generate(long seed, int workerCount, int steps) {
        Random random = new Random(seed);
        EconomyFeed feed = new EconomyFeed().at("2026-03-01T00:00:00Z");
        List<String> workers = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            String name = "random-" + seed + "-w" + i;
            feed.worker(name, "noop", "http");
            workers.add(EconomyFeed.workerId(name));
        }
        List<String> queued = new ArrayList<>();
        List<String> assigned = new ArrayList<>();
        List<String> running = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(feed.now(), ZoneOffset.UTC);
        for (int step = 0; step < steps; step++) {
            feed.plus(Duration.ofSeconds(1 + random.nextInt(600)));
            LocalDate today = LocalDate.ofInstant(feed.now(), ZoneOffset.UTC);
            if (today.isAfter(day)) {
                feed.closed(day.toString());
                day = today;
            }
            int dice = random.nextInt(100);
            if (dice < 30 || queued.isEmpty() && assigned.isEmpty() && running.isEmpty()) {
                String task = EconomyFeed.taskId("random-" + seed + "-t" + step);
                feed.created(task, random.nextBoolean() ? "noop" : "http", 10 + random.nextInt(11),
                        20 + random.nextInt(21));
                queued.add(task);
            } else if (dice < 55 && !queued.isEmpty()) {
                String task = queued.remove(random.nextInt(queued.size()));
                feed.assigned(task, workers.get(random.nextInt(workers.size())));
                assigned.add(task);
            } else if (dice < 65 && !assigned.isEmpty()) {
                feed.reassigned(assigned.get(random.nextInt(assigned.size())),
                        workers.get(random.nextInt(workers.size())));
            } else if (dice < 80 && !assigned.isEmpty()) {
                String task = assigned.remove(random.nextInt(assigned.size()));
                feed.started(task);
                running.add(task);
            } else if (dice < 95 && !running.isEmpty()) {
                String task = running.remove(random.nextInt(running.size()));
                int outcome = random.nextInt(10);
                if (outcome < 6) {
                    feed.completed(task, Outcome.SUCCESS);
                } else if (outcome < 8) {
                    feed.completed(task, Outcome.WARNING);
                } else {
                    feed.completed(task, Outcome.FAILURE).retryScheduled(task, 1, Duration.ofSeconds(2));
                    queued.add(task);
                }
            } else if (!running.isEmpty()) {
                String task = running.remove(random.nextInt(running.size()));
                feed.requeued(task);
                queued.add(task);
            }
        }
        return feed;
    }
}
