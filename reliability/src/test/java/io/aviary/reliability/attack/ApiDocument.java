package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations of a running app's OpenAPI document ({@code /v3/api-docs}): method, path template, parameters,
 * request body schema ({@code $ref}s resolved against the document's components) and the roles it declares
 * ({@code x-aviary-roles}; none declared = open to anyone, e.g. login and webhooks).
 */
final class ApiDocument {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    /**
     * A parameter.
     *
     * @param name     its name
     * @param in       {@code path} or {@code query}
     * @param schema   its schema (resolved)
     * @param required whether it must be given
     */
    record Param(String name, String in, JsonNode schema, boolean required) {
    }

    /**
     * An operation.
     *
     * @param app          which app serves it
     * @param method       HTTP method, upper case
     * @param path         path template, e.g. {@code /api/v1/tasks/{taskId}/cancel}
     * @param params       path and query parameters
     * @param body         request body schema (resolved), or null
     * @param bodyRequired whether a body must be sent
     * @param roles        declared roles; empty: open to anyone
     */
    record Operation(Calls.App app, String method, String path, List<Param> params, JsonNode body,
                     boolean bodyRequired, Set<String> roles) {

        boolean open() {
            return roles.isEmpty();
        }

        boolean allows(String role) {
            return open() || role != null && roles.contains(role);
        }

        /** Whether the operation may change something: anything but GET. */
        boolean writes() {
            return !"GET".equals(method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();

    ApiDocument(Calls.App app, JsonNode document) {
        this.document = document;
        JsonNode paths = document.path("paths");
        assertThat(paths.size()).as("paths in the OpenAPI document of %s", app).isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(app, path.getKey(), op.getKey().toUpperCase(Locale.ROOT),
                            op.getValue(), path.getValue().path("parameters")));
                }
            }
        }
    }

    List<Operation> operations() {
        return operations;
    }

    private Operation operation(Calls.App app, String path, String method, JsonNode op, JsonNode shared) {
        List<Param> params = new ArrayList<>();
        for (JsonNode list : List.of(shared, op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode param = resolve(p);
                String in = param.path("in").asText();
                if (in.equals("path") || in.equals("query")) {
                    params.add(new Param(param.path("name").asText(), in, resolve(param.path("schema")),
                            param.path("required").asBoolean(in.equals("path"))));
                }
            }
        }
        JsonNode body = null;
        boolean bodyRequired = false;
        JsonNode requestBody = resolve(op.path("requestBody"));
        if (!requestBody.isMissingNode()) {
            JsonNode content = requestBody.path("content");
            JsonNode media = content.has("application/json") ? content.get("application/json")
                    : content.elements().hasNext() ? content.elements().next() : null;
            body = media == null ? JsonNodeFactory.instance.objectNode() : resolve(media.path("schema"));
            bodyRequired = requestBody.path("required").asBoolean(false);
        }
        Set<String> roles = new TreeSet<>();
        op.path("x-aviary-roles").forEach(role -> roles.add(role.asText()));
        return new Operation(app, method, path, params, body, bodyRequired, roles);
    }

    /** The schema or object itself, or what its {@code $ref} names (recursively, at the top level). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return JsonNodeFactory.instance.objectNode();
            }
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    /** The properties of an object schema, resolved, including those of {@code allOf} parts. */
    Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new java.util.LinkedHashMap<>();
        JsonNode resolved = resolve(schema);
        resolved.path("allOf").forEach(part -> properties.putAll(properties(part)));
        resolved.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), resolve(p.getValue())));
        return properties;
    }

    /** The required property names of an object schema. */
    List<String> required(JsonNode schema) {
        List<String> required = new ArrayList<>();
        JsonNode resolved = resolve(schema);
        resolved.path("allOf").forEach(part -> required.addAll(required(part)));
        resolved.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    /** A fresh empty object node. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
