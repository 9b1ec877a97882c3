package io.aviary.command.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Spring's CORS checks, with a refused cross-origin request answered as an RFC 9457 problem (403) instead of the
 * plain text "Invalid CORS request".
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private static final byte[] PROBLEM = ("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"This origin may not call the API from a browser\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(PROBLEM);
        response.flush();
    }
}
