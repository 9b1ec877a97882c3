package io.aviary.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the claims of an access token <em>without verifying it</em>: the CLI only needs to know when to refresh and
 * whom to show as logged in; the servers verify every token.
 */
public final class Jwt {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {
    }

    /** The payload's claims, or an empty object when the token is not a readable JWT. */
    public static JsonNode claims(String token) {
        if (token == null) {
            return JSON.createObjectNode();
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return JSON.createObjectNode();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode claims = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            return claims != null && claims.isObject() ? claims : JSON.createObjectNode();
        } catch (IllegalArgumentException | IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The {@code exp} claim, or {@code null}. */
    public static Instant expiresAt(String token) {
        JsonNode exp = claims(token).path("exp");
        return exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
    }

    public static List<String> roles(String token) {
        List<String> roles = new ArrayList<>();
        claims(token).path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }
}
