package io.aviary.command.worker;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.worker.WorkerCommands.ChangeWorkerState;
import io.aviary.command.worker.WorkerCommands.DeregisterWorker;
import io.aviary.command.worker.WorkerCommands.MarkWorkerDown;
import io.aviary.command.worker.WorkerCommands.RegisterWorker;
import io.aviary.events.worker.WorkerCapacityChanged;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.aviary.events.worker.WorkerState.AVAILABLE;
import static io.aviary.events.worker.WorkerState.DEREGISTERED;
import static io.aviary.events.worker.WorkerState.DOWN;
import static org.hamcrest.Matchers.containsString;

class WorkerAggregateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final String NAME = "agent-1";
    private static final String ID = WorkerIds.forName(NAME);
    private static final String HARDWARE = "hw-3f2a";
    private static final WorkerRegistered REGISTERED = new WorkerRegistered(ID, NAME, HARDWARE, 2, 5,
            List.of("noop", "sleep"), Map.of("zone", "eu"), NOW.minusSeconds(3600));

    private AggregateTestFixture<WorkerAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WorkerAggregate.class);
    }

    private TestExecutor<WorkerAggregate> givenWorkerIn(WorkerState state) {
        TestExecutor<WorkerAggregate> given = fixture.givenCurrentTime(NOW).andGiven(REGISTERED);
        return state == AVAILABLE ? given
                : given.andGiven(new WorkerStateChanged(ID, AVAILABLE, state, "test set-up", NOW.minusSeconds(60)));
    }

    private static RegisterWorker register(String hardwareId, int slots) {
        return new RegisterWorker(ID, NAME, hardwareId, slots, 5, List.of("noop", "sleep"), Map.of("zone", "eu"));
    }

    @Test
    void aFirstRegistrationRegistersTheWorkerAsAvailable() {
        fixture.givenCurrentTime(NOW)
                .when(register(HARDWARE, 2))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID)
                .expectEvents(new WorkerRegistered(ID, NAME, HARDWARE, 2, 5, List.of("noop", "sleep"),
                        Map.of("zone", "eu"), NOW));
    }

    @Test
    void registeringAgainFromTheSameHardwareWithTheSameParametersChangesNothing() {
        givenWorkerIn(AVAILABLE)
                .when(register(HARDWARE, 2))
                .expectResultMessagePayload(ID)
                .expectNoEvents();
    }

    @Test
    void registeringAgainWithOtherParametersChangesTheCapacity() {
        givenWorkerIn(AVAILABLE)
                .when(new RegisterWorker(ID, NAME, HARDWARE, 4, 8, List.of("noop"), Map.of()))
                .expectResultMessagePayload(ID)
                .expectEvents(new WorkerCapacityChanged(ID, 4, 8, List.of("noop"), Map.of(), NOW));
    }

    @Test
    void registeringAgainBringsADownWorkerBack() {
        givenWorkerIn(DOWN)
                .when(register(HARDWARE, 2))
                .expectEvents(new WorkerStateChanged(ID, DOWN, AVAILABLE, "re-registered", NOW));
    }

    @Test
    void registeringAgainBringsADeregisteredWorkerBackWithItsNewCapacity() {
        givenWorkerIn(DEREGISTERED)
                .when(register(HARDWARE, 3))
                .expectEvents(
                        new WorkerCapacityChanged(ID, 3, 5, List.of("noop", "sleep"), Map.of("zone", "eu"), NOW),
                        new WorkerStateChanged(ID, DEREGISTERED, AVAILABLE, "re-registered", NOW));
    }

    @Test
    void registeringTheNameFromOtherHardwareIsRejected() {
        givenWorkerIn(AVAILABLE)
                .when(register("hw-other", 2))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("bound to another hardware id"))
                .expectNoEvents();
    }

    @Test
    void registeringTheNameFromOtherHardwareIsRejectedEvenWhenDeregistered() {
        givenWorkerIn(DEREGISTERED)
                .when(register("hw-other", 2))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "AVAILABLE, WORKING", "WORKING, AVAILABLE",
            "AVAILABLE, DRAINING", "AVAILABLE, UPDATING", "WORKING, DRAINING", "WORKING, UPDATING",
            "DRAINING, AVAILABLE", "UPDATING, AVAILABLE", "DRAINING, UPDATING",
            "AVAILABLE, DOWN", "WORKING, DOWN", "DRAINING, DOWN", "UPDATING, DOWN", "DOWN, AVAILABLE",
            "AVAILABLE, DEREGISTERED", "WORKING, DEREGISTERED", "DRAINING, DEREGISTERED", "UPDATING, DEREGISTERED",
            "DOWN, DEREGISTERED"})
    void allowedTransitionsChangeTheState(WorkerState from, WorkerState to) {
        givenWorkerIn(from)
                .when(new ChangeWorkerState(ID, to, "because"))
                .expectEvents(new WorkerStateChanged(ID, from, to, "because", NOW));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"DOWN, WORKING", "DOWN, DRAINING", "DOWN, UPDATING", "UPDATING, WORKING", "UPDATING, DRAINING",
            "DRAINING, WORKING", "DEREGISTERED, AVAILABLE", "DEREGISTERED, DOWN", "DEREGISTERED, WORKING"})
    void otherTransitionsAreRejectedAndChangeNothing(WorkerState from, WorkerState to) {
        givenWorkerIn(from)
                .when(new ChangeWorkerState(ID, to, "because"))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("cannot go from " + from + " to " + to))
                .expectNoEvents();
    }

    @Test
    void aDeregisteredWorkerIsToldHowToComeBack() {
        givenWorkerIn(DEREGISTERED)
                .when(new ChangeWorkerState(ID, AVAILABLE, "try"))
                .expectExceptionMessage(containsString("registering again"));
    }

    @Test
    void changingToTheCurrentStateChangesNothing() {
        givenWorkerIn(AVAILABLE)
                .when(new ChangeWorkerState(ID, AVAILABLE, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void markingAWorkerDownRecordsTheReason() {
        givenWorkerIn(WorkerState.WORKING)
                .when(new MarkWorkerDown(ID, "missed 5 heartbeats"))
                .expectEvents(new WorkerStateChanged(ID, WorkerState.WORKING, DOWN, "missed 5 heartbeats", NOW));
    }

    @Test
    void markingADownWorkerDownAgainChangesNothing() {
        givenWorkerIn(DOWN)
                .when(new MarkWorkerDown(ID, "still silent"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeregisteredWorkerCannotBeMarkedDown() {
        givenWorkerIn(DEREGISTERED)
                .when(new MarkWorkerDown(ID, "silent"))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void deregisteringAWorkerRemovesItFromTheFleet() {
        givenWorkerIn(WorkerState.DRAINING)
                .when(new DeregisterWorker(ID, "retired"))
                .expectEvents(new WorkerStateChanged(ID, WorkerState.DRAINING, DEREGISTERED, "retired", NOW));
    }

    @Test
    void deregisteringTwiceChangesNothingTheSecondTime() {
        givenWorkerIn(DEREGISTERED)
                .when(new DeregisterWorker(ID, "retired"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnknownWorkerIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ChangeWorkerState(ID, DOWN, "?"))
                .expectException(AggregateNotFoundException.class);
    }
}
