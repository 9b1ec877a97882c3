package io.aviary.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 503 of {@link StoreUnavailable} for failures outside the controllers: a filter that reads the database (the
 * security chain's token and user checks) throws past {@link ApiExceptionHandler}, and would otherwise become a 500
 * of the servlet container. Ordered before Spring Security's filter chain so that it wraps it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class StoreUnavailableFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!StoreUnavailable.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            LOG.warn("{} {} answered 503: the database is not reachable ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            ProblemDetail problem = StoreUnavailable.problem();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("detail", problem.getDetail());
            body.put("instance", request.getRequestURI());
            response.resetBuffer();
            response.setStatus(problem.getStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(StoreUnavailable.RETRY_AFTER_SECONDS));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            JSON.writeValue(response.getOutputStream(), body);
        }
    }
}
