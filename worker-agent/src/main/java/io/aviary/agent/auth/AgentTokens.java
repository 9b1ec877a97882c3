package io.aviary.agent.auth;

import io.aviary.agent.command.AccessTokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The agent's current access token, renewed on its own thread at 80 % of its lifetime (so reports and heartbeats
 * never wait for it and never carry an expired one while the command side answers), and at once when the command
 * side refuses it. Renewal failures that are transient are retried by the client; refused credentials are fatal.
 */
public final class AgentTokens implements AccessTokenSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentTokens.class);

    private final AgentAuthClient client;
    private final AgentCredentials credentials;
    private final Clock clock;
    private final Consumer<Throwable> onFatal;
    private final ScheduledExecutorService scheduler;
    private final ReentrantLock renewing = new ReentrantLock();
    private volatile AccessToken current;
    /** The pending renewal; guarded by {@link #renewing}. */
    private ScheduledFuture<?> next;

    /**
     * @param first   the token the sign-in obtained
     * @param onFatal called when the command side refuses the credentials during a scheduled renewal
     */
    public AgentTokens(AgentAuthClient client, AgentCredentials credentials, AccessToken first, Clock clock,
                       Consumer<Throwable> onFatal) {
        this.client = client;
        this.credentials = credentials;
        this.current = first;
        this.clock = clock;
        this.onFatal = onFatal;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aviary-token-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Schedules the first renewal. */
    public void start() {
        renewing.lock();
        try {
            scheduleRenewal();
        } finally {
            renewing.unlock();
        }
    }

    @Override
    public String accessToken() {
        return current.value();
    }

    @Override
    public String renewAfterRejection(String rejected) throws InterruptedException {
        renewing.lockInterruptibly();
        try {
            if (current.value().equals(rejected)) {
                renew();
            }
            return current.value();
        } finally {
            renewing.unlock();
        }
    }

    private void renewOnSchedule() {
        try {
            renewing.lockInterruptibly();
            try {
                renew();
            } finally {
                renewing.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (AgentAuthException e) {
            log.error("Access token not renewed: {}", e.getMessage());
            onFatal.accept(e);
        } catch (RuntimeException e) {
            // Not expected (transient failures are retried inside); try again soon rather than let the token lapse.
            log.warn("Access token not renewed ({}); trying again in 1 s", e.toString());
            renewing.lock();
            try {
                schedule(Duration.ofSeconds(1));
            } finally {
                renewing.unlock();
            }
        }
    }

    /** Called with {@link #renewing} held. */
    private void renew() throws InterruptedException {
        current = client.token(credentials);
        log.debug("Access token renewed; valid for {}", current.lifetime());
        scheduleRenewal();
    }

    /** Called with {@link #renewing} held. */
    private void scheduleRenewal() {
        if (next != null) {
            next.cancel(false);
        }
        schedule(Duration.between(clock.instant(), current.obtainedAt().plus(current.refreshDelay())));
    }

    private void schedule(Duration delay) {
        try {
            next = scheduler.schedule(this::renewOnSchedule, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Not renewing any more: closed");
        }
    }

    /** Stops renewing; a renewal under way is interrupted. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
