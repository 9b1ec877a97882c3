package io.aviary.command.shuffle;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.task.TaskCommands.ReassignTask;
import io.aviary.command.web.CommandSender;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Carries out a shuffle: plans it on the dispatcher's {@link FleetView} ({@link ShufflePlanner}), then sends each
 * move and waits for it.
 * <p>
 * Racing with the dispatcher (or an agent starting a task) is expected: the view is a moment old and the dispatcher
 * keeps sending. The Task aggregate arbitrates: it takes {@code AssignTask} only while the task waits and
 * {@code ReassignTask} only while it is assigned and not running, so a move that lost the race is refused, changes
 * nothing, and is counted as rejected. Capacity is checked on the view only: a worker may end up a task or two over
 * its queue limit when the dispatcher chose it at the same moment.
 * <p>
 * Money follows from the events: each {@code TaskReassigned} and {@code TaskAssigned} charges the new assignee's
 * account (the {@code AccountingProcess}).
 */
public class Shuffle {

    private static final Logger log = LoggerFactory.getLogger(Shuffle.class);

    /** The dispatcher's view is still replaying the event store: it would move tasks that are finished. */
    public static class NotReadyException extends RuntimeException {
        NotReadyException() {
            super("The fleet view is still catching up with the event store; try again in a moment");
        }
    }

    private final FleetView view;
    private final CatchUpSignal catchUp;
    private final ShufflePlanner planner;
    private final CommandSender commands;
    private final RandomGenerator random;
    private final Clock clock;
    private final Object planning = new Object();

    public Shuffle(FleetView view, CatchUpSignal catchUp, ShufflePlanner planner, CommandSender commands,
                   RandomGenerator random, Clock clock) {
        this.view = view;
        this.catchUp = catchUp;
        this.planner = planner;
        this.commands = commands;
        this.random = random;
        this.clock = clock;
    }

    public ShuffleResult shuffle() {
        if (!catchUp.isCaughtUp()) {
            throw new NotReadyException();
        }
        ShufflePlanner.Plan plan;
        synchronized (planning) { // a seeded generator is not thread-safe; shuffles are rare
            plan = planner.plan(view.openWork(), random, clock.instant());
        }
        int reassigned = 0;
        int assigned = 0;
        int rejected = 0;
        for (Object command : plan.commands()) {
            if (send(command)) {
                if (command instanceof ReassignTask) {
                    reassigned++;
                } else {
                    assigned++;
                }
            } else {
                rejected++;
            }
        }
        ShuffleResult result = ShuffleResult.of(reassigned, assigned, plan.skippedRunning(),
                plan.withoutEligibleWorker(), rejected);
        log.info("Shuffle: {}", result);
        return result;
    }

    private boolean send(Object command) {
        try {
            commands.send(command);
            return true;
        } catch (CommandRejectedException | AggregateNotFoundException | ConcurrencyException
                 | AggregateStreamCreationException lostRace) {
            log.debug("{} refused: {}", command, lostRace.getMessage());
            return false;
        }
    }
}
