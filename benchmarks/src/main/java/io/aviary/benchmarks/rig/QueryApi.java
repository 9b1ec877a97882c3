package io.aviary.benchmarks.rig;

import io.aviary.standalone.AdminClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Timed {@code GET}s against the query API (or any app's actuator) with the admin's bearer token. */
public final class QueryApi {

    private final String baseUrl;
    private final AdminClient admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public QueryApi(String baseUrl, AdminClient admin) {
        this.baseUrl = baseUrl;
        this.admin = admin;
    }

    /** One answer: HTTP status (-1 on an I/O failure), body, and the time from sending to the whole body, in ms. */
    public record Answer(int status, String body, double millis) {
    }

    /** {@code path} relative to the query API ({@code /api/v1/...}) or an absolute URL. */
    public Answer get(String path) {
        String url = path.startsWith("http") ? path : baseUrl + path;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + admin.accessToken()).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1e6);
        } catch (IOException e) {
            return new Answer(-1, e.toString(), (System.nanoTime() - start) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code POST} with a JSON body (the projections' rebuild API). */
    public Answer post(String url, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + admin.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1e6);
        } catch (IOException e) {
            return new Answer(-1, e.toString(), (System.nanoTime() - start) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
