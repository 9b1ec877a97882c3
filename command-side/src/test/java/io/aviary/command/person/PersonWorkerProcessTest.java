package io.aviary.command.person;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.account.AnsweringCommandGateway;
import io.aviary.command.worker.WorkerCommands.DeregisterWorker;
import io.aviary.command.worker.WorkerCommands.RegisterWorker;
import io.aviary.events.user.Role;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserDeleted;
import io.aviary.events.user.UserIds;
import io.aviary.events.user.UserRolesChanged;
import io.aviary.events.worker.WorkerIds;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PersonWorkerProcessTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String ALICE = UserIds.forUsername("alice");

    private final AnsweringCommandGateway gateway = new AnsweringCommandGateway();
    private final InMemoryPeople people = new InMemoryPeople();
    private final PersonWorkerProcess process = new PersonWorkerProcess(people, gateway,
            new PersonWorkerProperties(1, 10, List.of("manual")));

    private static final RegisterWorker ALICE_AS_WORKER = new RegisterWorker(WorkerIds.forName("alice"), "alice",
            "person:" + ALICE, 1, 10, List.of("manual"), Map.of("kind", "person"));

    @Test
    void a_user_created_with_role_worker_becomes_a_worker_named_after_the_username() {
        process.on(new UserCreated(ALICE, "alice", Set.of(Role.WORKER, Role.MANAGER), T0), 0);

        assertThat(gateway.commands()).containsExactly(ALICE_AS_WORKER);
    }

    @Test
    void a_user_without_role_worker_gets_no_worker_until_the_role_is_granted() {
        process.on(new UserCreated(ALICE, "alice", Set.of(Role.ACCOUNTANT), T0), 0);
        assertThat(gateway.commands()).isEmpty();

        process.on(new UserRolesChanged(ALICE, Set.of(Role.ACCOUNTANT, Role.WORKER), T0), 1);

        assertThat(gateway.commands()).containsExactly(ALICE_AS_WORKER);
    }

    @Test
    void losing_the_role_deregisters_the_worker_and_regaining_it_registers_it_again() {
        process.on(new UserCreated(ALICE, "alice", Set.of(Role.WORKER), T0), 0);

        process.on(new UserRolesChanged(ALICE, Set.of(Role.MANAGER), T0), 1);
        process.on(new UserRolesChanged(ALICE, Set.of(Role.WORKER), T0), 2);

        assertThat(gateway.commands()).containsExactly(ALICE_AS_WORKER,
                new DeregisterWorker(WorkerIds.forName("alice"), "role WORKER removed"), ALICE_AS_WORKER);
    }

    @Test
    void a_replay_of_the_users_events_sends_nothing() {
        // given a user who got the role, lost it, and got it back
        UserCreated created = new UserCreated(ALICE, "alice", Set.of(Role.WORKER), T0);
        UserRolesChanged lost = new UserRolesChanged(ALICE, Set.of(Role.MANAGER), T0);
        UserRolesChanged regained = new UserRolesChanged(ALICE, Set.of(Role.WORKER), T0);
        process.on(created, 0);
        process.on(lost, 1);
        process.on(regained, 2);
        gateway.clear();

        // when the events arrive again, from the first
        process.on(created, 0);
        process.on(lost, 1);
        process.on(regained, 2);

        // then no worker flips back and forth
        assertThat(gateway.commands()).isEmpty();
        assertThat(people.find(ALICE)).contains(new People.Person(ALICE, "alice", true, 2));
    }

    @Test
    void a_role_change_that_keeps_or_lacks_role_worker_changes_nothing() {
        process.on(new UserCreated(ALICE, "alice", Set.of(Role.WORKER), T0), 0);
        gateway.clear();

        process.on(new UserRolesChanged(ALICE, Set.of(Role.WORKER, Role.ADMIN), T0), 1);
        process.on(new UserRolesChanged(UserIds.forUsername("nobody-seen"), Set.of(Role.WORKER), T0), 3);

        assertThat(gateway.commands()).isEmpty();
    }

    @Test
    void a_name_bound_to_an_agent_is_refused_and_the_process_goes_on() {
        gateway.answering(command -> {
            if (command instanceof RegisterWorker) {
                throw new CommandRejectedException("Worker name 'alice' is bound to another hardware id");
            }
            throw new AggregateNotFoundException(WorkerIds.forName("alice"), "no worker");
        });

        process.on(new UserCreated(ALICE, "alice", Set.of(Role.WORKER), T0), 0);
        process.on(new UserRolesChanged(ALICE, Set.of(Role.ADMIN), T0), 1);

        assertThat(gateway.commands()).hasSize(2);
        assertThat(people.find(ALICE)).contains(new People.Person(ALICE, "alice", false, 1));
    }

    @Test
    void deleting_a_worker_person_deregisters_the_worker_once_and_creating_the_username_again_registers_it() {
        process.on(new UserCreated(ALICE, "alice", Set.of(Role.WORKER), T0), 0);

        process.on(new UserDeleted(ALICE, "alice", T0), 1);
        process.on(new UserDeleted(ALICE, "alice", T0), 1); // redelivered
        process.on(new UserCreated(ALICE, "alice", Set.of(Role.WORKER), T0), 2);

        assertThat(gateway.commands()).containsExactly(ALICE_AS_WORKER,
                new DeregisterWorker(WorkerIds.forName("alice"), "user deleted"), ALICE_AS_WORKER);
        assertThat(people.find(ALICE)).contains(new People.Person(ALICE, "alice", true, 2));
    }

    @Test
    void deleting_a_user_who_is_no_worker_sends_nothing() {
        process.on(new UserCreated(ALICE, "alice", Set.of(Role.MANAGER), T0), 0);

        process.on(new UserDeleted(ALICE, "alice", T0), 1);

        assertThat(gateway.commands()).isEmpty();
        assertThat(people.find(ALICE)).contains(new People.Person(ALICE, "alice", false, 1));
    }

    /** {@link People} in a map. */
    private static final class InMemoryPeople implements People {
        private final Map<String, Person> byId = new HashMap<>();

        @Override
        public void remember(Person person) {
            byId.put(person.userId(), person);
        }

        @Override
        public Optional<Person> find(String userId) {
            return Optional.ofNullable(byId.get(userId));
        }
    }
}
