package io.aviary.command.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock, shifted by an offset a test can move (and reset). */
public class ShiftableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the clock forward by {@code by} (on top of earlier moves). */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the system time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
