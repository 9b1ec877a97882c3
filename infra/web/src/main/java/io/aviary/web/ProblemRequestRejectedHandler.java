package io.aviary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/**
 * A request Spring Security's firewall rejects is answered at once with a problem: 405 with {@code Allow} for a
 * method outside the standard ones (such as {@code PROPFIND}), else 400 (a path with {@code ..}, {@code ;} or an
 * encoded {@code %}). Spring's default sends an error to {@code /error}, and for an unknown method that error
 * dispatch is rejected again, which left an empty 400.
 */
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    /** The methods the firewall lets through (its defaults), for {@code Allow}. */
    static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final java.util.Set<String> METHODS = java.util.Set.of(ALLOW.split(", "));

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", ALLOW);
            ProblemErrorController.write(response, HttpStatus.METHOD_NOT_ALLOWED, "");
        } else {
            ProblemErrorController.write(response, HttpStatus.BAD_REQUEST, "");
        }
    }
}
