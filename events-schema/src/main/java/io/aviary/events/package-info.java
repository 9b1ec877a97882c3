/**
 * The Aviary event contract. Every domain event is a record implementing {@link io.aviary.events.AviaryEvent};
 * {@link io.aviary.events.EventCatalog} names each one on the wire ({@code io.aviary.<aggregate>.<Event>.v<N>})
 * and points at its JSON Schema. Nothing here depends on Spring, Axon or BSON so that clients can share it.
 */
package io.aviary.events;
