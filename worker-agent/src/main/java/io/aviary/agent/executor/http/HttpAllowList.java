package io.aviary.agent.executor.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts an agent's HTTP executors may call ({@code AVIARY_AGENT_HTTP_ALLOWED_HOSTS}), shared by {@code http},
 * {@code http.poll} and {@code http.post}: an agent must not become a proxy into its network. Hosts compare
 * case-insensitively and exactly (no wildcards, no resolution: {@code localhost} and {@code 127.0.0.1} are different
 * entries). Callers also never follow redirects ({@link #newClient()}), so a redirect cannot leave the list either.
 */
public final class HttpAllowList {

    private final Set<String> hosts;

    public HttpAllowList(Collection<String> hosts) {
        this.hosts = hosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The URL, parsed, if an executor may call it.
     *
     * @param field names the payload field in messages, e.g. {@code payload.url}
     * @throws RefusedUrlException when it is missing, malformed, not http(s), or its host is not allowed
     */
    public URI check(String url, String field) throws RefusedUrlException {
        if (url == null || url.isBlank()) {
            throw new RefusedUrlException(field + " is required");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new RefusedUrlException(field + " is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException("only http and https URLs are allowed, got '" + url + "'");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            throw new RefusedUrlException("host '" + host + "' is not in this agent's HTTP allow-list " + hosts
                    + " (AVIARY_AGENT_HTTP_ALLOWED_HOSTS)");
        }
        return uri;
    }

    /** An HTTP client as every allow-listed call uses it: 10 s to connect, redirects never followed. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The URL may not be called; the message says why. */
    public static final class RefusedUrlException extends Exception {

        public RefusedUrlException(String message) {
            super(message);
        }
    }
}
