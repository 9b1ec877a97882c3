package io.aviary.command.user;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.user.UserCommands.ChangeUserRoles;
import io.aviary.command.user.UserCommands.CreateUser;
import io.aviary.command.user.UserCommands.DeleteUser;
import io.aviary.events.user.Role;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserDeleted;
import io.aviary.events.user.UserIds;
import io.aviary.events.user.UserRolesChanged;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;

class UserAggregateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final String ID = UserIds.forUsername("alice");
    private static final UserCreated CREATED = new UserCreated(ID, "alice", Set.of(Role.MANAGER),
            NOW.minusSeconds(60));

    private AggregateTestFixture<UserAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAggregate.class);
    }

    @Test
    void a_new_username_creates_the_user_with_its_roles() {
        fixture.givenCurrentTime(NOW)
                .when(new CreateUser(ID, "alice", Set.of(Role.MANAGER, Role.WORKER)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID)
                .expectEvents(new UserCreated(ID, "alice", Set.of(Role.MANAGER, Role.WORKER), NOW));
    }

    @Test
    void a_taken_username_is_rejected_and_nothing_changes() {
        fixture.givenCurrentTime(NOW).andGiven(CREATED)
                .when(new CreateUser(ID, "Alice", Set.of(Role.ADMIN)))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("is taken"))
                .expectNoEvents();
    }

    @Test
    void new_roles_replace_the_old_ones() {
        fixture.givenCurrentTime(NOW).andGiven(CREATED)
                .when(new ChangeUserRoles(ID, Set.of(Role.ACCOUNTANT)))
                .expectEvents(new UserRolesChanged(ID, Set.of(Role.ACCOUNTANT), NOW));
    }

    @Test
    void the_same_roles_again_change_nothing() {
        fixture.givenCurrentTime(NOW).andGiven(CREATED)
                .when(new ChangeUserRoles(ID, Set.of(Role.MANAGER)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void roles_of_an_unknown_user_cannot_change() {
        fixture.givenNoPriorActivity()
                .when(new ChangeUserRoles(ID, Set.of(Role.MANAGER)))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void a_user_is_deleted_once_and_a_deleted_user_is_gone_for_every_command_but_a_new_creation() {
        UserDeleted deleted = new UserDeleted(ID, "alice", NOW.minusSeconds(10));
        fixture.givenCurrentTime(NOW).andGiven(CREATED)
                .when(new DeleteUser(ID))
                .expectEvents(new UserDeleted(ID, "alice", NOW));
        fixture.givenCurrentTime(NOW).andGiven(CREATED, deleted)
                .when(new DeleteUser(ID))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(CREATED, deleted)
                .when(new ChangeUserRoles(ID, Set.of(Role.ADMIN)))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(CREATED, deleted)
                .when(new CreateUser(ID, "alice", Set.of(Role.ACCOUNTANT)))
                .expectEvents(new UserCreated(ID, "alice", Set.of(Role.ACCOUNTANT), NOW));
    }

    @Test
    void an_unknown_user_cannot_be_deleted() {
        fixture.givenNoPriorActivity()
                .when(new DeleteUser(ID))
                .expectException(AggregateNotFoundException.class);
    }
}
