package io.aviary.command.web;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.security.ForbiddenException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a refused command of a batch means to the client: the same status and words as for a single request. */
public final class BatchFailures {

    private static final Logger LOG = LoggerFactory.getLogger(BatchFailures.class);

    private BatchFailures() {
    }

    public static BatchItemResult of(int index, String taskId, RuntimeException failure) {
        if (failure instanceof CommandRejectedException) {
            return BatchItemResult.refused(index, taskId, 409, "Command rejected", failure.getMessage());
        }
        if (failure instanceof ForbiddenException) {
            return BatchItemResult.refused(index, taskId, 403, "Forbidden", failure.getMessage());
        }
        if (failure instanceof AggregateNotFoundException) {
            return BatchItemResult.refused(index, taskId, 404, "Not found", "No task with id " + taskId);
        }
        if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return BatchItemResult.refused(index, taskId, 400, "Invalid request", failure.getMessage());
        }
        if (StoreUnavailable.causedBy(failure)) {
            // As for a single request: the database is down; the client tries this item again later.
            return BatchItemResult.refused(index, taskId, 503, "Service unavailable",
                    "The event store is not reachable; try again");
        }
        LOG.error("Unexpected error handling item {} of a batch", index, failure);
        return BatchItemResult.refused(index, taskId, 500, "Internal error",
                "The item could not be processed; the server log has the details");
    }
}
