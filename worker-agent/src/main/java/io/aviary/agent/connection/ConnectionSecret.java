package io.aviary.agent.connection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A service connection's credential, as the command side answers it to an agent: {@code bearer} (a token) or
 * {@code basic} (username and password). Held in memory only, briefly ({@link ConnectionSecrets}); {@link #toString()}
 * never shows the secret, so the record can end up in a log line or an exception without leaking it.
 *
 * @param name     the connection's name, as AREA parameters refer to it
 * @param type     {@code bearer} or {@code basic}
 * @param token    the bearer token ({@code bearer})
 * @param username the user ({@code basic})
 * @param password the password ({@code basic})
 */
public record ConnectionSecret(String name, String type, String token, String username, String password) {

    public ConnectionSecret {
        type = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of the {@code Authorization} header for this credential.
     *
     * @throws IllegalStateException for an unknown type or missing parts (the message names no secret)
     */
    public String authorization() {
        return switch (type) {
            case "bearer" -> {
                if (token == null || token.isEmpty()) {
                    throw new IllegalStateException("connection '" + name + "' (bearer) has no token");
                }
                yield "Bearer " + token;
            }
            case "basic" -> {
                if (username == null || password == null) {
                    throw new IllegalStateException("connection '" + name + "' (basic) lacks username or password");
                }
                yield "Basic " + Base64.getEncoder().encodeToString(
                        (username + ":" + password).getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalStateException("connection '" + name + "' has unsupported type '" + type
                    + "' (bearer or basic)");
        };
    }

    @Override
    public String toString() {
        return "ConnectionSecret[name=" + name + ", type=" + type + ", secret=***]";
    }
}
