package io.aviary.command.person;

import java.util.Optional;

/** The users the {@link PersonWorkerProcess} has seen: their name, and whether they are a worker now. */
public interface People {

    /**
     * A user as far as workers go.
     *
     * @param lastSequence the user aggregate's sequence number of the last event applied here
     */
    record Person(String userId, String username, boolean worker, long lastSequence) {
    }

    /** Records the user (a repeat overwrites: the latest event wins). */
    void remember(Person person);

    Optional<Person> find(String userId);
}
