package io.aviary.events.user;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** A user's id is derived from the username (case-insensitive), so a second user of the same name is detected. */
public final class UserIds {

    private UserIds() {
    }

    /** The user id for a username (name-based UUID, version 3). */
    public static String forUsername(String username) {
        String key = "aviary-user:" + username.toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
