package io.aviary.command.task;

import io.aviary.command.web.BatchItemResult;

import java.util.List;

/**
 * Answer of a batch endpoint: one result per item, in the request's order, and how many were accepted.
 *
 * @param accepted items taken (status 202)
 * @param refused  items refused (any other status); nothing of theirs changed
 * @param results  one per item
 */
public record BatchResponse(int accepted, int refused, List<BatchItemResult> results) {

    public static BatchResponse of(List<BatchItemResult> results) {
        int accepted = (int) results.stream().filter(BatchItemResult::isAccepted).count();
        return new BatchResponse(accepted, results.size() - accepted, List.copyOf(results));
    }
}
