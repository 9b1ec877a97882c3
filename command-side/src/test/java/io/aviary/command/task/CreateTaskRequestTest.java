package io.aviary.command.task;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreateTaskRequestTest {

    @Test
    void omittedFieldsTakeTheDocumentedDefaults() {
        CreateTaskRequest request = new CreateTaskRequest("noop", null, null, null, null, null, null);

        assertThat(request.payload()).isEmpty();
        assertThat(request.priority()).isZero();
        assertThat(request.maxAttempts()).isEqualTo(3);
        assertThat(request.timeoutMs()).isEqualTo(60_000);
    }

    @Test
    void aManualTaskForAPersonWaitsADayBeforeItTimesOut() {
        CreateTaskRequest request = new CreateTaskRequest("manual", null, null, null, null, null, null);

        assertThat(request.timeoutMs()).isEqualTo(86_400_000);
    }

    @Test
    void aGivenTimeoutIsKeptForManualTasksToo() {
        CreateTaskRequest request = new CreateTaskRequest("manual", null, null, null, null, 5_000L, null);

        assertThat(request.timeoutMs()).isEqualTo(5_000);
    }
}
