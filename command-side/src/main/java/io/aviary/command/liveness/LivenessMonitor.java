package io.aviary.command.liveness;

import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.dispatch.WorkerSnapshot;
import io.aviary.command.worker.WorkerCommands.ChangeWorkerState;
import io.aviary.command.worker.WorkerCommands.MarkWorkerDown;
import io.aviary.events.worker.WorkerState;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns heartbeats (or their absence) into worker state changes. For each worker of the dispatcher's fleet view:
 * <ul>
 *   <li>up (AVAILABLE, WORKING, DRAINING, UPDATING) and silent for longer than interval x missed beats:
 *       {@link MarkWorkerDown} (the dispatcher then re-queues its tasks). Silence is counted from the latest of its
 *       last beat, the moment it came up (registration) and the monitor's start, so a fresh worker or a restarted
 *       monitor gives every worker the full limit;</li>
 *   <li>DOWN and beating again (a beat sent after it went down, and not itself too old):
 *       {@code ChangeWorkerState(AVAILABLE, "heartbeats resumed")};</li>
 *   <li>AVAILABLE and its last beat says every slot is busy: {@code ChangeWorkerState(WORKING)}; WORKING and a slot
 *       is free: {@code ChangeWorkerState(AVAILABLE)}.</li>
 * </ul>
 * Person-workers ({@link WorkerSnapshot#isPerson()}: people who are workers, issue 5) send no heartbeats and are
 * left alone.
 * <p>
 * Bounded: a state change is derived from a beat sent after the worker's current state began, and at most one per
 * worker per beat; while a command for a worker is in flight (until the view shows the worker in another state, the
 * command fails, or the silence limit passes), nothing else is sent for it. Nothing at all is sent before the view
 * has caught up with the event store.
 */
public class LivenessMonitor {

    private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);

    private final FleetView fleet;
    private final CatchUpSignal catchUp;
    private final HeartbeatBook beats;
    private final CommandGateway commands;
    private final Clock clock;
    private final LivenessProperties properties;
    private final Instant startedAt;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Per worker, the {@code at} of the last beat a state change was derived from. */
    private final Map<String, Instant> usedBeats = new ConcurrentHashMap<>();

    public LivenessMonitor(FleetView fleet, CatchUpSignal catchUp, HeartbeatBook beats, CommandGateway commands,
                           Clock clock, LivenessProperties properties) {
        this.fleet = fleet;
        this.catchUp = catchUp;
        this.beats = beats;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
        this.startedAt = clock.instant();
    }

    /**
     * Checks every worker once and sends what the rules above ask for.
     *
     * @return how many commands were sent
     */
    public int check() {
        if (!catchUp.isCaughtUp()) {
            return 0;
        }
        Instant now = clock.instant();
        int sent = 0;
        for (WorkerSnapshot worker : fleet.workers()) {
            if (worker.isPerson() || awaitingOutcome(worker, now)) {
                continue;
            }
            Optional<LastBeat> beat = beats.last(worker.workerId());
            Object command = decide(worker, beat.orElse(null), now);
            if (command != null) {
                if (command instanceof ChangeWorkerState) {
                    usedBeats.put(worker.workerId(), beat.orElseThrow().at());
                }
                send(worker, command, now);
                sent++;
            }
        }
        return sent;
    }

    private Object decide(WorkerSnapshot worker, LastBeat beat, Instant now) {
        if (worker.state() == WorkerState.DOWN) {
            return isUnused(worker, beat) && !isTooOld(beat.at(), now)
                    ? new ChangeWorkerState(worker.workerId(), WorkerState.AVAILABLE, "heartbeats resumed")
                    : null;
        }
        if (!worker.isUp()) {
            return null;
        }
        Duration silence = Duration.between(lastSignOfLife(worker, beat), now);
        if (silence.compareTo(properties.silenceLimit()) > 0) {
            long missed = silence.toMillis() / properties.heartbeatInterval().toMillis();
            return new MarkWorkerDown(worker.workerId(), "missed " + missed + " heartbeats");
        }
        if (!isUnused(worker, beat)) {
            return null;
        }
        if (worker.state() == WorkerState.AVAILABLE && beat.allSlotsBusy()) {
            return new ChangeWorkerState(worker.workerId(), WorkerState.WORKING,
                    "all " + beat.heartbeat().slots() + " slots busy");
        }
        if (worker.state() == WorkerState.WORKING && !beat.allSlotsBusy()) {
            return new ChangeWorkerState(worker.workerId(), WorkerState.AVAILABLE, "a slot is free");
        }
        return null;
    }

    /** A beat that speaks about the worker's current state (sent after it began) and was not used yet. */
    private boolean isUnused(WorkerSnapshot worker, LastBeat beat) {
        return beat != null
                && (worker.stateSince() == null || beat.at().isAfter(worker.stateSince()))
                && !beat.at().equals(usedBeats.get(worker.workerId()));
    }

    private Instant lastSignOfLife(WorkerSnapshot worker, LastBeat beat) {
        Instant latest = startedAt;
        if (worker.upSince() != null && worker.upSince().isAfter(latest)) {
            latest = worker.upSince();
        }
        if (beat != null && beat.at().isAfter(latest)) {
            latest = beat.at();
        }
        return latest;
    }

    private boolean isTooOld(Instant beatAt, Instant now) {
        return Duration.between(beatAt, now).compareTo(properties.silenceLimit()) > 0;
    }

    private boolean awaitingOutcome(WorkerSnapshot worker, Instant now) {
        Pending inFlight = pending.get(worker.workerId());
        if (inFlight == null) {
            return false;
        }
        boolean settled = worker.state() != inFlight.stateWhenSent
                || isTooOld(inFlight.sentAt, now); // accepted but no visible change: do not wait forever
        if (settled) {
            pending.remove(worker.workerId(), inFlight);
        }
        return !settled;
    }

    private void send(WorkerSnapshot worker, Object command, Instant now) {
        Pending inFlight = new Pending(worker.state(), now);
        pending.put(worker.workerId(), inFlight);
        if (command instanceof MarkWorkerDown) {
            log.info("Worker {} ({}) is silent: {}", worker.name(), worker.workerId(), command);
        }
        CompletableFuture<Object> outcome;
        try {
            outcome = commands.send(command);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((result, failure) -> {
            if (failure != null) {
                pending.remove(worker.workerId(), inFlight);
                log.debug("{} was not accepted ({})", command, failure.toString());
            }
        });
    }

    /** A command in flight for a worker; identity matters (a late failure must not clear a newer one). */
    private static final class Pending {
        final WorkerState stateWhenSent;
        final Instant sentAt;

        Pending(WorkerState stateWhenSent, Instant sentAt) {
            this.stateWhenSent = stateWhenSent;
            this.sentAt = sentAt;
        }
    }
}
