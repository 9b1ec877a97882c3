package io.aviary.infra;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh names for test isolation, valid as MongoDB database names and unquoted PostgreSQL schema names. */
final class DatabaseNames {

    private static final int MAX_PREFIX = 40;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DatabaseNames() {
    }

    /**
     * The prefix in lower case with other characters than {@code [a-z0-9_]} replaced by {@code _} (and {@code db_}
     * in front unless it starts with a letter), then a counter and a random part, so that runs sharing one
     * external server do not collide either. At most 60 characters (MongoDB allows 63).
     */
    static String next(String prefix) {
        String clean = (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "db_" + clean;
        }
        if (clean.length() > MAX_PREFIX) {
            clean = clean.substring(0, MAX_PREFIX);
        }
        return clean + "_" + COUNTER.incrementAndGet() + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }
}
