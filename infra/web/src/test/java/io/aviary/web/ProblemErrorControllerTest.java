package io.aviary.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemErrorControllerTest {

    private final ProblemErrorController controller = new ProblemErrorController();

    @Test
    void an_error_dispatch_is_answered_as_a_problem_with_its_status_whatever_the_accept_header() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.addHeader("Accept", "text/html");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/x");
        MockHttpServletResponse response = new MockHttpServletResponse();

        controller.error(request, response);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.getContentAsByteArray());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/x");
    }

    @Test
    void the_error_page_called_directly_is_not_found() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        controller.error(new MockHttpServletRequest("GET", "/error"), response);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).startsWith("application/problem+json");
    }
}
