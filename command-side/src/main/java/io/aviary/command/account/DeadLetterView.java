package io.aviary.command.account;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;

import java.time.Instant;

/**
 * One parked event of the accounting dead-letter queue, as {@code GET /api/v1/admin/dead-letters/accounting} shows it.
 *
 * @param eventId        the event's identifier in the event store
 * @param eventType      its payload type, e.g. {@code TaskAssigned}
 * @param aggregateId    the task or worker it belongs to (its sequence in the queue)
 * @param occurredAt     when the event happened
 * @param causeType      the failure's type
 * @param causeMessage   the failure's message
 * @param enqueuedAt     when it was parked
 * @param lastTouched    when it was last tried
 */
public record DeadLetterView(String eventId, String eventType, String aggregateId, Instant occurredAt,
                             String causeType, String causeMessage, Instant enqueuedAt, Instant lastTouched) {

    static DeadLetterView of(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        return new DeadLetterView(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                event.getTimestamp(),
                letter.cause().map(cause -> cause.type()).orElse(null),
                letter.cause().map(cause -> cause.message()).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
