package io.aviary.events.user;

import io.aviary.events.AviaryEvent;

/** An event of the User aggregate. Passwords and tokens are never in events: the log is forever. */
public interface UserEvent extends AviaryEvent {

    /** The user's id (deterministic from the username). */
    String userId();

    @Override
    default String aggregateId() {
        return userId();
    }
}
