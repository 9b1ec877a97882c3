package io.aviary.projections.apply;

import io.aviary.events.AviaryEvent;

/**
 * One event read from {@code aviary.events}, ready to project.
 *
 * @param eventId  the CloudEvent id (for logs)
 * @param sequence the event's sequence number within its aggregate ({@code ce_aviaryseq}, 0-based): a document
 *                 applies an event only when this is greater than the sequence it already holds
 * @param event    the decoded event
 */
public record ProjectedEvent(String eventId, long sequence, AviaryEvent event) {
}
