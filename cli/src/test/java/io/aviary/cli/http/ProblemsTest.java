package io.aviary.cli.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void aProblemIsItsTitleAndDetailOnOneLine() {
        assertThat(Problems.line(409, """
                {"type":"about:blank","title":"Command rejected","status":409,
                 "detail":"Task 42 is COMPLETED:\\ncannot cancel","instance":"/api/v1/tasks/42/cancel"}"""))
                .isEqualTo("Command rejected: Task 42 is COMPLETED: cannot cancel");
    }

    @Test
    void aDetailThatRepeatsTheTitleIsNotPrefixedWithItAgain() {
        assertThat(Problems.line(400, "{\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"Invalid request: maxAttempts must be less than or equal to 100\"}"))
                .isEqualTo("Invalid request: maxAttempts must be less than or equal to 100");
    }

    @Test
    void aProblemWithOnlyATitleNamesTheStatus() {
        assertThat(Problems.line(403, "{\"title\":\"Forbidden\",\"status\":403}")).isEqualTo("Forbidden (HTTP 403)");
    }

    @Test
    void anythingElseIsTheStatusAndTheStartOfTheBody() {
        assertThat(Problems.line(502, "")).isEqualTo("HTTP 502");
        assertThat(Problems.line(502, "<html><body>Bad gateway</body></html>")).isEqualTo("HTTP 502");
        assertThat(Problems.line(500, "upstream\nexploded")).isEqualTo("HTTP 500: upstream exploded");
        assertThat(Problems.line(500, "x".repeat(300))).hasSize("HTTP 500: ".length() + 201);
    }
}
