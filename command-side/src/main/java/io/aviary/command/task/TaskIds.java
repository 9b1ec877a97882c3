package io.aviary.command.task;

import io.aviary.command.support.RandomUuids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A task's id: random, or derived from the caller's idempotency key so that a repeated key reaches the same
 * aggregate, which then answers with the first task's id.
 */
public final class TaskIds {

    private TaskIds() {
    }

    public static String newTaskId(String idempotencyKey) {
        if (idempotencyKey == null) {
            return RandomUuids.next().toString();
        }
        return UUID.nameUUIDFromBytes(("aviary-task:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
