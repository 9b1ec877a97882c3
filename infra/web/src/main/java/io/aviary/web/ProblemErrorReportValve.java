package io.aviary.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tomcat's last word on an error as an RFC 9457 problem instead of its HTML page: requests Tomcat refuses before
 * any servlet runs (an encoded {@code /} or an invalid character in the path, a malformed request line or header, a
 * method it does not implement) and errors no error page handled. Installed on the host by
 * {@link ProblemErrorReports}. Tomcat answers a method it does not implement at all ({@code CONNECT}) with 501;
 * that is a refusal of the client's request, not a server failure, so it becomes 405 with {@code Allow}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (code == HttpStatus.NOT_IMPLEMENTED.value()) {
            code = HttpStatus.METHOD_NOT_ALLOWED.value();
            response.setStatus(code);
            response.setHeader("Allow", ProblemRequestRejectedHandler.ALLOW);
        }
        HttpStatus status = HttpStatus.resolve(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status != null ? status.getReasonPhrase() : "Error");
        problem.put("status", code);
        problem.put("detail", status != null ? ProblemErrorController.detail(status) : "The request failed");
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was already on its way: nothing more can be said.
        }
    }
}
