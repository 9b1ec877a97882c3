package io.aviary.command.area;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.area.AreaCommands.DeleteArea;
import io.aviary.command.area.AreaCommands.FireArea;
import io.aviary.command.area.AreaCommands.PauseArea;
import io.aviary.command.area.AreaCommands.RecordActionCompleted;
import io.aviary.command.area.AreaCommands.RecordReactionCompleted;
import io.aviary.command.area.AreaCommands.ResumeArea;
import io.aviary.command.area.AreaCommands.RotateWebhookSecret;
import io.aviary.command.area.AreaCommands.ScheduleArea;
import io.aviary.command.area.AreaCommands.UpdateArea;
import io.aviary.events.area.AreaActionCompleted;
import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import io.aviary.events.area.AreaWebhookSecretRotated;
import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.area.FireSource;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.task.Outcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.aviary.command.area.AreaFixtures.EVERY_SECOND;
import static io.aviary.command.area.AreaFixtures.POLICY;
import static io.aviary.command.area.AreaFixtures.RECEIVED;
import static io.aviary.command.area.AreaFixtures.TICK;
import static io.aviary.command.area.AreaFixtures.TWO_REACTIONS;
import static io.aviary.command.area.AreaFixtures.WEBHOOK;
import static org.hamcrest.Matchers.containsString;

/** Every AREA command, given / when / then, with Axon's aggregate fixture. */
class AreaAggregateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final Instant EARLIER = NOW.minusSeconds(60);
    private static final String ID = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String HOOK = "h00k0000-0000-4000-8000-000000000001";
    private static final Instant T1 = Instant.parse("2025-03-01T10:15:00Z");
    private static final Instant T2 = T1.plusSeconds(1);

    private static final AreaScheduled CRON_AREA = new AreaScheduled(ID, "maria", "ticker", 1, TICK, EVERY_SECOND,
            TWO_REACTIONS, POLICY, null, EARLIER);
    private static final AreaScheduled HOOK_AREA = new AreaScheduled(ID, "maria", "hook", 1, RECEIVED, WEBHOOK,
            List.of(), POLICY, HOOK, EARLIER);

    private AggregateTestFixture<AreaAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AreaAggregate.class);
    }

    private TestExecutor<AreaAggregate> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    private static AreaFired fired(Instant scheduledFor, String executionId) {
        return new AreaFired(ID, ID + "@" + scheduledFor, executionId, 1, FireSource.CRON, scheduledFor, null,
                Map.of(), EARLIER);
    }

    private static AreaFired delivered(String deliveryId, String executionId, Instant at) {
        return new AreaFired(ID, deliveryId, executionId, 1, FireSource.WEBHOOK, null, deliveryId, Map.of("a", 1), at);
    }

    private static AreaActionCompleted actionDone(String executionId, boolean triggered) {
        return new AreaActionCompleted(ID, executionId, "task-a", 1, Outcome.SUCCESS, triggered, Map.of(), EARLIER);
    }

    private static void rejected(ResultValidator<AreaAggregate> result, Class<? extends Throwable> type,
                                 String why) {
        result.expectException(type).expectExceptionMessage(containsString(why)).expectNoEvents();
    }

    // --- definition life cycle

    @Test
    void scheduling_an_area_defines_version_one() {
        fixture.givenCurrentTime(NOW)
                .when(new ScheduleArea(ID, "maria", "ticker", TICK, EVERY_SECOND, TWO_REACTIONS, POLICY, null))
                .expectEvents(new AreaScheduled(ID, "maria", "ticker", 1, TICK, EVERY_SECOND, TWO_REACTIONS, POLICY,
                        null, NOW));
    }

    @Test
    void a_webhook_area_needs_a_hook_id_and_only_it_has_one() {
        fixture.givenCurrentTime(NOW)
                .when(new ScheduleArea(ID, "maria", "hook", RECEIVED, WEBHOOK, List.of(), POLICY, null))
                .expectException(IllegalArgumentException.class).expectNoEvents();
        fixture.givenCurrentTime(NOW)
                .when(new ScheduleArea(ID, "maria", "ticker", TICK, EVERY_SECOND, List.of(), POLICY, HOOK))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void each_update_is_a_new_version_and_answers_it() {
        var interval = AreaFixtures.interval(5_000, MisfirePolicy.SKIP);
        given(CRON_AREA, new AreaUpdated(ID, 2, "ticker", TICK, EVERY_SECOND, List.of(), POLICY, EARLIER))
                .when(new UpdateArea(ID, "every 5 s", TICK, interval, List.of(), POLICY))
                .expectResultMessagePayload(3)
                .expectEvents(new AreaUpdated(ID, 3, "every 5 s", TICK, interval, List.of(), POLICY, NOW));
    }

    @Test
    void a_trigger_does_not_change_to_or_from_webhook() {
        rejected(given(CRON_AREA).when(new UpdateArea(ID, "x", RECEIVED, WEBHOOK, List.of(), POLICY)),
                CommandRejectedException.class, "cannot become WEBHOOK");
        rejected(given(HOOK_AREA).when(new UpdateArea(ID, "x", TICK, EVERY_SECOND, List.of(), POLICY)),
                CommandRejectedException.class, "cannot become CRON");
    }

    @Test
    void pause_resume_and_delete_change_the_state_once() {
        given(CRON_AREA).when(new PauseArea(ID)).expectEvents(new AreaPaused(ID, NOW));
        given(CRON_AREA, new AreaPaused(ID, EARLIER)).when(new PauseArea(ID)).expectSuccessfulHandlerExecution()
                .expectNoEvents();
        given(CRON_AREA, new AreaPaused(ID, EARLIER)).when(new ResumeArea(ID)).expectEvents(new AreaResumed(ID, NOW));
        given(CRON_AREA).when(new ResumeArea(ID)).expectSuccessfulHandlerExecution().expectNoEvents();
        given(CRON_AREA, new AreaPaused(ID, EARLIER)).when(new DeleteArea(ID)).expectEvents(new AreaDeleted(ID, NOW));
        given(CRON_AREA, new AreaDeleted(ID, EARLIER)).when(new DeleteArea(ID)).expectNoEvents();
    }

    @Test
    void a_deleted_area_accepts_no_change() {
        rejected(given(CRON_AREA, new AreaDeleted(ID, EARLIER)).when(new PauseArea(ID)),
                CommandRejectedException.class, "is DELETED: cannot pause");
        rejected(given(CRON_AREA, new AreaDeleted(ID, EARLIER)).when(new ResumeArea(ID)),
                CommandRejectedException.class, "is DELETED: cannot resume");
        rejected(given(CRON_AREA, new AreaDeleted(ID, EARLIER))
                        .when(new UpdateArea(ID, "x", TICK, EVERY_SECOND, List.of(), POLICY)),
                CommandRejectedException.class, "is DELETED: cannot update");
    }

    @Test
    void deleting_answers_the_hook_whose_secret_can_go() {
        given(HOOK_AREA).when(new DeleteArea(ID)).expectResultMessagePayload(HOOK)
                .expectEvents(new AreaDeleted(ID, NOW));
    }

    @Test
    void rotating_the_webhook_secret_records_it_without_the_secret() {
        given(HOOK_AREA).when(new RotateWebhookSecret(ID))
                .expectResultMessagePayload(new WebhookAddress(HOOK, "github"))
                .expectEvents(new AreaWebhookSecretRotated(ID, HOOK, NOW));
        given(HOOK_AREA, new AreaPaused(ID, EARLIER)).when(new RotateWebhookSecret(ID))
                .expectEvents(new AreaWebhookSecretRotated(ID, HOOK, NOW));
    }

    @Test
    void only_a_webhook_area_has_a_secret_to_rotate() {
        rejected(given(CRON_AREA).when(new RotateWebhookSecret(ID)), CommandRejectedException.class,
                "has no webhook secret");
        rejected(given(HOOK_AREA, new AreaDeleted(ID, EARLIER)).when(new RotateWebhookSecret(ID)),
                CommandRejectedException.class, "is DELETED");
    }

    // --- fires

    @Test
    void a_scheduled_instant_fires_an_execution_of_the_current_version() {
        given(CRON_AREA, new AreaUpdated(ID, 2, "ticker", TICK, EVERY_SECOND, TWO_REACTIONS, POLICY, EARLIER))
                .when(FireArea.scheduled(ID, FireSource.CRON, T1, "e1"))
                .expectResultMessagePayload("e1")
                .expectEvents(new AreaFired(ID, ID + "@" + T1, "e1", 2, FireSource.CRON, T1, null, Map.of(), NOW));
    }

    @Test
    void the_same_instant_fires_once() {
        rejected(given(CRON_AREA, fired(T1, "e1")).when(FireArea.scheduled(ID, FireSource.CRON, T1, "e2")),
                FireRejectedException.class, "already fired");
    }

    @Test
    void an_instant_before_the_last_fired_one_does_not_fire() {
        rejected(given(CRON_AREA, fired(T2, "e1")).when(FireArea.scheduled(ID, FireSource.CRON, T1, "e2")),
                FireRejectedException.class, "already fired for " + T2);
    }

    @Test
    void a_later_instant_fires_again() {
        given(CRON_AREA, fired(T1, "e1")).when(FireArea.scheduled(ID, FireSource.CRON, T2, "e2"))
                .expectEvents(new AreaFired(ID, ID + "@" + T2, "e2", 1, FireSource.CRON, T2, null, Map.of(), NOW));
    }

    @Test
    void a_paused_area_does_not_fire_and_a_resumed_one_does() {
        rejected(given(CRON_AREA, new AreaPaused(ID, EARLIER)).when(FireArea.scheduled(ID, FireSource.CRON, T1, "e1")),
                FireRejectedException.class, "is paused");
        given(CRON_AREA, new AreaPaused(ID, EARLIER), new AreaResumed(ID, EARLIER))
                .when(FireArea.scheduled(ID, FireSource.CRON, T1, "e1"))
                .expectEvents(new AreaFired(ID, ID + "@" + T1, "e1", 1, FireSource.CRON, T1, null, Map.of(), NOW));
    }

    @Test
    void a_deleted_area_does_not_fire() {
        rejected(given(CRON_AREA, new AreaDeleted(ID, EARLIER)).when(FireArea.scheduled(ID, FireSource.CRON, T1, "e1")),
                FireRejectedException.class, "is deleted");
        rejected(given(HOOK_AREA, new AreaDeleted(ID, EARLIER))
                        .when(FireArea.webhook(ID, "github", "d1", Map.of(), "e1")),
                FireRejectedException.class, "is deleted");
    }

    @Test
    void a_fire_must_match_the_trigger_kind_and_the_webhook_service() {
        rejected(given(CRON_AREA).when(FireArea.scheduled(ID, FireSource.INTERVAL, T1, "e1")),
                FireRejectedException.class, "has a CRON trigger, not INTERVAL");
        rejected(given(HOOK_AREA).when(FireArea.webhook(ID, "gitlab", "d1", Map.of(), "e1")),
                FireRejectedException.class, "no webhook for service gitlab");
    }

    @Test
    void a_scheduled_fire_id_is_area_at_instant() {
        given(CRON_AREA).when(new FireArea(ID, "made-up", "e1", FireSource.CRON, null, T1, null, Map.of()))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void a_delivery_fires_once_per_delivery_id() {
        given(HOOK_AREA).when(FireArea.webhook(ID, "github", "d1", Map.of("a", 1), "e1"))
                .expectEvents(new AreaFired(ID, "d1", "e1", 1, FireSource.WEBHOOK, null, "d1", Map.of("a", 1), NOW));
        rejected(given(HOOK_AREA, delivered("d1", "e1", EARLIER))
                        .when(FireArea.webhook(ID, "github", "d1", Map.of("a", 1), "e2")),
                FireRejectedException.class, "already fired for delivery d1");
    }

    @Test
    void a_delivery_id_is_forgotten_after_a_day() {
        // given a delivery a little more than a day before another one
        Instant longAgo = NOW.minus(RecentDeliveries.RETENTION).minusSeconds(120);
        given(HOOK_AREA, delivered("old", "e1", longAgo), completedWithoutReactions("e1"),
                delivered("recent", "e2", NOW.minusSeconds(60)), completedWithoutReactions("e2"))
                // when the old id comes again, then it fires (it is no longer remembered); the recent one does not
                .when(FireArea.webhook(ID, "github", "old", Map.of(), "e3"))
                .expectEvents(new AreaFired(ID, "old", "e3", 1, FireSource.WEBHOOK, null, "old", Map.of(), NOW));
        rejected(given(HOOK_AREA, delivered("old", "e1", longAgo), delivered("recent", "e2", NOW.minusSeconds(60)))
                .when(FireArea.webhook(ID, "github", "recent", Map.of(), "e3")), FireRejectedException.class,
                "already fired");
    }

    private static AreaActionCompleted completedWithoutReactions(String executionId) {
        return actionDone(executionId, true);
    }

    // --- execution steps

    @Test
    void an_action_that_did_not_trigger_ends_the_execution_not_triggered() {
        given(CRON_AREA, fired(T1, "e1"))
                .when(new RecordActionCompleted(ID, "e1", "task-a", 1, Outcome.SUCCESS, false, Map.of("x", 1)))
                .expectResultMessagePayload(true)
                .expectEvents(new AreaActionCompleted(ID, "e1", "task-a", 1, Outcome.SUCCESS, false, Map.of("x", 1),
                                NOW),
                        new AreaExecutionCompleted(ID, "e1", ExecutionStatus.NOT_TRIGGERED, EARLIER, NOW));
    }

    @Test
    void a_failed_action_ends_the_execution_failed_and_never_triggers() {
        given(CRON_AREA, fired(T1, "e1"))
                .when(new RecordActionCompleted(ID, "e1", "task-a", 2, Outcome.FAILURE, true, Map.of()))
                .expectEvents(new AreaActionCompleted(ID, "e1", "task-a", 2, Outcome.FAILURE, false, Map.of(), NOW),
                        new AreaExecutionCompleted(ID, "e1", ExecutionStatus.FAILED, EARLIER, NOW));
    }

    @Test
    void a_triggered_action_waits_for_its_reactions() {
        given(CRON_AREA, fired(T1, "e1"))
                .when(new RecordActionCompleted(ID, "e1", "task-a", 1, Outcome.SUCCESS, true, Map.of()))
                .expectEvents(new AreaActionCompleted(ID, "e1", "task-a", 1, Outcome.SUCCESS, true, Map.of(), NOW));
    }

    @Test
    void a_triggered_action_without_reactions_succeeds() {
        given(HOOK_AREA, delivered("d1", "e1", EARLIER))
                .when(new RecordActionCompleted(ID, "e1", "task-a", 1, Outcome.WARNING, true, Map.of()))
                .expectEvents(new AreaActionCompleted(ID, "e1", "task-a", 1, Outcome.WARNING, true, Map.of(), NOW),
                        new AreaExecutionCompleted(ID, "e1", ExecutionStatus.SUCCEEDED, EARLIER, NOW));
    }

    @Test
    void the_action_is_recorded_once() {
        given(CRON_AREA, fired(T1, "e1"), actionDone("e1", true))
                .when(new RecordActionCompleted(ID, "e1", "task-a", 1, Outcome.SUCCESS, true, Map.of()))
                .expectResultMessagePayload(false).expectNoEvents();
        given(CRON_AREA).when(new RecordActionCompleted(ID, "unknown", "task-a", 1, Outcome.SUCCESS, true, Map.of()))
                .expectResultMessagePayload(false).expectNoEvents();
    }

    @Test
    void the_last_reaction_decides_the_status() {
        // given reaction 1 was skipped (its condition did not hold)
        AreaReactionCompleted skipped = new AreaReactionCompleted(ID, "e1", 1, "log", false, null, 0, null, EARLIER);
        // when reaction 0 succeeds, then the execution succeeded
        given(CRON_AREA, fired(T1, "e1"), actionDone("e1", true), skipped)
                .when(new RecordReactionCompleted(ID, "e1", 0, "log", true, "task-r0", 1, Outcome.SUCCESS))
                .expectEvents(new AreaReactionCompleted(ID, "e1", 0, "log", true, "task-r0", 1, Outcome.SUCCESS, NOW),
                        new AreaExecutionCompleted(ID, "e1", ExecutionStatus.SUCCEEDED, EARLIER, NOW));
        // and when it was dead-lettered instead, the execution partially failed
        given(CRON_AREA, fired(T1, "e1"), actionDone("e1", true), skipped)
                .when(new RecordReactionCompleted(ID, "e1", 0, "log", true, "task-r0", 2, Outcome.FAILURE))
                .expectEvents(new AreaReactionCompleted(ID, "e1", 0, "log", true, "task-r0", 2, Outcome.FAILURE, NOW),
                        new AreaExecutionCompleted(ID, "e1", ExecutionStatus.PARTIALLY_FAILED, EARLIER, NOW));
    }

    @Test
    void a_reaction_is_recorded_once_and_only_after_a_triggering_action() {
        AreaReactionCompleted first = new AreaReactionCompleted(ID, "e1", 0, "log", true, "r0", 1, Outcome.SUCCESS,
                EARLIER);
        given(CRON_AREA, fired(T1, "e1"), actionDone("e1", true), first)
                .when(new RecordReactionCompleted(ID, "e1", 0, "log", true, "r0", 1, Outcome.SUCCESS))
                .expectResultMessagePayload(false).expectNoEvents();
        rejected(given(CRON_AREA, fired(T1, "e1"))
                        .when(new RecordReactionCompleted(ID, "e1", 0, "log", true, "r0", 1, Outcome.SUCCESS)),
                CommandRejectedException.class, "runs no reactions");
        given(CRON_AREA, fired(T1, "e1"), actionDone("e1", true))
                .when(new RecordReactionCompleted(ID, "e1", 7, "log", true, "r7", 1, Outcome.SUCCESS))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void an_execution_fired_before_an_update_keeps_the_reactions_of_its_version() {
        // given e1 fired with two reactions, then the AREA was updated to one reaction and paused
        given(CRON_AREA, fired(T1, "e1"),
                new AreaUpdated(ID, 2, "x", TICK, EVERY_SECOND, List.of(new ReactionSpec("log", Map.of(), null, null)),
                        POLICY, EARLIER),
                new AreaPaused(ID, EARLIER), actionDone("e1", true),
                new AreaReactionCompleted(ID, "e1", 0, "log", true, "r0", 1, Outcome.SUCCESS, EARLIER))
                // when its second reaction completes, then the execution is over (two of two)
                .when(new RecordReactionCompleted(ID, "e1", 1, "log", false, null, 0, null))
                .expectEvents(new AreaReactionCompleted(ID, "e1", 1, "log", false, null, 0, null, NOW),
                        new AreaExecutionCompleted(ID, "e1", ExecutionStatus.SUCCEEDED, EARLIER, NOW));
    }

    @Test
    void an_area_with_too_many_open_executions_stops_firing() {
        Object[] history = new Object[1 + AreaAggregate.MAX_OPEN_EXECUTIONS];
        history[0] = CRON_AREA;
        for (int i = 0; i < AreaAggregate.MAX_OPEN_EXECUTIONS; i++) {
            history[i + 1] = fired(T1.plusSeconds(i), "e" + i);
        }
        rejected(given(history).when(FireArea.scheduled(ID, FireSource.CRON, T1.plusSeconds(5_000), "next")),
                FireRejectedException.class, "still running");
    }

    @Test
    void an_unknown_area_is_not_found() {
        fixture.givenNoPriorActivity().when(new PauseArea(ID))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

}
