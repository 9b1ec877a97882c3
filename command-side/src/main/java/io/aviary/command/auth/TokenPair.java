package io.aviary.command.auth;

/**
 * What login and refresh answer.
 *
 * @param accessToken  the JWT
 * @param refreshToken the opaque refresh token (single use)
 * @param expiresIn    lifetime of the access token, in seconds
 * @param tokenType    always {@code Bearer}
 */
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String tokenType) {

    public static TokenPair of(AccessToken access, String refreshToken) {
        return new TokenPair(access.value(), refreshToken, access.expiresIn(), "Bearer");
    }

    @Override
    public String toString() {
        return "TokenPair[expiresIn=" + expiresIn + "]"; // never the tokens in a log line
    }
}
