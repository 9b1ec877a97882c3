package io.aviary.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The agent's side of the command API: register, start, complete, and authorized look-ups ({@link #get}). Every call carries the agent's access token and
 * hardware id; a 401 renews the token and resends once (a 401 even then is retried like a transient failure, so a
 * result the agent holds is not given up). Transient failures are retried without limit ({@link CommandHttp}); every
 * other answer is returned or thrown at once.
 */
public final class CommandApiClient {

    /** Header naming the hardware the agent enrolled with; the command side compares it with the token's. */
    public static final String HARDWARE_ID_HEADER = "X-Aviary-Hardware-Id";
    private static final Logger log = LoggerFactory.getLogger(CommandApiClient.class);

    private final CommandHttp http;
    private final AccessTokenSource tokens;
    private final String hardwareId;

    public CommandApiClient(CommandHttp http, AccessTokenSource tokens, String hardwareId) {
        this.http = http;
        this.tokens = tokens;
        this.hardwareId = hardwareId;
    }

    /**
     * Registers the worker, retrying until the command side answers.
     *
     * @return the worker id the command side assigned
     * @throws RegistrationRejectedException on 409 (name bound to another hardware id) or another 4xx
     * @throws InterruptedException          when the agent stops while waiting
     */
    public String register(RegisterWorkerRequest request) throws InterruptedException {
        HttpResponse<String> response = post("/api/v1/workers", request, "registration", Level.INFO);
        int status = response.statusCode();
        if (status / 100 == 2) {
            JsonNode body = http.readTree(response.body());
            String workerId = body.path("workerId").asText(null);
            if (workerId == null) {
                throw new IllegalStateException("Registration answer has no workerId: " + response.body());
            }
            return workerId;
        }
        if (status == 409) {
            throw new RegistrationRejectedException("Worker name '" + request.name()
                    + "' is bound to another hardware id on the command side (409): " + http.problemDetail(response)
                    + ". Use another AVIARY_AGENT_NAME, or have an admin re-bind the name.");
        }
        throw new RegistrationRejectedException("Registration refused with HTTP " + status + ": "
                + http.problemDetail(response));
    }

    /** Reports that an attempt starts, retrying transient failures. */
    public ReportAnswer start(String taskId, StartTaskRequest request) throws InterruptedException {
        return report("/api/v1/tasks/" + taskId + "/start", request, "start " + taskId + "#" + request.attempt());
    }

    /** Reports how an attempt ended, retrying transient failures. */
    public ReportAnswer complete(String taskId, CompleteTaskRequest request) throws InterruptedException {
        return report("/api/v1/tasks/" + taskId + "/complete", request,
                "complete " + taskId + "#" + request.attempt());
    }

    /**
     * One authorized GET (the agent's token and hardware id), not retried: the caller decides what a failure means.
     * A 401 renews the token and sends it once more. The answer is returned as it is and never logged here (it may
     * hold a secret).
     *
     * @throws TransientCommandApiException when unreachable, or on 5xx / 429
     */
    public HttpResponse<String> get(String path) throws InterruptedException {
        String token = tokens.accessToken();
        HttpResponse<String> response = http.get(path, headers(token));
        if (response.statusCode() != 401) {
            return response;
        }
        log.info("GET {}: access token refused (401); renewing it", path);
        return http.get(path, headers(tokens.renewAfterRejection(token)));
    }

    private ReportAnswer report(String path, Object body, String what) throws InterruptedException {
        HttpResponse<String> response = post(path, body, "report " + what, Level.WARN);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return ReportAnswer.ACCEPTED;
        }
        if (status == 409) {
            return ReportAnswer.STALE;
        }
        if (status == 404) {
            return ReportAnswer.NOT_FOUND;
        }
        if (status == 403) {
            log.warn("Report {} forbidden (403): {}", what, http.problemDetail(response));
            return ReportAnswer.FORBIDDEN;
        }
        log.error("Report {} refused with HTTP {}: {}", what, status, http.problemDetail(response));
        return ReportAnswer.REJECTED;
    }

    private HttpResponse<String> post(String path, Object body, String what, Level retryLevel)
            throws InterruptedException {
        return http.withRetry(what, retryLevel, () -> {
            String token = tokens.accessToken();
            HttpResponse<String> response = http.post(path, body, headers(token));
            if (response.statusCode() != 401) {
                return response;
            }
            log.info("{}: access token refused (401); renewing it", what);
            HttpResponse<String> again = http.post(path, body, headers(tokens.renewAfterRejection(token)));
            if (again.statusCode() == 401) {
                throw new TransientCommandApiException("HTTP 401 from POST " + path + " even with a new token: "
                        + http.problemDetail(again));
            }
            return again;
        });
    }

    private Map<String, String> headers(String token) {
        return Map.of("Authorization", "Bearer " + token, HARDWARE_ID_HEADER, hardwareId);
    }
}
