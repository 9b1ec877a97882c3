package io.aviary.command.area;

import java.util.List;

/** The action and reaction types agents run for AREAs (the worker-agent's built-in executors). */
public final class BuiltInTypes {

    public static final String HTTP_POLL = "http.poll";
    public static final String WEBHOOK_RECEIVED = "webhook.received";
    public static final String TIMER_TICK = "timer.tick";

    public static final String HTTP_POST = "http.post";
    public static final String TASK_CREATE = "task.create";
    public static final String LOG = "log";

    /** Action types, sorted. */
    public static final List<String> ACTIONS = List.of(HTTP_POLL, TIMER_TICK, WEBHOOK_RECEIVED);
    /** Reaction types, sorted. */
    public static final List<String> REACTIONS = List.of(HTTP_POST, LOG, TASK_CREATE);

    private BuiltInTypes() {
    }
}
