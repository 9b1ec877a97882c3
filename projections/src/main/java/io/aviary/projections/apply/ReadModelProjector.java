package io.aviary.projections.apply;

import com.mongodb.client.MongoDatabase;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.area.AreaEvent;
import io.aviary.events.task.TaskEvent;
import io.aviary.events.worker.WorkerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Applies a batch of events to every read model with a fixed number of round trips: per collection, one
 * {@code $in} read of the current documents by {@code _id} and one unordered {@code bulkWrite} of upserts filtered by
 * {@code _id} alone. Idempotence is decided in memory from what each document records (the aggregate sequence it
 * applied, or per-aggregate watermarks / natural keys in derived documents), never in a write filter: the embedded
 * server scans the whole collection for a filter such as {@code {_id: X, seq: {$lt: n}}}.
 *
 * <p>Each read model's projection is independent of the others ({@link ReadModel}), so a failed write leaves the
 * batch to be redelivered and every projection skips what it already holds. Being independent, the projections run
 * at the same time ({@link Concurrently}): a batch costs the round trips of its longest projection (4 for
 * {@code tasks}/{@code workers}/{@code worker_queues}), not the sum over all read models (16 or more), and
 * {@link #apply} returns once every projection is done.
 */
public final class ReadModelProjector {

    private static final Logger log = LoggerFactory.getLogger(ReadModelProjector.class);

    private final List<BatchProjection> projections;

    /** Every read model, in the live collections. */
    public ReadModelProjector(MongoDatabase database) {
        this(ReadModel.ONE_PER_PROJECTION, CollectionResolver.live(database));
    }

    /** The projections of {@code models} (one per projection), writing where {@code collections} says. */
    public ReadModelProjector(List<ReadModel> models, CollectionResolver collections) {
        this.projections = models.stream().map(model -> model.projection(collections)).toList();
    }

    /** Applies the events (in the order given per aggregate) and returns what changed. */
    public BatchResult apply(List<ProjectedEvent> batch) {
        for (ProjectedEvent event : batch) {
            if (!(event.event() instanceof TaskEvent || event.event() instanceof WorkerEvent
                    || event.event() instanceof AccountEvent || event.event() instanceof AreaEvent)) {
                log.debug("No read model uses {} ({})", event.event().getClass().getSimpleName(), event.eventId());
            } else if (event.event().aggregateId() == null) {
                log.warn("Skipping event {} ({}): no aggregate id", event.eventId(), event.event().getClass());
            }
        }
        BatchOutcome outcome = new BatchOutcome();
        Concurrently.run(projections.stream().<Runnable>map(projection -> () -> projection.apply(batch, outcome))
                .toList());
        return outcome.result(batch.size());
    }
}
