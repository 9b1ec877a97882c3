package io.aviary.command.axon;

import io.aviary.events.EventCatalog;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * The stored revision of an event is its {@link EventCatalog} version ({@code "2"} for {@code TaskCreated} today), so
 * that the event contract is the one place where a version is decided and the upcasters can tell stored shapes
 * apart. Everything else Axon stores (tracking tokens, sagas, aggregate snapshots) keeps its {@code @Revision}
 * annotation, if any.
 * <p>
 * Events stored before this resolver existed have no revision ({@code null}): for the upcasters that is version 1.
 */
public class CatalogRevisionResolver implements RevisionResolver {

    private final RevisionResolver others = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        if (EventCatalog.versions(payloadType).isEmpty()) {
            return others.revisionOf(payloadType);
        }
        return Integer.toString(EventCatalog.of(payloadType).version());
    }
}
