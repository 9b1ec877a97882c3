package io.aviary.command.security;

import java.time.Clock;
import java.time.Instant;

/**
 * The clock of everything identity decides by time: token lifetimes, key activation, login locks, enrolment token
 * expiry. A type of its own rather than a {@link Clock} bean, so that tests can move it without moving the
 * dispatcher's and the liveness monitor's clocks (they take any {@code Clock} bean there is).
 *
 * @param clock the time source
 */
public record SecurityClock(Clock clock) {

    /** The system clock in UTC. */
    public static SecurityClock system() {
        return new SecurityClock(Clock.systemUTC());
    }

    public Instant now() {
        return clock.instant();
    }
}
