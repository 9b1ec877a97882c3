package io.aviary.agent.executor.area;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.connection.ConnectionLookupException;
import io.aviary.agent.connection.ConnectionSecrets;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;
import io.aviary.agent.executor.http.HttpAllowList;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AREA reaction {@code http.post} {url, body, headers?, connection?}: POSTs a templated body to an allow-listed URL.
 * The body is rendered against the action's output ({@link Template#forReaction}):
 * <ul>
 *     <li>a JSON object or list: its string leaves are templates ({@link Template#structure}); sent as
 *     {@code application/json};</li>
 *     <li>a string that is JSON text (a {@code Content-Type} header naming JSON, or, without one, text starting with
 *     <code>{</code> or {@code [}): rendered with JSON escaping ({@link Template#json}); sent as
 *     {@code application/json} unless the headers say otherwise;</li>
 *     <li>any other string: plain text ({@code text/plain; charset=utf-8} unless the headers say otherwise).</li>
 * </ul>
 * Header values are templates too (plain text). The URL is taken as written. A connection's credential becomes the
 * {@code Authorization} header (over one given in {@code headers}).
 *
 * <p>2xx is SUCCESS with output {@code {status, body}} (the answer, truncated to {@value #MAX_ANSWER_CHARS}
 * characters); anything else is FAILURE, so the AREA's retry policy applies.
 */
public final class HttpPostExecutor implements TaskExecutor {

    static final int MAX_ANSWER_CHARS = 4096;

    private final HttpAllowList allowList;
    private final ConnectionSecrets connections;
    private final ObjectMapper json;
    private final HttpClient client = HttpAllowList.newClient();

    public HttpPostExecutor(HttpAllowList allowList, ConnectionSecrets connections, ObjectMapper json) {
        this.allowList = allowList;
        this.connections = connections;
        this.json = json;
    }

    @Override
    public String type() {
        return "http.post";
    }

    @Override
    public ExecutionResult execute(TaskContext context) throws IOException, InterruptedException {
        Template template = Template.forReaction(context.payload(), json);
        URI uri;
        HttpRequest.Builder request;
        try {
            uri = allowList.check(context.stringParam("url", null), "payload.url");
            request = HttpRequest.newBuilder(uri);
            Map<String, String> headers = headers(context.payload().get("headers"), template);
            headers.forEach(request::setHeader);
            request.POST(HttpRequest.BodyPublishers.ofString(body(context.payload().get("body"), headers, template,
                    request)));
            Connections.authorize(request, context, connections);
        } catch (HttpAllowList.RefusedUrlException | ConnectionLookupException e) {
            return ExecutionResult.failure(e.getMessage());
        } catch (IllegalArgumentException e) {
            // a header the HTTP client refuses (e.g. Host, Content-Length) or a value it cannot send
            return ExecutionResult.failure("http.post: " + e.getMessage());
        }
        if (!context.timeout().isZero()) {
            request.timeout(context.timeout());
        }

        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", response.statusCode());
        output.put("body", truncate(response.body()));
        if (response.statusCode() / 100 == 2) {
            return ExecutionResult.success(output);
        }
        return ExecutionResult.failure("http.post: HTTP " + response.statusCode() + " from " + uri, output);
    }

    private static Map<String, String> headers(Object given, Template template) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (given instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.put(name.toString(), template.text(value.toString()));
                }
            });
        } else if (given != null) {
            throw new IllegalArgumentException("payload.headers must be an object of header names to values");
        }
        return headers;
    }

    /** Renders the body and sets its content type unless the headers name one. */
    private String body(Object body, Map<String, String> headers, Template template, HttpRequest.Builder request)
            throws JsonProcessingException {
        String contentType = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (body == null) {
            return "";
        }
        if (body instanceof Map<?, ?> || body instanceof List<?>) {
            setIfAbsent(request, contentType, "application/json");
            return json.writeValueAsString(template.structure(body));
        }
        String text = body.toString();
        boolean jsonText = contentType != null ? contentType.toLowerCase(Locale.ROOT).contains("json")
                : text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
        if (jsonText) {
            setIfAbsent(request, contentType, "application/json");
            return template.json(text);
        }
        setIfAbsent(request, contentType, "text/plain; charset=utf-8");
        return template.text(text);
    }

    private static void setIfAbsent(HttpRequest.Builder request, String given, String contentType) {
        if (given == null) {
            request.setHeader("Content-Type", contentType);
        }
    }

    private static String truncate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_ANSWER_CHARS ? body : body.substring(0, MAX_ANSWER_CHARS) + "…";
    }
}
