package io.aviary.command.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;

/**
 * An event version that only added fields, upcast from the version before: the stored body gets the new fields as
 * {@code null} (what they mean for an event written before them), and the stored revision says what the body holds,
 * so a later upcaster starts from one known shape. Version 1 is stored without a revision or as {@code "1"}.
 */
public class NullFieldsUpcaster extends SingleEventUpcaster {

    private final String type;
    private final String fromRevision;
    private final String toRevision;
    private final List<String> addedFields;

    /**
     * @param eventClass   the event's class (its stored type name)
     * @param fromVersion  the catalog version upcast from
     * @param addedFields  the fields the next version added
     */
    public NullFieldsUpcaster(Class<?> eventClass, int fromVersion, String... addedFields) {
        this.type = eventClass.getName();
        this.fromRevision = Integer.toString(fromVersion);
        this.toRevision = Integer.toString(fromVersion + 1);
        this.addedFields = List.of(addedFields);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return type.equals(representation.getType().getName())
                && (fromRevision.equals(revision) || ("1".equals(fromRevision) && revision == null));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(type, toRevision), JsonNode.class, node -> {
            ObjectNode upcast = ((ObjectNode) node).deepCopy();
            addedFields.forEach(field -> {
                if (!upcast.has(field)) {
                    upcast.putNull(field);
                }
            });
            return upcast;
        });
    }
}
