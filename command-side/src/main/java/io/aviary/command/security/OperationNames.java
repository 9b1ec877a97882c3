package io.aviary.command.security;

import java.util.Locale;
import java.util.Map;

/**
 * The operationId and tag of a handler, derived from its controller and method names: {@code TaskController#create}
 * is {@code createTask} in tag {@code tasks}, {@code WorkerController#changeState} {@code changeWorkerState}, a read
 * {@code ConnectionController#secret} {@code getConnectionSecret}, {@code list} {@code listConnections}.
 * Self-contained on purpose: the query side has the same rule.
 */
final class OperationNames {

    /** Handlers whose names the rule cannot turn into a readable id (controller#method -> id). */
    private static final Map<String, String> NAMED = Map.of(
            "AuthController#login", "login",
            "AuthController#refresh", "refreshTokens",
            "AuthController#logout", "logout",
            "AuthController#rotate", "rotateSigningKey",
            "AgentController#token", "issueAgentToken",
            "ShuffleController#shuffle", "shuffleTasks");

    /** Feature package -> tag, where the tag is not the package name. */
    private static final Map<String, String> TAGS = Map.of(
            "task", "tasks", "shuffle", "tasks", "worker", "workers", "agent", "agents", "user", "users",
            "area", "areas", "webhook", "webhooks", "connection", "connections", "account", "accounts");

    private OperationNames() {
    }

    static String operationId(Class<?> controller, String method, boolean read) {
        String named = NAMED.get(controller.getSimpleName() + "#" + method);
        if (named != null) {
            return named;
        }
        String noun = controller.getSimpleName().replaceFirst("(Query)?Controller$", "");
        if (method.equals("list")) {
            return "list" + plural(noun);
        }
        boolean mentionsNoun = method.toLowerCase(Locale.ROOT).contains(noun.toLowerCase(Locale.ROOT));
        boolean nounMentionsMethod = noun.toLowerCase(Locale.ROOT).contains(method.toLowerCase(Locale.ROOT));
        if (read && !method.startsWith("get")) {
            return "get" + (nounMentionsMethod ? noun : noun + capitalize(method));
        }
        if (mentionsNoun) {
            return method;
        }
        if (nounMentionsMethod) {
            return decapitalize(noun);
        }
        String verb = method.split("(?=[A-Z])", 2)[0];
        return verb + noun + method.substring(verb.length());
    }

    /** The tag of a handler: its feature, the last segment of its package ({@code io.aviary.command.task}). */
    static String tag(Class<?> controller, String path) {
        if (path.startsWith("/api/v1/admin/")) {
            return "admin";
        }
        String feature = controller.getPackageName().substring(controller.getPackageName().lastIndexOf('.') + 1);
        return TAGS.getOrDefault(feature, feature);
    }

    private static String plural(String noun) {
        return noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String decapitalize(String word) {
        return Character.toLowerCase(word.charAt(0)) + word.substring(1);
    }
}
