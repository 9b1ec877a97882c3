package io.aviary.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's side of the command API: register, report starts and completions (batched, {@link ReportBatcher}),
 * and authorized look-ups ({@link #get}). Every call carries the agent's access token and
 * hardware id; a 401 renews the token and resends once (a 401 even then is retried like a transient failure, so a
 * result the agent holds is not given up). Transient failures are retried without limit ({@link CommandHttp}); every
 * other answer is returned or thrown at once.
 */
public final class CommandApiClient {

    /** Header naming the hardware the agent enrolled with; the command side compares it with the token's. */
    public static final String HARDWARE_ID_HEADER = "X-Aviary-Hardware-Id";
    private static final Logger log = LoggerFactory.getLogger(CommandApiClient.class);

    /** Reports sent in one request at most (the command side takes up to 1,000). */
    static final int MAX_REPORTS_PER_REQUEST = 200;
    private static final String REPORTS_PATH = "/api/v1/tasks/reports:batch";

    private final CommandHttp http;
    private final AccessTokenSource tokens;
    private final String hardwareId;
    private final ReportBatcher reports;
    /** Set when the command side has no batch endpoint (an older version): reports then go one by one. */
    private volatile boolean oneByOne;

    public CommandApiClient(CommandHttp http, AccessTokenSource tokens, String hardwareId) {
        this.http = http;
        this.tokens = tokens;
        this.hardwareId = hardwareId;
        this.reports = new ReportBatcher(this::sendReports, MAX_REPORTS_PER_REQUEST, "agent-reports");
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

    /**
     * Reports that an attempt starts, retrying transient failures. Sent together with the other slots' reports
     * ({@link ReportBatcher}); the answer is this report's own.
     */
    public ReportAnswer start(String taskId, StartTaskRequest request) throws InterruptedException {
        return reports.report(AttemptReport.start(taskId, request));
    }

    /** Reports how an attempt ended, retrying transient failures; batched like {@link #start}. */
    public ReportAnswer complete(String taskId, CompleteTaskRequest request) throws InterruptedException {
        return reports.report(AttemptReport.complete(taskId, request));
    }

    /**
     * One batch of reports: one request to the batch endpoint, each report answered by its own status. Reports
     * answered 5xx or 429 (the command side could not decide them now) are sent again, alone, with the backoff of
     * any transient failure, until they get an answer; the others keep theirs.
     */
    private List<ReportAnswer> sendReports(List<AttemptReport> batch) throws InterruptedException {
        if (oneByOne) {
            return sendOneByOne(batch);
        }
        String what = "report " + batch.get(0).describe() + (batch.size() > 1 ? " and " + (batch.size() - 1)
                + " more" : "");
        ReportAnswer[] answers = new ReportAnswer[batch.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            open.add(i);
        }
        http.withRetry(what, Level.WARN, () -> {
            List<AttemptReport> sending = open.stream().map(batch::get).toList();
            HttpResponse<String> response = post(REPORTS_PATH, Map.of("reports", sending), what, Level.WARN);
            int status = response.statusCode();
            if (status == 404 || status == 405) {
                log.info("The command side has no {} (HTTP {}): reporting one by one", REPORTS_PATH, status);
                oneByOne = true;
                List<ReportAnswer> single = sendOneByOne(sending);
                for (int n = 0; n < sending.size(); n++) {
                    answers[open.get(n)] = single.get(n);
                }
                open.clear();
                return response;
            }
            JsonNode results = status == 200 ? http.readTree(response).path("results") : null;
            List<Integer> again = new ArrayList<>();
            for (int n = 0; n < sending.size(); n++) {
                int itemStatus = results != null ? results.path(n).path("status").asInt(500) : status;
                if (itemStatus >= 500 || itemStatus == 429) {
                    again.add(open.get(n));
                } else {
                    answers[open.get(n)] = results != null
                            ? answerOf(itemStatus, sending.get(n).describe(), results.path(n).path("detail").asText(""))
                            : answerOf(status, what, response);
                }
            }
            open.clear();
            open.addAll(again);
            if (!open.isEmpty()) {
                throw new TransientCommandApiException(open.size() + " of " + sending.size()
                        + " reports could not be decided now (5xx)");
            }
            return response;
        });
        return List.of(answers);
    }

    private List<ReportAnswer> sendOneByOne(List<AttemptReport> batch) throws InterruptedException {
        List<ReportAnswer> answers = new ArrayList<>(batch.size());
        for (AttemptReport report : batch) {
            answers.add(report.kind() == AttemptReport.Kind.START
                    ? report("/api/v1/tasks/" + report.taskId() + "/start",
                    new StartTaskRequest(report.workerId(), report.attempt()), report.describe())
                    : report("/api/v1/tasks/" + report.taskId() + "/complete", new CompleteTaskRequest(
                    report.workerId(), report.attempt(), report.outcome(), report.output(), report.message()),
                    report.describe()));
        }
        return answers;
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
        return answerOf(response.statusCode(), what, response);
    }

    private ReportAnswer answerOf(int status, String what, HttpResponse<String> response) {
        return status / 100 == 2 || status == 409 || status == 404 ? answerOf(status, what, "")
                : answerOf(status, what, http.problemDetail(response));
    }

    private static ReportAnswer answerOf(int status, String what, String detail) {
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
            log.warn("Report {} forbidden (403): {}", what, detail);
            return ReportAnswer.FORBIDDEN;
        }
        log.error("Report {} refused with HTTP {}: {}", what, status, detail);
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
