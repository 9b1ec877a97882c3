package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The supervisor of DESIGN §5: each round takes attempts back from workers that went down or ran out of time, and
 * gives waiting tasks to workers (the rules: {@link AttemptSweep}, {@link DispatchPolicy}; the state:
 * {@link FleetView}).
 * <p>
 * Commands go out asynchronously through the {@link CommandGateway}. Each one is "in flight" in the view until its
 * outcome shows up as an event (then the view moves on) or it fails (then the view releases it, and the next round
 * may try the task again). A rejection is normal: the task may have been cancelled, or another replica was faster.
 * <p>
 * Nothing is sent before the view has caught up with the head of the event stream ({@link CatchUpSignal}): a
 * half-replayed view would re-assign tasks that are already assigned further ahead in the stream.
 * <p>
 * Several command-side replicas each run a dispatcher with their own full view. That is wasteful but safe: the Task
 * aggregate only accepts {@code AssignTask} while the task waits, and {@code TimeOutTask} / {@code RequeueTask} only
 * for its current attempt, so the slower replica's duplicate is rejected and changes nothing. The waste can be cut
 * with {@code aviary.dispatch.enabled=false} on some replicas, at the price of no dispatching while the others are
 * down; a leader election (e.g. a lease row in PostgreSQL) would be the next step.
 * <p>
 * The command bus handles a command on the sending thread (load the task, append, commit). Sent one after the other
 * from the round's thread, the commands of a round took one PostgreSQL round trip chain each, in sequence, and the
 * round thread spent most of its time waiting on the database (ADR 0014). With {@code senders > 1} the commands of a
 * round are handed to a small pool of sender threads instead: they concern different tasks (different aggregates)
 * and their workers' capacity is already reserved in the view, so the choices are the same; only the order in which
 * the assignments of one round reach the event store may differ.
 */
public class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final FleetView view;
    private final CommandGateway commands;
    private final CatchUpSignal catchUp;
    private final Clock clock;
    private final DispatchMeters meters;
    private final Executor sender;
    private final ExecutorService senderPool;

    public Dispatcher(FleetView view, CommandGateway commands, CatchUpSignal catchUp, Clock clock) {
        this(view, commands, catchUp, clock, DispatchMeters.none());
    }

    /** @param meters moved when an assignment is accepted (see {@link DispatchMeters}) */
    public Dispatcher(FleetView view, CommandGateway commands, CatchUpSignal catchUp, Clock clock,
                      DispatchMeters meters) {
        this(view, commands, catchUp, clock, meters, 1);
    }

    /**
     * @param senders how many threads send the commands; 1 sends them on the round's own thread, in order
     */
    public Dispatcher(FleetView view, CommandGateway commands, CatchUpSignal catchUp, Clock clock,
                      DispatchMeters meters, int senders) {
        this.view = view;
        this.commands = commands;
        this.catchUp = catchUp;
        this.clock = clock;
        this.meters = meters;
        if (senders > 1) {
            AtomicInteger threads = new AtomicInteger();
            this.senderPool = Executors.newFixedThreadPool(senders, runnable -> {
                Thread thread = new Thread(runnable, "aviary-dispatch-sender-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            this.sender = senderPool;
        } else {
            this.senderPool = null;
            this.sender = Runnable::run;
        }
    }

    /**
     * Runs one round: plans on the current view, then sends the commands.
     *
     * @return how many commands were sent (0 before catch-up)
     */
    public int dispatchOnce() {
        if (!catchUp.isCaughtUp()) {
            return 0;
        }
        List<InFlight> round = view.nextRound(clock.instant());
        round.forEach(this::send);
        return round.size();
    }

    private void send(InFlight command) {
        CompletableFuture<Object> outcome;
        try {
            outcome = CompletableFuture.supplyAsync(() -> sendNow(command), sender).thenCompose(sent -> sent);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e); // the sender pool refuses work once closed
        }
        outcome.whenComplete((result, failure) -> {
            if (failure != null) {
                view.commandFailed(command);
                log.debug("{} was not accepted ({}); the task will be looked at again", command, failure.toString());
            } else if (command.command() instanceof AssignTask) {
                meters.assigned(command.waitingSince(), clock.instant());
            }
        });
    }

    private CompletableFuture<Object> sendNow(InFlight command) {
        try {
            return commands.send(command.command());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // a gateway may throw instead of failing the future
        }
    }

    /** Stops the sender threads (commands already handed to them are still sent, for up to 5 s). */
    @Override
    public void close() {
        if (senderPool == null) {
            return;
        }
        senderPool.shutdown();
        try {
            if (!senderPool.awaitTermination(5, TimeUnit.SECONDS)) {
                senderPool.shutdownNow();
            }
        } catch (InterruptedException e) {
            senderPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
