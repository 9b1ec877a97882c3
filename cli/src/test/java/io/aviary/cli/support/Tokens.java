package io.aviary.cli.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Unsigned JWT-shaped tokens for unit tests (the CLI only reads their claims; servers verify). */
public final class Tokens {

    private Tokens() {
    }

    public static String jwt(String username, Instant expiresAt, String... roles) {
        String header = encode("{\"alg\":\"RS256\",\"kid\":\"test\"}");
        String roleList = String.join("\",\"", roles);
        String claims = encode("{\"sub\":\"" + username + "-id\",\"preferred_username\":\"" + username
                + "\",\"roles\":[" + (roles.length == 0 ? "" : "\"" + roleList + "\"") + "],\"exp\":"
                + expiresAt.getEpochSecond() + ",\"jti\":\"" + System.nanoTime() + "\"}");
        return header + "." + claims + ".c2ln";
    }

    /** A login/refresh answer. */
    public static String pair(String accessToken, String refreshToken) {
        return "{\"accessToken\":\"" + accessToken + "\",\"refreshToken\":\"" + refreshToken
                + "\",\"expiresIn\":900,\"tokenType\":\"Bearer\"}";
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
