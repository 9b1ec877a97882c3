package io.aviary.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class BodySizeLimitFilterTest {

    private final BodySizeLimitFilter filter = new BodySizeLimitFilter(new HttpLimitsProperties(DataSize.ofKilobytes(1)));

    @Test
    void a_declared_length_over_the_limit_is_answered_413_problem_json_and_nothing_reads_it() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/anything");
        request.setContent(new byte[1025]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<HttpServletRequest> reached = new AtomicReference<>();

        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest r, jakarta.servlet.ServletResponse s) {
                reached.set((HttpServletRequest) r);
            }
        });

        assertThat(reached.get()).isNull();
        assertTooLarge(response);
    }

    @Test
    void a_body_without_a_length_fails_once_it_is_read_past_the_limit_and_is_answered_413() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/anything") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked
            }
        };
        request.setContent(new byte[2048]);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest r, jakarta.servlet.ServletResponse s)
                    throws java.io.IOException {
                r.getInputStream().readAllBytes();
            }
        });

        assertTooLarge(response);
    }

    @Test
    void a_body_within_the_limit_passes() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/anything");
        request.setContent(new byte[1024]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static void assertTooLarge(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.getContentAsByteArray());
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("title").asText()).isEqualTo("Payload too large");
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    }
}
