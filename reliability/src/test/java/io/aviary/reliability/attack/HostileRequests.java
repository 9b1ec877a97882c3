package io.aviary.reliability.attack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.reliability.attack.ApiDocument.Operation;
import io.aviary.reliability.attack.ApiDocument.Param;
import io.aviary.reliability.attack.Attackers.Identity;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates hostile requests from the running apps' OpenAPI documents, reproducibly: request {@code i} of seed
 * {@code s} is always the same (given the same documents and identities), whatever order they are sent in.
 * <p>
 * Every request is built to be refused, so that the batch as a whole must leave the platform unchanged:
 * <ul>
 *     <li>a caller the operation does not allow (anonymous, bad tokens, a wrong role, an agent on other hardware)
 *     may send anything, even a well-formed body;</li>
 *     <li>an allowed caller of a command without path ids sends a body broken in one of several ways (malformed,
 *     invalid UTF-8, wrong top-level type, a required field missing, a field of the wrong JSON type, a constraint
 *     violated, over 1 MiB, nested deeper than any parser allows, a wrong content type, no body) plus injection
 *     strings and Mongo operators in the other fields;</li>
 *     <li>an allowed caller of a command on an id names an id that does not exist (random, or an injection or path
 *     traversal string), with any body;</li>
 *     <li>reads (GET) may succeed: their parameters carry the injection strings, operators, wrong types and
 *     traversals;</li>
 *     <li>a few percent are raw requests outside the documents (traversal towards actuator endpoints and files,
 *     odd methods, encoded slashes, null bytes).</li>
 * </ul>
 * Open operations (login, refresh, enrolment, agent token, webhooks) get well-formed bodies with random credentials
 * too: they are refused (401/404/429) without a known secret.
 */
final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int OVER_BODY_LIMIT = 1024 * 1024 + 64 * 1024;
    /** Jackson refuses documents nested deeper than 1000 levels (StreamReadConstraints). */
    static final int BEYOND_PARSER_DEPTH = 1500;

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", "text/html",
            "application/octet-stream", "application/x-java-serialized-object", "image/png", "");
    private static final List<String> RAW_TARGETS = List.of(
            "/actuator/env", "/actuator/heapdump", "/actuator/loggers", "/actuator/configprops",
            "/actuator/../actuator/env", "/api/v1/tasks/..%2f..%2factuator%2fenv", "/api/v1/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/tasks;jsessionid=1", "/api/v1/tasks/%00",
            "/api/v1/tasks/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/api//v1//tasks", "/api/v1/tasks/%",
            "/api/v1/tasks?status=%zz", "/api/v1/workers/%252e%252e%252factuator", "/swagger-ui/../actuator/env",
            "/v3/api-docs/..%2f..%2factuator%2fenv", "/webhooks/x/..%2f..%2fapi%2fv1%2fusers",
            "/api/v1/tasks/..;/..;/actuator/env", "/api/v1/users/%2e%2e", "/api/v1/tasks/%5c..%5c..%5cwindows",
            "/api/v1/tasks/a%0d%0aSet-Cookie:x=1", "/.well-known/../actuator/env", "/api/v1/%u002e%u002e",
            "/api/v1/tasks/" + "a".repeat(2000), "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/error",
            "/api/v1/admin/projections/..%2f..%2factuator%2fenv", "/api/v1/areas/%7B%7B7*7%7D%7D");
    private static final List<String> RAW_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "HEAD", "PROPFIND", "CONNECT", "FOO");

    /** An operation of a document, with the document to resolve its schemas. */
    record Target(ApiDocument document, Operation operation) {
    }

    /**
     * One generated request.
     *
     * @param index      its number in the run
     * @param app        the app it goes to
     * @param operation  the documented operation, or {@code raw}
     * @param identity   who sends it
     * @param mutation   how it is broken
     * @param mustReject whether any 2xx answer is a defect (everything but reads, raw requests and logout)
     * @param request    the bytes to send
     */
    record Attempt(int index, Calls.App app, String operation, String identity, String mutation, boolean mustReject,
                   RawHttp.Request request) {
    }

    private final List<Target> targets;
    private final List<Identity> identities;
    private final long seed;

    HostileRequests(List<Target> targets, List<Identity> identities, long seed) {
        this.targets = List.copyOf(targets);
        this.identities = List.copyOf(identities);
        this.seed = seed;
    }

    Attempt attempt(int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index * 0x9E3779B97F4A7C15L);
        Identity identity = identities.get(random.nextInt(identities.size()));
        if (random.nextInt(100) < 4) {
            return raw(index, random, identity);
        }
        Target target = targets.get(random.nextInt(targets.size()));
        Operation op = target.operation();
        boolean allowed = allowed(op, identity);
        boolean hasPathIds = op.params().stream().anyMatch(p -> p.in().equals("path"));
        if (allowed && op.writes() && !op.open() && !hasPathIds && op.body() == null) {
            // A bodiless command without ids (shuffle, key rotation) would run for real: only refused callers.
            identity = refusedIdentity(random, op);
            allowed = false;
        }
        List<String[]> headers = new ArrayList<>(identity.headers());
        decorateHeaders(random, headers);
        String path = path(random, op, allowed && op.writes());
        String query = op.writes() ? "" : query(random, op);
        Body body = new Body(null, "no body", null);
        if (op.body() != null) {
            boolean mustBreak = allowed && op.writes() && !op.open() && !hasPathIds;
            body = body(random, target, mustBreak);
        } else if (random.nextInt(20) == 0) {
            body = new Body(Calls.write(Map.of("unexpected", Hostile.string(random))), "unexpected body",
                    "application/json");
        }
        if (body.contentType() != null) {
            headers.add(new String[]{"Content-Type", body.contentType()});
        }
        boolean chunked = body.bytes() != null && random.nextInt(5) == 0;
        boolean logout = op.path().endsWith("/auth/logout");
        boolean mustReject = op.writes() && !logout;
        String mutation = (allowed ? "allowed " : "refused ") + body.mutation() + (chunked ? " (chunked)" : "");
        return new Attempt(index, op.app(), op.toString(), identity.name(), mutation, mustReject,
                new RawHttp.Request(op.method(), path + query, headers, body.bytes(), chunked));
    }

    private static boolean allowed(Operation op, Identity identity) {
        if (op.open()) {
            return true;
        }
        return identity.authenticated() && !identity.name().equals("agent on other hardware")
                && op.allows(identity.role().name());
    }

    private Identity refusedIdentity(SplittableRandom random, Operation op) {
        List<Identity> refused = identities.stream().filter(i -> !allowed(op, i)).toList();
        return refused.get(random.nextInt(refused.size()));
    }

    // ---- raw requests outside the documents ----

    private Attempt raw(int index, SplittableRandom random, Identity identity) {
        Calls.App app = Calls.App.values()[random.nextInt(Calls.App.values().length)];
        String method = RAW_METHODS.get(random.nextInt(RAW_METHODS.size()));
        String target = RAW_TARGETS.get(random.nextInt(RAW_TARGETS.size()));
        List<String[]> headers = new ArrayList<>(identity.headers());
        decorateHeaders(random, headers);
        byte[] body = null;
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            headers.add(new String[]{"Content-Type", "application/json"});
            body = Calls.write(Map.of("x", Hostile.string(random)));
        }
        return new Attempt(index, app, "raw " + method + " " + target, identity.name(), "raw target", false,
                new RawHttp.Request(method, target, headers, body, false));
    }

    private static void decorateHeaders(SplittableRandom random, List<String[]> headers) {
        switch (random.nextInt(12)) {
            case 0 -> headers.add(new String[]{"X-Forwarded-For", "10.0.0." + random.nextInt(255)});
            case 1 -> headers.add(new String[]{"X-HTTP-Method-Override", "DELETE"});
            case 2 -> headers.add(new String[]{"X-Original-URL", "/actuator/env"});
            case 3 -> headers.add(new String[]{"Accept", "text/html"});
            case 4 -> headers.add(new String[]{"Accept", "application/xml"});
            case 5 -> headers.add(new String[]{"Origin", "http://evil.example"});
            case 6 -> headers.add(new String[]{"X-Aviary-Hardware-Id", "spoofed"});
            case 7 -> headers.add(new String[]{"Accept", "application/json"});
            default -> {
                // plain
            }
        }
    }

    // ---- path and query ----

    private static String path(SplittableRandom random, Operation op, boolean idMustBeUnknown) {
        String path = op.path();
        for (Param param : op.params()) {
            if (param.in().equals("path")) {
                path = path.replace("{" + param.name() + "}", pathValue(random, idMustBeUnknown));
            }
        }
        return path;
    }

    private static String pathValue(SplittableRandom random, boolean mustBeUnknown) {
        return switch (random.nextInt(mustBeUnknown ? 6 : 7)) {
            case 0, 1 -> UUID.randomUUID().toString();
            case 2 -> segment(Hostile.string(random));
            case 3 -> List.of("..%2f..%2factuator%2fenv", "%2e%2e", "..;", "%00", "%252e%252e%252f", "%c0%ae",
                    "%ff%fe", "%u0000", "..%5c..%5c").get(random.nextInt(9));
            case 4 -> segment(Hostile.operator(random).toString());
            case 5 -> segment("x".repeat(1 + random.nextInt(4000)));
            default -> List.of("tasks", "workers", "accounts", "admin", "1", "0", "-1")
                    .get(random.nextInt(7)); // plausible names, for reads only
        };
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(SplittableRandom random, Operation op) {
        List<String> pairs = new ArrayList<>();
        for (Param param : op.params()) {
            if (!param.in().equals("query")) {
                continue;
            }
            int choice = random.nextInt(10);
            if (choice == 0 && !param.required()) {
                continue; // leave it out
            }
            if (choice == 1 && param.required()) {
                continue; // a required parameter missing
            }
            String value = switch (choice) {
                case 2 -> Hostile.operator(random).toString();
                case 3 -> List.of("-1", "0", "2147483647", "99999999999", "1e3", "abc", "", "%zz")
                        .get(random.nextInt(8));
                case 4 -> "x".repeat(1 + random.nextInt(6000));
                case 5 -> plausible(param.schema());
                default -> Hostile.string(random);
            };
            String name = choice == 6 ? param.name() + "[$ne]" : param.name();
            pairs.add(segment(name) + "=" + (value.equals("%zz") ? value : segment(value)));
            if (random.nextInt(8) == 0) {
                pairs.add(segment(name) + "=" + segment(Hostile.string(random))); // repeated
            }
        }
        if (random.nextInt(6) == 0) {
            pairs.add("filter=" + segment(Hostile.operator(random).toString()));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String plausible(JsonNode schema) {
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0).asText();
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> "100000";
            case "boolean" -> "true";
            default -> "date".equals(schema.path("format").asText()) ? "2026-01-30" : "attack";
        };
    }

    // ---- bodies ----

    /** A body: its bytes (null: none), how it was made, its Content-Type (null: none sent). */
    private record Body(byte[] bytes, String mutation, String contentType) {
    }

    private Body body(SplittableRandom random, Target target, boolean mustBreak) {
        ApiDocument document = target.document();
        JsonNode schema = target.operation().body();
        ObjectNode sample = sampleObject(random, document, schema, 0);
        boolean required = target.operation().bodyRequired();
        int kinds = 11;
        int kind = random.nextInt(mustBreak ? kinds : kinds + 3);
        if (kind == 3 && document.required(schema).isEmpty()) {
            kind = 4;
        }
        if (kind == 4 && document.properties(schema).isEmpty()) {
            kind = 2;
        }
        if (kind == 10 && !required) {
            kind = 0;
        }
        return switch (kind) {
            case 0 -> new Body(malformed(random, sample), "malformed JSON", "application/json");
            case 1 -> new Body(invalidUtf8(random, sample), "invalid UTF-8", "application/json");
            case 2 -> new Body(bytes(random.nextBoolean() ? NODES.arrayNode().add(sample) : NODES.arrayNode()),
                    "array for an object", "application/json");
            case 3 -> {
                List<String> names = document.required(schema);
                String missing = names.get(random.nextInt(names.size()));
                sample.remove(missing);
                decorate(random, sample);
                yield new Body(bytes(sample), "required '" + missing + "' missing", "application/json");
            }
            case 4 -> wrongType(random, document, schema, sample);
            case 5 -> constraint(random, document, schema, sample);
            case 6 -> {
                String field = sample.fieldNames().hasNext() ? sample.fieldNames().next() : "x";
                sample.put(field, "A".repeat(OVER_BODY_LIMIT));
                yield new Body(bytes(sample), "over 1 MiB", "application/json");
            }
            case 7 -> {
                String field = sample.fieldNames().hasNext() ? sample.fieldNames().next() : "x";
                sample.put(field, random.nextBoolean() ? DEEP_OBJECTS : DEEP_ARRAYS);
                yield new Body(bytes(sample), "nested " + BEYOND_PARSER_DEPTH + " deep", "application/json");
            }
            case 8 -> {
                String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
                yield new Body(bytes(sample), "Content-Type '" + type + "'", type.isEmpty() ? null : type);
            }
            case 9 -> new Body(bytes(NODES.arrayNode().add(Hostile.operator(random))), "operator array",
                    "application/json");
            case 10 -> new Body(null, "no body", "application/json");
            default -> {
                // well-formed, hostile values everywhere (only where refusal does not depend on the body)
                hostileValues(random, document, schema, sample);
                yield new Body(bytes(sample), "well-formed, hostile values", "application/json");
            }
        };
    }

    private Body wrongType(SplittableRandom random, ApiDocument document, JsonNode schema, ObjectNode sample) {
        Map<String, JsonNode> properties = document.properties(schema);
        List<String> names = new ArrayList<>(properties.keySet());
        for (int tries = 0; tries < names.size() * 2; tries++) {
            String name = names.get(random.nextInt(names.size()));
            JsonNode wrong = incompatible(random, properties.get(name));
            if (wrong != null) {
                decorate(random, sample);
                sample.set(name, wrong);
                return new Body(bytes(sample), "'" + name + "' of the wrong type: " + abbreviate(wrong),
                        "application/json");
            }
        }
        return new Body(bytes(NODES.arrayNode()), "array for an object", "application/json");
    }

    /** A value Jackson cannot bind to a property of this schema, or null if anything binds (untyped). */
    private static JsonNode incompatible(SplittableRandom random, JsonNode property) {
        if (property.has("enum")) {
            return NODES.textNode("NOT_A_VALUE_" + Hostile.string(random).hashCode());
        }
        String type = property.path("type").asText();
        return switch (type) {
            case "string" -> random.nextBoolean() ? Hostile.operator(random)
                    : NODES.arrayNode().add(Hostile.string(random)).add(Hostile.string(random));
            case "integer", "number" -> random.nextBoolean() ? Hostile.operator(random)
                    : NODES.textNode("#{" + random.nextInt(1000) + "} not a number");
            case "boolean", "array" -> Hostile.operator(random);
            case "object" -> random.nextBoolean() ? NODES.arrayNode().add(Hostile.operator(random))
                    : NODES.textNode("x" + Hostile.string(random));
            default -> property.has("properties") || property.has("additionalProperties")
                    ? NODES.arrayNode().add(1) : null;
        };
    }

    private Body constraint(SplittableRandom random, ApiDocument document, JsonNode schema, ObjectNode sample) {
        Map<String, JsonNode> properties = document.properties(schema);
        List<String> names = new ArrayList<>(properties.keySet());
        java.util.Collections.shuffle(names, new java.util.Random(random.nextLong()));
        for (String name : names) {
            JsonNode property = properties.get(name);
            if (property.has("maxLength") && property.get("maxLength").asLong() < 100_000) {
                sample.put(name, Hostile.STRINGS.get(random.nextInt(Hostile.STRINGS.size()))
                        + "x".repeat(property.get("maxLength").asInt() + 1));
                return new Body(bytes(sample), "'" + name + "' over maxLength", "application/json");
            }
            if (property.has("minimum") && property.get("minimum").asLong() > -1_000_000_000_000L) {
                sample.put(name, property.get("minimum").asLong() - 1 - random.nextInt(1000));
                return new Body(bytes(sample), "'" + name + "' below minimum", "application/json");
            }
            if (property.has("maximum") && property.get("maximum").asLong() < 1_000_000_000_000L) {
                sample.put(name, property.get("maximum").asLong() + 1 + random.nextInt(1000));
                return new Body(bytes(sample), "'" + name + "' above maximum", "application/json");
            }
        }
        return wrongType(random, document, schema, sample);
    }

    /** Injection strings and operators in the extra, unknown fields (ignored by the server, seen by nothing). */
    private static void decorate(SplittableRandom random, ObjectNode sample) {
        if (random.nextBoolean()) {
            sample.set("$where", Hostile.operator(random));
            sample.put("__proto__", Hostile.string(random));
        }
    }

    /** Every string field of the sample replaced by an injection string, maps given operator keys. */
    private static void hostileValues(SplittableRandom random, ApiDocument document, JsonNode schema,
                                      ObjectNode sample) {
        Map<String, JsonNode> properties = document.properties(schema);
        properties.forEach((name, property) -> {
            String type = property.path("type").asText();
            if (type.equals("string") && !property.has("enum")) {
                sample.put(name, Hostile.string(random));
            } else if (type.equals("object") && !property.has("properties")) {
                ObjectNode map = sample.putObject(name);
                map.set("$where", Hostile.operator(random));
                map.put("a.b", Hostile.string(random));
                map.put(Hostile.string(random), Hostile.string(random));
            } else if (random.nextInt(4) == 0) {
                sample.set(name, Hostile.value(random));
            }
        });
    }

    // ---- valid-looking samples from schemas ----

    private ObjectNode sampleObject(SplittableRandom random, ApiDocument document, JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        List<String> required = document.required(schema);
        document.properties(schema).forEach((name, property) -> {
            if (required.contains(name) || random.nextBoolean()) {
                object.set(name, sample(random, document, property, depth + 1));
            }
        });
        return object;
    }

    private JsonNode sample(SplittableRandom random, ApiDocument document, JsonNode schema, int depth) {
        JsonNode resolved = document.resolve(schema);
        if (resolved.has("enum") && !resolved.get("enum").isEmpty()) {
            JsonNode values = resolved.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = resolved.path("type").asText();
        if (depth > 4) {
            return NODES.textNode("deep");
        }
        return switch (type) {
            case "string" -> switch (resolved.path("format").asText()) {
                case "date" -> NODES.textNode("2026-01-30");
                case "date-time" -> NODES.textNode("2026-01-30T10:00:00Z");
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                default -> NODES.textNode("attack-" + Integer.toHexString(random.nextInt()));
            };
            case "integer", "number" -> NODES.numberNode(resolved.has("minimum")
                    ? Math.max(resolved.get("minimum").asLong(), 1) : 1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(random, document, resolved.path("items"), depth + 1));
                yield array;
            }
            default -> {
                if (!document.properties(resolved).isEmpty()) {
                    yield sampleObject(random, document, resolved, depth);
                }
                ObjectNode map = NODES.objectNode();
                map.put("key", "value");
                yield map;
            }
        };
    }

    // ---- bytes ----

    private static byte[] malformed(SplittableRandom random, JsonNode sample) {
        String json = sample.toString();
        return switch (random.nextInt(8)) {
            case 0 -> json.substring(0, Math.max(1, json.length() / 2)).getBytes(StandardCharsets.UTF_8);
            case 1 -> (json + ",").getBytes(StandardCharsets.UTF_8);
            // single quotes are not JSON; without a string in the sample ("{}") the mutation would change nothing
            case 2 -> json.contains("\"") ? json.replace('"', '\'').getBytes(StandardCharsets.UTF_8)
                    : "{'a': 1}".getBytes(StandardCharsets.UTF_8);
            case 3 -> "{\"a\":}".getBytes(StandardCharsets.UTF_8);
            case 4 -> "{\"a\": NaN, // comment\n}".getBytes(StandardCharsets.UTF_8);
            case 5 -> new byte[]{(byte) 0xAC, (byte) 0xED, 0, 5, 's', 'r'}; // a Java serialization header
            case 6 -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("{" + "\"a\":{".repeat(10) + "}").getBytes(StandardCharsets.UTF_8);
        };
    }

    /** The sample with bytes that are not UTF-8 inside its first string (or alone). */
    private static byte[] invalidUtf8(SplittableRandom random, JsonNode sample) {
        byte[] json = sample.toString().getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xFE, (byte) 0xFF},
                {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int quote = -1;
        for (int i = 0; i < json.length; i++) {
            if (json[i] == ':' && i + 1 < json.length && json[i + 1] == '"') {
                quote = i + 2;
                break;
            }
        }
        if (quote < 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("{\"x\":\"".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(insert);
            out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, quote);
        out.writeBytes(insert);
        out.write(json, quote, json.length - quote);
        return out.toByteArray();
    }

    /** Stand-ins for values nested deeper than Jackson (ours too) writes: replaced in the bytes. */
    private static final String DEEP_OBJECTS = "\u0001deep-objects\u0001";
    private static final String DEEP_ARRAYS = "\u0001deep-arrays\u0001";

    private static byte[] bytes(JsonNode node) {
        try {
            String json = JSON.writeValueAsString(node);
            int depth = BEYOND_PARSER_DEPTH;
            json = json.replace(JSON.writeValueAsString(DEEP_OBJECTS), "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))
                    .replace(JSON.writeValueAsString(DEEP_ARRAYS), "[".repeat(depth) + "]".repeat(depth));
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
