package io.aviary.command.axon;

import io.aviary.command.support.RandomUuids;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers from {@link RandomUuids}, found by Axon through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}; its default factory calls
 * {@code UUID.randomUUID()}, one lock for every message of the process.
 */
public final class RandomIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomUuids.next().toString();
    }
}
