package io.aviary.benchmarks.sidebyside;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.aviary.benchmarks.rig.EventStore;
import io.aviary.benchmarks.stats.Percentiles;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * JobRunr in this JVM with its PostgreSQL storage provider, in a database {@code jobrunr} of the same PostgreSQL
 * server as the event store, and a background job server with as many workers as Aviary has agent slots.
 */
final class JobRunrRunner implements AutoCloseable {

    static final String DATABASE = "jobrunr";

    private final HikariDataSource dataSource;
    private final StorageProvider storage;
    private final JobRequestScheduler scheduler;
    private final int workers;

    JobRunrRunner(EventStore eventStore, int workers, Duration pollInterval) {
        this.workers = workers;
        createDatabase(eventStore);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(eventStore.url().replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1"));
        config.setUsername(eventStore.user());
        config.setPassword(eventStore.password());
        config.setMaximumPoolSize(workers + 8);
        config.setPoolName("jobrunr");
        this.dataSource = new HikariDataSource(config);
        this.storage = new PostgresStorageProvider(dataSource);
        this.scheduler = JobRunr.configure()
                .useStorageProvider(storage)
                .useBackgroundJobServer(usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(workers)
                        .andPollInterval(pollInterval))
                .initialize()
                .getJobRequestScheduler();
    }

    /** One run: jobs/s from the first enqueue to the last SUCCEEDED, and enqueue -> start (PROCESSING) latencies. */
    record Result(int jobs, double seconds, double jobsPerSecond, double enqueuePerSecond, Percentiles enqueueToStart,
                  boolean complete) {
    }

    Result run(int jobs, int enqueueThreads, Duration timeout) {
        long succeededBefore = storage.countJobs(StateName.SUCCEEDED);
        List<JobId> ids = Collections.synchronizedList(new ArrayList<>(jobs));
        ExecutorService enqueuers = Executors.newFixedThreadPool(enqueueThreads);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            enqueuers.execute(() -> ids.add(scheduler.enqueue(new NoopJobRequest())));
        }
        enqueuers.shutdown();
        try {
            enqueuers.awaitTermination(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double enqueueSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = start + timeout.toNanos();
        boolean complete = false;
        while (System.nanoTime() < deadline) {
            if (storage.countJobs(StateName.SUCCEEDED) - succeededBefore >= jobs) {
                complete = true;
                break;
            }
            // Same observation interval as Aviary's completion poller in this scenario.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(jobs, seconds, jobs / seconds, jobs / enqueueSeconds, enqueueToStart(ids), complete);
    }

    private Percentiles enqueueToStart(List<JobId> ids) {
        List<JobId> sample;
        synchronized (ids) {
            sample = new ArrayList<>(ids.subList(0, Math.min(ids.size(), 2000)));
        }
        List<Double> latencies = new ArrayList<>();
        for (JobId id : sample) {
            Job job = storage.getJobById(id);
            Instant enqueued = null;
            Instant processing = null;
            for (JobState state : job.getJobStates()) {
                if (state.getName() == StateName.ENQUEUED && enqueued == null) {
                    enqueued = state.getCreatedAt();
                } else if (state.getName() == StateName.PROCESSING && processing == null) {
                    processing = state.getCreatedAt();
                }
            }
            if (enqueued != null && processing != null) {
                latencies.add(Duration.between(enqueued, processing).toNanos() / 1e6);
            }
        }
        return Percentiles.of(latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int workers() {
        return workers;
    }

    private static void createDatabase(EventStore eventStore) {
        try (Connection connection = eventStore.connect();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " for JobRunr", e);
        }
    }

    @Override
    public void close() {
        JobRunr.destroy();
        dataSource.close();
    }
}
