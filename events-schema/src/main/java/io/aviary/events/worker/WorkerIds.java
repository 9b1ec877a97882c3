package io.aviary.events.worker;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A worker's id is derived from its name, so every registration of a name reaches the same aggregate, which
 * enforces the hardware binding without a lookup table.
 */
public final class WorkerIds {

    private WorkerIds() {
    }

    /** The worker id for a name (name-based UUID, version 3). */
    public static String forName(String name) {
        return UUID.nameUUIDFromBytes(("aviary-worker:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
