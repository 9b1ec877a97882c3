package io.aviary.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spring Boot's error page ({@code /error}) as an RFC 9457 problem instead of its JSON or HTML ("whitelabel") page:
 * errors that never reach a controller advice end here (requests the security firewall rejects, a protected path
 * such as {@code /WEB-INF/}, errors raised by the servlet container). Written straight to the response, whatever
 * the request's {@code Accept} says, like every other error of this API. Nothing of the request is echoed.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PermitAll
    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Called directly (not as an error dispatch): there is no such resource.
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        write(response, status, uri != null ? uri.toString() : request.getRequestURI());
    }

    static void write(HttpServletResponse response, HttpStatus status, String instance) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail(status));
        if (instance != null && !instance.isEmpty()) {
            problem.put("instance", instance);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), problem);
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed or was rejected";
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED, NOT_IMPLEMENTED -> "This method is not supported here";
            default -> status.is5xxServerError() ? "The request could not be processed; the server log has the details"
                    : status.getReasonPhrase();
        };
    }
}
