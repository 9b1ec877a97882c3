package io.aviary.query.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What the live stream tells a dashboard about one event: enough to update a status in place and to know which
 * read model to load again, nothing more (payloads, outputs and money stay in the read models and their roles).
 *
 * @param type         the event's name, e.g. {@code TaskCompleted}
 * @param aggregate    {@code worker}, {@code task}, {@code account} or {@code area}
 * @param aggregateId  the task, worker, account or AREA id
 * @param workerId     the worker the event concerns: the worker itself, a task's (new) assignee, an account's owner
 * @param fromWorkerId the worker a task left (reassignment, re-queue)
 * @param status       the status after the event, where the event decides one: a task's {@code TaskStatus}, a
 *                     worker's {@code WorkerState}, an AREA's state or execution status
 * @param outcome      a reported outcome ({@code TaskCompleted})
 * @param at           when the event happened (the CloudEvent's {@code time})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(String type, String aggregate, String aggregateId, String workerId, String fromWorkerId,
                           String status, String outcome, Instant at) {

    /** Whether a person or agent whose worker is {@code workerId} may see it. */
    boolean concerns(String ownWorkerId) {
        return ownWorkerId != null && (ownWorkerId.equals(workerId) || ownWorkerId.equals(fromWorkerId)
                || ownWorkerId.equals(aggregateId));
    }
}
