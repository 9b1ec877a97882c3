package io.aviary.agent.executor.area;

import io.aviary.agent.connection.ConnectionLookupException;
import io.aviary.agent.connection.ConnectionSecrets;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;
import io.aviary.agent.executor.http.HttpAllowList;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AREA action {@code http.poll} {url, method=GET, lastSeenHash, connection?}: calls an allow-listed URL and says
 * whether its body changed since the last poll. Output {@code {status, body, bodyHash, changed, triggered}}:
 * {@code bodyHash} is the SHA-256 (hex) of the whole body, {@code changed} is true when it differs from
 * {@code lastSeenHash} (the orchestrator passes the hash of the previous poll; the first poll, without one, counts as
 * changed), {@code triggered} = {@code changed}; {@code body} is the first {@value #MAX_BODY_BYTES} bytes as UTF-8.
 * An AREA's extra {@code condition} is evaluated by the orchestrator on this output, not here.
 *
 * <p>A 5xx answer, or none (connection refused, time-out), is a FAILURE: the AREA's retry policy applies and the last
 * seen hash stays as it was. Any other answer is a SUCCESS, its status in the output for a condition to check.
 * Bodies over {@value #MAX_HASHED_BYTES} bytes are refused (FAILURE) rather than read on.
 */
public final class HttpPollExecutor implements TaskExecutor {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final long MAX_HASHED_BYTES = 16L * 1024 * 1024;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");

    private final HttpAllowList allowList;
    private final ConnectionSecrets connections;
    private final HttpClient client = HttpAllowList.newClient();

    public HttpPollExecutor(HttpAllowList allowList, ConnectionSecrets connections) {
        this.allowList = allowList;
        this.connections = connections;
    }

    @Override
    public String type() {
        return "http.poll";
    }

    @Override
    public ExecutionResult execute(TaskContext context) throws IOException, InterruptedException {
        String method = context.stringParam("method", "GET").trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            return ExecutionResult.failure("http.poll: unsupported method '" + method + "' (GET, HEAD or POST)");
        }
        URI uri;
        HttpRequest.Builder request;
        try {
            uri = allowList.check(context.stringParam("url", null), "payload.url");
            request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
            Connections.authorize(request, context, connections);
        } catch (HttpAllowList.RefusedUrlException | ConnectionLookupException e) {
            return ExecutionResult.failure(e.getMessage());
        }
        if (!context.timeout().isZero()) {
            request.timeout(context.timeout());
        }

        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        Body body;
        try (InputStream in = response.body()) {
            body = Body.read(in);
        }
        if (body == null) {
            return ExecutionResult.failure("http.poll: body of " + uri + " is larger than " + MAX_HASHED_BYTES
                    + " bytes");
        }
        String lastSeen = context.stringParam("lastSeenHash", "");
        boolean changed = lastSeen.isBlank() || !lastSeen.trim().equalsIgnoreCase(body.sha256());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", response.statusCode());
        output.put("body", body.text());
        output.put("bodyHash", body.sha256());
        output.put("changed", changed);
        output.put("triggered", changed);
        if (response.statusCode() >= 500) {
            return ExecutionResult.failure("http.poll: HTTP " + response.statusCode() + " from " + method + " " + uri,
                    output);
        }
        return ExecutionResult.success(output);
    }

    /** The start of a body as text and the hash of all of it. */
    private record Body(String text, String sha256) {

        /** Reads to the end; {@code null} when longer than {@link #MAX_HASHED_BYTES}. */
        static Body read(InputStream in) throws IOException {
            MessageDigest digest = sha256Digest();
            byte[] head = new byte[MAX_BODY_BYTES];
            int headLength = 0;
            long total = 0;
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > MAX_HASHED_BYTES) {
                    return null;
                }
                digest.update(buffer, 0, read);
                int copy = Math.min(read, MAX_BODY_BYTES - headLength);
                System.arraycopy(buffer, 0, head, headLength, copy);
                headLength += copy;
            }
            return new Body(new String(Arrays.copyOf(head, headLength), StandardCharsets.UTF_8),
                    HexFormat.of().formatHex(digest.digest()));
        }

        private static MessageDigest sha256Digest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
