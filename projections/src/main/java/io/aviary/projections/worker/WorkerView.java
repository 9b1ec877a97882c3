package io.aviary.projections.worker;

import io.aviary.events.worker.WorkerState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code workers} document of one worker while a batch is applied. Worker events change the worker's own
 * fields (guarded by {@link #seq()}); task events change {@code lastOutcomes} only. The two parts are written with
 * separate {@code $set}s, so each part is written only when it changed.
 */
public final class WorkerView {

    /** Sequence held by a document that has not applied any worker event yet. */
    public static final long NO_SEQUENCE = -1;

    final String workerId;
    String name;
    String hardwareId;
    WorkerState state;
    String stateReason;
    int slots;
    int maxQueue;
    List<String> taskTypes = List.of();
    Map<String, String> labels = Map.of();
    Instant registeredAt;
    Instant updatedAt;
    /** Sorted by task type so that the stored document does not depend on the order events were applied in. */
    final Map<String, LastOutcome> lastOutcomes = new TreeMap<>();
    long seq = NO_SEQUENCE;

    boolean workerChanged;
    boolean outcomesChanged;

    public WorkerView(String workerId) {
        this.workerId = workerId;
    }

    public String workerId() {
        return workerId;
    }

    public long seq() {
        return seq;
    }

    public boolean changed() {
        return workerChanged || outcomesChanged;
    }
}
