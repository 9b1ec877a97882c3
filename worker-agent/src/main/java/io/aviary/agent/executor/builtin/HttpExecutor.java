package io.aviary.agent.executor.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;
import io.aviary.agent.executor.http.HttpAllowList;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code http} {method, url, body}: one HTTP request; 2xx is SUCCESS, anything else FAILURE. Output
 * {@code {status, body}} with the body truncated to {@value #MAX_BODY_CHARS} characters.
 *
 * <p>Only hosts in the allow-list ({@link HttpAllowList}) are called; redirects are not followed, so a redirect cannot
 * leave the allow-list either. A {@code body} that is not a string is sent as JSON.
 */
public final class HttpExecutor implements TaskExecutor {

    static final int MAX_BODY_CHARS = 4096;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final HttpAllowList allowList;
    private final HttpClient client;
    private final ObjectMapper json;

    public HttpExecutor(HttpAllowList allowList, ObjectMapper json) {
        this.allowList = allowList;
        this.json = json;
        this.client = HttpAllowList.newClient();
    }

    public HttpExecutor(Collection<String> allowedHosts, ObjectMapper json) {
        this(new HttpAllowList(allowedHosts), json);
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public ExecutionResult execute(TaskContext context) throws IOException, InterruptedException {
        String method = context.stringParam("method", "GET").trim().toUpperCase(Locale.ROOT);
        URI uri;
        try {
            uri = allowList.check(context.stringParam("url", null), "payload.url");
        } catch (HttpAllowList.RefusedUrlException e) {
            return ExecutionResult.failure(e.getMessage());
        }
        if (!METHODS.contains(method)) {
            return ExecutionResult.failure("unsupported HTTP method '" + method + "'");
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
