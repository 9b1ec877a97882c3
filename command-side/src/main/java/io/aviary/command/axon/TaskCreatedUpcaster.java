package io.aviary.command.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.events.task.TaskCreated;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code TaskCreated} version 1 (stored without a revision, or as {@code "1"}) to version 2: adds {@code retryPolicy}
 * and {@code origin}, both {@code null}, which is what they mean for a task submitted before AREAs existed (the
 * global backoff, no AREA). The record would read a v1 body as it is; the upcaster makes the stored revision say
 * what the body holds, so a later v3 upcaster starts from one known shape.
 */
public class TaskCreatedUpcaster extends SingleEventUpcaster {

    static final String TYPE = TaskCreated.class.getName();
    static final String V2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return TYPE.equals(representation.getType().getName()) && (revision == null || "1".equals(revision));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, V2), JsonNode.class, node -> {
            ObjectNode v2 = ((ObjectNode) node).deepCopy();
            if (!v2.has("retryPolicy")) {
                v2.putNull("retryPolicy");
            }
            if (!v2.has("origin")) {
                v2.putNull("origin");
            }
            return v2;
        });
    }
}
