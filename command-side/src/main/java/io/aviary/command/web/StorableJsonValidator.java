package io.aviary.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/** Checks {@link StorableJson}: NUL-free keys and nesting on the JSON tree, size by writing it into a counter. */
public class StorableJsonValidator implements ConstraintValidator<StorableJson, Object> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private int bytes;
    private int depth;

    @Override
    public void initialize(StorableJson annotation) {
        bytes = annotation.bytes();
        depth = annotation.depth();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        JsonNode tree;
        try {
            tree = JSON.valueToTree(value);
        } catch (IllegalArgumentException notJson) {
            return refuse(context, "must be writable as JSON");
        }
        if (tooDeep(tree, 1)) {
            return refuse(context, "must be nested at most " + depth + " levels");
        }
        if (hasNulKey(tree)) {
            return refuse(context, "must not contain a NUL character in a key");
        }
        try {
            JSON.writeValue(new Counter(bytes), tree);
            return true;
        } catch (IOException tooLarge) {
            return refuse(context, "must be at most " + bytes + " bytes as JSON");
        }
    }

    private boolean tooDeep(JsonNode node, int level) {
        if (!node.isContainerNode()) {
            return false;
        }
        if (level > depth) {
            return true;
        }
        for (JsonNode child : node) {
            if (tooDeep(child, level + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNulKey(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().indexOf('\u0000') >= 0 || hasNulKey(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (hasNulKey(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }

    /** Counts bytes; fails as soon as the limit is passed, so a huge value is not written out in full. */
    private static final class Counter extends OutputStream {

        private final int limit;
        private long count;

        Counter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            add(length);
        }

        private void add(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException("too large");
            }
        }
    }
}
