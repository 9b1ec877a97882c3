package io.aviary.cli.http;

import io.aviary.cli.CliException;
import io.aviary.cli.ExitCodes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** One HTTP exchange with {@code java.net.http}; a server out of reach becomes a {@link CliException} (exit 7). */
public final class HttpTransport {

    /**
     * An answer of any status.
     *
     * @param status      HTTP status
     * @param body        the body as text (empty when there is none)
     * @param contentType the Content-Type header, or an empty string
     */
    public record Response(int status, String body, String contentType) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "aviary-cli/" + version();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * @param bearer   access token, or {@code null} for an anonymous call
     * @param jsonBody the body as JSON text, or {@code null} for none
     */
    public Response send(String method, String url, String bearer, String jsonBody) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("Not a valid URL: " + url);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body() == null ? "" : response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(uri, "cannot connect");
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "No answer from " + method + " " + uri + " within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(uri, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "Interrupted");
        }
    }

    private static CliException unreachable(URI uri, String why) {
        String server = uri.getScheme() + "://" + uri.getAuthority();
        return new CliException(ExitCodes.UNAVAILABLE, "Cannot reach " + server + " (" + why
                + "): is the platform running? The URLs come from --command-url, --query-url, --projections-url "
                + "or the config file");
    }

    static String version() {
        String version = HttpTransport.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
