package io.aviary.command.person;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.person.People.Person;
import io.aviary.events.user.Role;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserDeleted;
import io.aviary.events.user.UserRolesChanged;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * People are workers (aTES): a user who has role WORKER is also a worker named after the username, bound to hardware
 * id {@code person:<userId>}, accepting the task types of {@link PersonWorkerProperties} (default {@code manual}),
 * labelled {@code kind=person}. Gaining the role registers it (again: a deregistered worker comes back), losing it
 * deregisters it (its unfinished tasks are re-queued by the dispatcher), and so does deleting the user; a username
 * created again after its deletion is a new start. Processing group {@value #PROCESSING_GROUP},
 * tracking, persistent token; commands run in the batch's transaction, like the {@code AccountingProcess}. Each user
 * event is applied once, by the user aggregate's sequence number ({@link People}), so a replay sends no command (a
 * replayed "role granted" would otherwise bring back, for a moment, the worker of a user who lost the role since).
 * <p>
 * A name already bound to other hardware (an agent called like the user) is rejected by the Worker aggregate: that is
 * logged and skipped, since retrying cannot help (an admin renames one of them). Axon's Spring transaction manager
 * leaves a participating transaction alone on rollback, so the rejection does not spoil the batch.
 */
@ProcessingGroup(PersonWorkerProcess.PROCESSING_GROUP)
public class PersonWorkerProcess {

    /** The processing group, and so the name of its tracking processor. */
    public static final String PROCESSING_GROUP = "person-workers";

    private static final Logger log = LoggerFactory.getLogger(PersonWorkerProcess.class);

    private final People people;
    private final CommandGateway commands;
    private final PersonWorkerProperties properties;

    public PersonWorkerProcess(People people, CommandGateway commands, PersonWorkerProperties properties) {
        this.people = people;
        this.commands = commands;
        this.properties = properties;
    }

    @EventHandler
    public void on(UserCreated event, @SequenceNumber long sequence) {
        Person known = people.find(event.userId()).orElse(null);
        if (known != null && sequence <= known.lastSequence()) {
            return; // seen before: a redelivery or a replay
        }
        // known: the user was deleted (no worker any more) and its username is created again
        Person person = new Person(event.userId(), event.username(), isWorker(event.roles()), sequence);
        people.remember(person);
        if (person.worker()) {
            register(person);
        }
    }

    @EventHandler
    public void on(UserDeleted event, @SequenceNumber long sequence) {
        Person known = people.find(event.userId()).orElse(null);
        if (known == null) {
            log.warn("User {} deleted, whose creation was not seen: no worker to deregister", event.userId());
            return;
        }
        if (sequence <= known.lastSequence()) {
            return; // applied before: a redelivery or a replay
        }
        Person deleted = new Person(known.userId(), known.username(), false, sequence);
        people.remember(deleted);
        if (known.worker()) {
            deregister(deleted, "user deleted");
        }
    }

    @EventHandler
    public void on(UserRolesChanged event, @SequenceNumber long sequence) {
        Person known = people.find(event.userId()).orElse(null);
        if (known == null) {
            log.warn("Roles changed for user {}, whose creation was not seen: no worker to update", event.userId());
            return;
        }
        if (sequence <= known.lastSequence()) {
            return; // applied before: a redelivery or a replay
        }
        boolean worker = isWorker(event.roles());
        Person changed = new Person(known.userId(), known.username(), worker, sequence);
        people.remember(changed);
        if (worker == known.worker()) {
            return;
        }
        if (worker) {
            register(changed);
        } else {
            deregister(changed, "role WORKER removed");
        }
    }

    private void register(Person person) {
        try {
            commands.sendAndWait(PersonWorkers.register(person.userId(), person.username(), properties));
        } catch (CommandRejectedException e) {
            log.warn("User {} has role WORKER but gets no worker: {}", person.username(), e.getMessage());
        }
    }

    private void deregister(Person person, String reason) {
        try {
            commands.sendAndWait(PersonWorkers.deregister(person.username(), reason));
        } catch (AggregateNotFoundException e) {
            log.info("User {} is no worker any more ({}) but had none (its registration was rejected)",
                    person.username(), reason);
        } catch (CommandRejectedException e) {
            log.warn("User {} is no worker any more ({}), its worker stays: {}", person.username(), reason,
                    e.getMessage());
        }
    }

    private static boolean isWorker(Set<Role> roles) {
        return roles != null && roles.contains(Role.WORKER);
    }
}
