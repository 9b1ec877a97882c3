package io.aviary.command.shuffle;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.account.AnsweringCommandGateway;
import io.aviary.command.dispatch.AttemptSweep;
import io.aviary.command.dispatch.DispatchPolicy;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.ReassignTask;
import io.aviary.command.web.CommandSender;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.assigned;
import static io.aviary.command.dispatch.FleetEvents.created;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static io.aviary.command.dispatch.FleetEvents.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shuffle on a fleet view fed with events, sending to a gateway that plays the Task aggregate. */
class ShuffleTest {

    private final FleetView view = new FleetView(new DispatchPolicy(), new AttemptSweep());
    private final AnsweringCommandGateway gateway = new AnsweringCommandGateway();
    private boolean caughtUp = true;
    private final Shuffle shuffle = new Shuffle(view, () -> caughtUp, new ShufflePlanner(new DispatchPolicy()),
            new CommandSender(gateway), new Random(42), Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void assigned_and_waiting_tasks_move_running_ones_stay_and_the_answer_counts_them() {
        // given two workers, a task assigned to w1, a running one, and a queued one
        view.on(registered("w1", 1, 5, T0));
        view.on(registered("w2", 1, 5, T0));
        view.on(created("assigned", 0, T0));
        view.on(created("running", 0, T0));
        view.on(created("queued", 0, T0));
        view.on(assigned("assigned", 1, "w1", T0));
        view.on(assigned("running", 1, "w1", T0));
        view.on(started("running", 1, "w1", T0));

        // when shuffled
        ShuffleResult result = shuffle.shuffle();

        // then
        assertThat(gateway.commands(ReassignTask.class)).containsExactly(
                new ReassignTask("assigned", "w2", "shuffle"));
        assertThat(gateway.commands(AssignTask.class)).extracting(AssignTask::taskId).containsExactly("queued");
        assertThat(result).isEqualTo(new ShuffleResult(1, 1, 1, 0, 0, "shuffled 2 open tasks"));
    }

    @Test
    void a_move_the_task_refuses_is_counted_as_rejected() {
        view.on(registered("w1", 1, 5, T0));
        view.on(registered("w2", 1, 5, T0));
        view.on(created("t1", 0, T0));
        view.on(assigned("t1", 1, "w1", T0));
        // the agent started it a moment ago; the view has not seen it yet
        gateway.answering(command -> {
            throw new CommandRejectedException("Task t1 is RUNNING: cannot reassign");
        });

        ShuffleResult result = shuffle.shuffle();

        assertThat(result).isEqualTo(new ShuffleResult(0, 0, 0, 0, 1,
                "every move was refused: the tasks changed meanwhile"));
    }

    @Test
    void with_no_eligible_worker_nothing_is_sent_and_the_answer_says_so() {
        view.on(registered("w1", 1, 5, T0));
        view.on(created("t1", 0, T0));
        view.on(assigned("t1", 1, "w1", T0));

        ShuffleResult result = shuffle.shuffle();

        assertThat(gateway.commands()).isEmpty();
        assertThat(result).isEqualTo(new ShuffleResult(0, 0, 0, 1, 0, "no eligible worker"));
    }

    @Test
    void with_nothing_open_the_answer_says_so() {
        assertThat(shuffle.shuffle().message()).isEqualTo("no open task");
        assertThat(List.of()).isEqualTo(gateway.commands());
    }

    @Test
    void before_the_view_has_caught_up_nothing_is_shuffled() {
        caughtUp = false;
        view.on(registered("w1", 1, 5, T0));
        view.on(created("t1", 0, T0));

        assertThatThrownBy(shuffle::shuffle).isInstanceOf(Shuffle.NotReadyException.class);
        assertThat(gateway.commands()).isEmpty();
    }
}
