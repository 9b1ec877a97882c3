package io.aviary.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServlet;
import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An unreachable database answers 503 problem+json with a Retry-After (issue 7, fault "event store unavailable"),
 * whether the failure comes from a controller (Axon's event store, a repository) or from a filter before it (the
 * security chain's lookups); any other failure stays a 500.
 */
class StoreUnavailableTest {

    private static final SQLException CONNECTION_LOST = new SQLException("An I/O error occurred", "08006");

    @Test
    void recognisesAnUnreachableDatabaseAnywhereInTheCauseChain() {
        assertThat(StoreUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
        assertThat(StoreUnavailable.causedBy(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(StoreUnavailable.causedBy(new JdbcException("Failed to create a SQL statement",
                CONNECTION_LOST))).isTrue();
        assertThat(StoreUnavailable.causedBy(new IllegalStateException("wrapped",
                new RuntimeException(new ConnectException("Connection refused"))))).isTrue();
    }

    @Test
    void recognisesAConnectionThatBrokeUnderARunningCommand() {
        // HikariCP's proxy of a connection evicted as broken: no SQLState
        assertThat(StoreUnavailable.causedBy(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
        // the driver's I/O error only as a suppressed exception of the failure that surfaced
        SQLException surfaced = new SQLException("statement failed");
        surfaced.addSuppressed(CONNECTION_LOST);
        assertThat(StoreUnavailable.causedBy(new JdbcException("Failed to read events", surfaced))).isTrue();
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(StoreUnavailable.causedBy(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(StoreUnavailable.causedBy(new BadSqlGrammarException("select", "SELEC 1",
                new SQLException("syntax error", "42601")))).isFalse();
        assertThat(StoreUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aControllerFailingOnTheDatabaseAnswers503ProblemWithRetryAfter() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
                .setControllerAdvice(new ApiExceptionHandler()).build();

        mvc.perform(post("/store-down"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value("Service unavailable"));
        mvc.perform(post("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.title").value("Internal error"));
    }

    @Test
    void aFilterFailingOnTheDatabaseAnswers503ProblemWithRetryAfter() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
                .addFilters(new StoreUnavailableFilter(), (request, response, chain) -> {
                    throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", CONNECTION_LOST);
                }).build();

        mvc.perform(post("/anything"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.instance").value("/anything"));
    }

    @Test
    void theFilterLetsOtherFailuresThrough() {
        FilterChain failing = new MockFilterChain(new HttpServlet() {
        }, (request, response, chain) -> {
            throw new IllegalStateException("bug");
        });

        assertThatThrownBy(() -> new StoreUnavailableFilter().doFilter(new MockHttpServletRequest("POST", "/x"),
                new MockHttpServletResponse(), failing)).isInstanceOf(IllegalStateException.class);
    }

    @RestController
    static class FailingController {

        @PostMapping("/store-down")
        void storeDown() {
            throw new JdbcException("Failed to create a SQL statement", CONNECTION_LOST);
        }

        @PostMapping("/bug")
        void bug() {
            throw new IllegalStateException("a bug");
        }

        @PostMapping("/anything")
        void anything() {
        }
    }
}
