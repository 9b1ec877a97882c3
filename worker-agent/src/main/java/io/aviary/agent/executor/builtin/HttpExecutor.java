package io.aviary.agent.executor.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code http} {method, url, body}: one HTTP request; 2xx is SUCCESS, anything else FAILURE. Output
 * {@code {status, body}} with the body truncated to {@value #MAX_BODY_CHARS} characters.
 *
 * <p>Only hosts in the allow-list are called (an agent must not become a proxy into its network); redirects are not
 * followed, so a redirect cannot leave the allow-list either. A {@code body} that is not a string is sent as JSON.
 */
public final class HttpExecutor implements TaskExecutor {

    static final int MAX_BODY_CHARS = 4096;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final Set<String> allowedHosts;
    private final HttpClient client;
    private final ObjectMapper json;

    public HttpExecutor(Collection<String> allowedHosts, ObjectMapper json) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public ExecutionResult execute(TaskContext context) throws IOException, InterruptedException {
        String method = context.stringParam("method", "GET").trim().toUpperCase(Locale.ROOT);
        String url = context.stringParam("url", null);
        if (url == null || url.isBlank()) {
            return ExecutionResult.failure("payload.url is required");
        }
        if (!METHODS.contains(method)) {
            return ExecutionResult.failure("unsupported HTTP method '" + method + "'");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return ExecutionResult.failure("payload.url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return ExecutionResult.failure("only http and https URLs are allowed, got '" + url + "'");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host)) {
            return ExecutionResult.failure("host '" + host + "' is not in this agent's HTTP allow-list "
                    + allowedHosts + " (AVIARY_AGENT_HTTP_ALLOWED_HOSTS)");
        }

        HttpResponse<String> response = client.send(request(method, uri, context), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", response.statusCode());
        output.put("body", truncate(response.body()));
        if (response.statusCode() / 100 == 2) {
            return ExecutionResult.success(output);
        }
        return ExecutionResult.failure("HTTP " + response.statusCode() + " from " + method + " " + uri, output);
    }

    private HttpRequest request(String method, URI uri, TaskContext context) throws JsonProcessingException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (!context.timeout().isZero()) {
            request.timeout(context.timeout());
        }
        Object body = context.payload().get("body");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        if (body instanceof String text) {
            return request.header("Content-Type", "text/plain; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(text)).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
    }

    private static String truncate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS) + "…";
    }
}
