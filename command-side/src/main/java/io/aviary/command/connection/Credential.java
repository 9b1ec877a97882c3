package io.aviary.command.connection;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A connection's credential in clear, as an agent receives it from {@code GET /api/v1/connections/{name}/secret}.
 * {@link #toString()} never shows the secret.
 *
 * @param name     the connection
 * @param type     {@code bearer} or {@code basic}
 * @param token    the bearer token ({@code bearer})
 * @param username the user ({@code basic})
 * @param password the password ({@code basic})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Credential(String name, String type, String token, String username, String password) {

    public static final String BEARER = "bearer";
    public static final String BASIC = "basic";

    @Override
    public String toString() {
        return "Credential[name=" + name + ", type=" + type + ", secret=***]";
    }
}
