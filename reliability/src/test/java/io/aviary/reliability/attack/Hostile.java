package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Hostile values: injection strings for every interpreter a value could reach (SQL, SpEL, templates, JNDI, shell,
 * Mongo query operators, paths, HTML), odd Unicode, and Mongo operator objects. The SpEL and shell strings would
 * create {@link #canary()} if anything ever evaluated them; the fuzz test checks that the file does not exist.
 */
final class Hostile {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Created by any of the command strings below, should anything run one. */
    private static final String CANARY = "/tmp/aviary-canary-" + ProcessHandle.current().pid();

    static final List<String> STRINGS = List.of(
            // SQL
            "' OR '1'='1", "'; DROP TABLE domainevententry; --", "1; SELECT pg_sleep(5)--", "\" OR \"\"=\"",
            "admin'--", "1' UNION SELECT password_hash FROM user_credentials--",
            // SpEL and other expression languages
            "#{T(java.lang.Runtime).getRuntime().exec('touch " + CANARY + "')}",
            "T(java.lang.Runtime).getRuntime().exec('touch " + CANARY + "')",
            "new java.lang.ProcessBuilder('touch','" + CANARY + "').start()",
            "${T(java.lang.System).exit(1)}", "#{1+1}", "#{systemProperties['user.home']}", "*{7*7}",
            "#this.getClass().forName('java.lang.Runtime')", "@environment.getProperty('AVIARY_ADMIN_PASSWORD')",
            // templates
            "{{7*7}}", "${7*7}", "<%= 7*7 %>", "{{output.__class__.__mro__}}", "{{#each this}}{{/each}}",
            "{{constructor.constructor('return process')()}}", "[[${7*7}]]",
            // JNDI and shell
            "${jndi:ldap://127.0.0.1:1/a}", "$(touch " + CANARY + ")", "`touch " + CANARY + "`", "; touch " + CANARY,
            "| touch " + CANARY,
            // Mongo, as strings
            "{\"$gt\": \"\"}", "{\"$where\": \"sleep(1000)\"}", "$where", "$gt", "[$ne]=1", "a.b.c", "$regex",
            "'; return true; var x='", "this.password.match(/.*/)",
            // paths
            "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "..\\..\\..\\windows\\win.ini",
            "/actuator/env", "%2e%2e%2f", "file:///etc/passwd",
            // markup, headers, formats
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "a\r\nX-Injected: 1",
            "%s%s%s%n", "%00", "\u0000", "\u202e\u0041\u0042", "😀🔥", "\uffff", " ",
            "", "null", "true", "-1", "0", "1e309", "NaN", "9223372036854775808", "*)(uid=*))(|(uid=*");

    private Hostile() {
    }

    static String canary() {
        return CANARY;
    }

    static String string(SplittableRandom random) {
        int pick = random.nextInt(STRINGS.size() + 3);
        if (pick == STRINGS.size()) {
            return "A".repeat(1 + random.nextInt(20_000));
        }
        if (pick == STRINGS.size() + 1) {
            return randomUnicode(random, 1 + random.nextInt(64));
        }
        if (pick == STRINGS.size() + 2) {
            return STRINGS.get(random.nextInt(STRINGS.size())) + STRINGS.get(random.nextInt(STRINGS.size()));
        }
        return STRINGS.get(pick);
    }

    /** A Mongo query operator object, as an attacker would put where a plain value belongs. */
    static JsonNode operator(SplittableRandom random) {
        ObjectNode operator = NODES.objectNode();
        switch (random.nextInt(7)) {
            case 0 -> operator.put("$gt", "");
            case 1 -> operator.putNull("$ne");
            case 2 -> operator.put("$where", "sleep(1000) || true");
            case 3 -> operator.put("$regex", ".*");
            case 4 -> operator.putArray("$in");
            case 5 -> operator.putObject("$expr").putArray("$eq").add(1).add(1);
            default -> operator.put("$function", "function() { return true; }");
        }
        return operator;
    }

    /** A hostile value of any JSON type. */
    static JsonNode value(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> operator(random);
            case 2 -> NODES.arrayNode().add(string(random)).add(operator(random));
            case 3 -> NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : -random.nextInt(1_000_000));
            case 4 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.nullNode();
            default -> NODES.textNode(string(random));
        };
    }

    /** An object nested {@code depth} levels deep. */
    static JsonNode nested(int depth) {
        ObjectNode root = NODES.objectNode();
        ObjectNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.putObject("a");
        }
        return root;
    }

    /** An array of {@code size} numbers. */
    static ArrayNode hugeArray(int size) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(i);
        }
        return array;
    }

    private static String randomUnicode(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint;
            do {
                codePoint = random.nextInt(0x2FFFF);
            } while (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF);
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
