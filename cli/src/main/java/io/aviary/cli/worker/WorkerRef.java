package io.aviary.cli.worker;

import io.aviary.events.worker.WorkerIds;

import java.util.Locale;
import java.util.regex.Pattern;

/** A worker named on the command line by id or by name: a worker's id follows from its name. */
public final class WorkerRef {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private WorkerRef() {
    }

    public static String id(String nameOrId) {
        String value = nameOrId.strip();
        return UUID.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : WorkerIds.forName(value);
    }
}
