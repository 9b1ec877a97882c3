package io.aviary.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.assignment.AssignmentConsumer;
import io.aviary.agent.assignment.AssignmentIntake;
import io.aviary.agent.assignment.AttemptState;
import io.aviary.agent.assignment.LoggedAttempt;
import io.aviary.agent.assignment.ProcessedAssignmentLog;
import io.aviary.agent.auth.AgentAuthClient;
import io.aviary.agent.auth.AgentAuthException;
import io.aviary.agent.auth.AgentSignIn;
import io.aviary.agent.auth.AgentTokens;
import io.aviary.agent.auth.CredentialsStore;
import io.aviary.agent.command.CommandApiClient;
import io.aviary.agent.command.CommandHttp;
import io.aviary.agent.command.CommandSession;
import io.aviary.agent.command.RegisterWorkerRequest;
import io.aviary.agent.command.RegistrationRejectedException;
import io.aviary.agent.execution.AttemptRunner;
import io.aviary.agent.execution.WorkQueue;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.identity.AgentIdentity;
import io.aviary.agent.identity.HardwareFacts;
import io.aviary.agent.identity.HardwareIdResolver;
import io.aviary.agent.identity.IdentityStore;
import io.aviary.agent.liveness.HeartbeatPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * One worker agent, independent of Spring: {@link #start()} runs the start-up sequence and then the consume loop on
 * its own thread; {@link #stop()} shuts it down gracefully. Single use: a restart is a new instance on the same state
 * dir.
 *
 * <p>Start-up order, chosen so that no assignment is lost:
 * <ol>
 *     <li>identity from the state dir (hardware id computed once), processed-assignment log replayed;</li>
 *     <li>sign-in: an access token for the credentials saved in the state dir, or an enrolment with the one-time
 *     enrolment token (credentials saved at once); neither is fatal. From here on every call to the command side
 *     carries the token and the hardware id, and the token is renewed before it expires;</li>
 *     <li>Kafka consumer prepared: on the very first start its group is positioned at the end of every partition
 *     and that position committed ({@link AssignmentConsumer#prepare()});</li>
 *     <li>registration with the command API, retried until it answers; 409 is fatal;</li>
 *     <li>heartbeats start;</li>
 *     <li>attempts the log still owes (accepted or executed, not final) are queued again;</li>
 *     <li>the consume loop runs until {@link #stop()}.</li>
 * </ol>
 */
public final class Agent {

    /** Where the agent stands; {@link #READY} means registered, heart-beating and consuming. */
    public enum Phase { NEW, STARTING, READY, STOPPING, STOPPED, FAILED }

    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    static final String ASSIGNMENT_LOG = "assignments.log";

    private final AgentProperties properties;
    private final ExecutorRegistry executors;
    private final HardwareFacts hardware;
    private final Clock clock;
    private final Consumer<Throwable> onFatal;
    private final ObjectMapper json = AgentJson.newMapper();
    private final ScheduledExecutorService timer;
    private final CommandHttp commandHttp;
    private final CommandSession session;
    private final MeterRegistry meters;

    private volatile Phase phase = Phase.NEW;
    private volatile Thread thread;
    private volatile AgentIdentity identity;
    private volatile AgentTokens tokens;
    private volatile CommandApiClient commandApi;
    private volatile ProcessedAssignmentLog attempts;
    private volatile AssignmentConsumer consumer;
    private volatile WorkQueue work;
    private volatile HeartbeatPublisher heartbeat;

    /**
     * @param onFatal called when the agent cannot go on, e.g. its name is bound to other hardware or it has no
     *                credentials; the application exits non-zero from there
     */
    public Agent(AgentProperties properties, ExecutorRegistry executors, HardwareFacts hardware, Clock clock,
                 Consumer<Throwable> onFatal) {
        this(properties, executors, hardware, clock, onFatal, new CommandSession());
    }

    /**
     * @param session receives the signed-in command API client, for executors that call the command side
     */
    public Agent(AgentProperties properties, ExecutorRegistry executors, HardwareFacts hardware, Clock clock,
                 Consumer<Throwable> onFatal, CommandSession session) {
        this(properties, executors, hardware, clock, onFatal, session, new CompositeMeterRegistry());
    }

    /**
     * @param meters where the attempts this agent finishes are counted ({@code aviary_agent_tasks_total{outcome}})
     */
    public Agent(AgentProperties properties, ExecutorRegistry executors, HardwareFacts hardware, Clock clock,
                 Consumer<Throwable> onFatal, CommandSession session, MeterRegistry meters) {
        this.session = session;
        this.meters = meters;
        this.properties = properties;
        this.executors = executors;
        this.hardware = hardware;
        this.clock = clock;
        this.onFatal = onFatal;
        this.commandHttp = new CommandHttp(properties.commandUrl(), json, properties.retryInitialBackoff(),
                properties.retryMaxBackoff());
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread timeouts = new Thread(task, "aviary-timeouts");
            timeouts.setDaemon(true);
            return timeouts;
        });
    }

    /** Starts the agent on its own thread and returns at once. */
    public synchronized void start() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("Agent already started (" + phase + "); a restart is a new instance");
        }
        phase = Phase.STARTING;
        thread = new Thread(this::run, "aviary-agent");
        thread.start();
    }

    private void run() {
        try {
            identity = new IdentityStore(properties.stateDir(), json)
                    .loadOrCreate(properties.name(), new HardwareIdResolver(hardware));
            log.info("Agent '{}' (hardware id {}) with state dir {}", identity.name(), identity.hardwareId(),
                    properties.stateDir());
            executors.warnAboutMissing(properties.taskTypes());
            attempts = ProcessedAssignmentLog.open(properties.stateDir().resolve(ASSIGNMENT_LOG), json, clock,
                    properties.assignmentLog().limits());
            signIn();
            consumer = new AssignmentConsumer(properties.kafkaBootstrap(), identity.name());
            consumer.prepare();
            register();
            work = new WorkQueue(properties.slots(),
                    new AttemptRunner(identity.workerId(), commandApi, executors, attempts, timer, meters));
            heartbeat = new HeartbeatPublisher(properties.kafkaBootstrap(), identity, properties.slots(),
                    work::busySlots, tokens::accessToken, properties.heartbeatInterval(), json, clock);
            heartbeat.start();
            resumeUnfinished();
            AssignmentIntake intake = new AssignmentIntake(identity.workerId(), attempts, work, json);
            if (markReady()) {
                log.info("Agent '{}' ready: worker {}, {} slots, task types {}", identity.name(),
                        identity.workerId(), properties.slots(), properties.taskTypes());
                consumer.run(intake);
            }
        } catch (InterruptedException e) {
            log.info("Agent start-up interrupted: stopping");
        } catch (RegistrationRejectedException e) {
            fail(e, "Registration rejected: " + e.getMessage());
        } catch (AgentAuthException e) {
            fail(e, "Cannot sign in: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            if (phase == Phase.STOPPING) {
                log.debug("Agent loop ended by the shutdown", e);
            } else {
                fail(e, "Agent failed: " + e);
            }
        }
        // The consumer is closed by stop(), on a thread nobody interrupts: an interrupted close skips leaving the
        // group, and a restarted agent of the same name would then wait for the old member's session to expire.
    }

    private synchronized boolean markReady() {
        if (phase != Phase.STARTING) {
            return false; // stop() came first
        }
        phase = Phase.READY;
        return true;
    }

    private void signIn() throws InterruptedException {
        AgentAuthClient authClient = new AgentAuthClient(commandHttp, clock);
        AgentSignIn.SignedIn signedIn = new AgentSignIn(new CredentialsStore(properties.stateDir(), json), authClient,
                properties.enrolmentToken()).signIn(identity);
        adoptWorkerId(signedIn.credentials().workerId());
        tokens = new AgentTokens(authClient, signedIn.credentials(), signedIn.accessToken(), clock,
                error -> fail(error, "Agent signed out: " + error.getMessage()));
        tokens.start();
        commandApi = new CommandApiClient(commandHttp, tokens, identity.hardwareId());
        session.signedIn(commandApi);
    }

    private void register() throws InterruptedException {
        log.info("Registering worker '{}' with {}", identity.name(), properties.commandUrl());
        String workerId = commandApi.register(new RegisterWorkerRequest(identity.name(), identity.hardwareId(),
                properties.slots(), properties.maxQueue(), properties.taskTypes(), properties.labels()));
        adoptWorkerId(workerId);
        log.info("Registered as worker {}", workerId);
    }

    private void adoptWorkerId(String workerId) {
        if (!workerId.equals(identity.workerId())) {
            log.warn("Command side assigned worker id {} (expected {}): using it", workerId, identity.workerId());
            identity = new AgentIdentity(identity.name(), workerId, identity.hardwareId());
            new IdentityStore(properties.stateDir(), json).save(identity);
        }
    }

    private void resumeUnfinished() {
        List<LoggedAttempt> unfinished = attempts.unfinished();
        if (!unfinished.isEmpty()) {
            log.info("Resuming {} attempt(s) accepted before the last stop", unfinished.size());
        }
        for (LoggedAttempt attempt : unfinished) {
            work.submit(work.register(attempt.assignment(),
                    attempt.state() == AttemptState.EXECUTED ? attempt.result() : null));
        }
    }

    private void fail(Throwable error, String message) {
        phase = Phase.FAILED;
        log.error(message);
        onFatal.accept(error);
    }

    /**
     * Stops consuming, gives running attempts the grace period to finish (queued ones stay in the log for the next
     * start), then stops heart-beating. Idempotent.
     */
    public void stop() {
        boolean wasReady;
        synchronized (this) {
            if (phase == Phase.NEW) {
                phase = Phase.STOPPED;
                return;
            }
            if (phase == Phase.STOPPING || phase == Phase.STOPPED) {
                return;
            }
            // READY: the agent thread is in (or enters) the consume loop, which a wakeup ends cleanly.
            wasReady = phase == Phase.READY;
            phase = Phase.STOPPING;
        }
        log.info("Agent stopping");
        AssignmentConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread agentThread = thread;
        if (agentThread != null && agentThread != Thread.currentThread()) {
            if (!wasReady) {
                agentThread.interrupt(); // ends a start-up that still waits for Kafka or the command side
            }
            join(agentThread);
        }
        current = consumer;
        if (current != null && (agentThread == null || !agentThread.isAlive())) {
            current.close();
        }
        if (work != null) {
            work.shutdown(properties.shutdownGrace());
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (tokens != null) {
            tokens.close(); // after the slots: a report during the grace period may still need a renewed token
        }
        timer.shutdownNow();
        if (attempts != null) {
            attempts.close();
        }
        phase = Phase.STOPPED;
        log.info("Agent stopped");
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Phase phase() {
        return phase;
    }

    /** The identity, once loaded ({@code null} before). */
    public AgentIdentity identity() {
        return identity;
    }

    /** Slots in use right now. */
    public int busySlots() {
        WorkQueue current = work;
        return current == null ? 0 : current.busySlots();
    }

    /** Attempts held right now, queued or running. */
    public int heldAttempts() {
        WorkQueue current = work;
        return current == null ? 0 : current.size();
    }

    /** When a heartbeat was last acknowledged by Kafka, or {@code null}. */
    public Instant lastHeartbeat() {
        HeartbeatPublisher current = heartbeat;
        return current == null ? null : current.lastAcknowledged();
    }

    /** When the consume loop last returned from a poll, or {@code null}. */
    public Instant lastPoll() {
        AssignmentConsumer current = consumer;
        return current == null ? null : current.lastPoll();
    }

    /** The configuration it runs with. */
    public AgentProperties properties() {
        return properties;
    }
}
