package io.aviary.events.account;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Account ids are derived from worker ids: one account per worker, found without a lookup. */
public final class AccountIds {

    private AccountIds() {
    }

    /** The account id of a worker (name-based UUID, version 3). */
    public static String forWorker(String workerId) {
        return UUID.nameUUIDFromBytes(("aviary-account:" + workerId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
