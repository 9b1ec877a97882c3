package io.aviary.projections.apply;

import java.util.List;

/**
 * One independently rebuildable projection: it reads only the events and the collections it writes, so it can be
 * pointed at fresh collections and fed the log from offset 0 (see {@code io.aviary.projections.rebuild}).
 * Implementations ignore the events they do not use, read their documents with one {@code $in} on {@code _id} per
 * collection, and write with upserts filtered by {@code _id} alone.
 */
public interface BatchProjection {

    /** Applies the batch (events of one aggregate in their order) and records what it did. */
    void apply(List<ProjectedEvent> batch, BatchOutcome outcome);
}
