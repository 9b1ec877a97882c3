package io.aviary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.worker.WorkerRef;
import io.aviary.events.worker.WorkerIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyValuesTest {

    @Test
    void textAndRawJsonValues() throws Exception {
        assertThat(KeyValues.parse(List.of("url=https://x?a=b", "n:=3", "on:=true", "list:=[1,2]", "empty="), "-p"))
                .isEqualTo(new ObjectMapper().readTree(
                        "{\"url\":\"https://x?a=b\",\"n\":3,\"on\":true,\"list\":[1,2],\"empty\":\"\"}"));
    }

    @Test
    void aPairWithoutAKeyOrWithBadJsonIsAUsageError() {
        assertThatThrownBy(() -> KeyValues.parse(List.of("=x"), "--param")).isInstanceOf(CliException.class)
                .hasMessageContaining("--param");
        assertThatThrownBy(() -> KeyValues.parse(List.of("n:={"), "--param"))
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void aWorkerIsNamedByIdOrByName() {
        assertThat(WorkerRef.id("quickstart-agent-1")).isEqualTo(WorkerIds.forName("quickstart-agent-1"));
        assertThat(WorkerRef.id("1D7C0A4E-59B5-3A51-9A2E-0F6C5A0E8B11"))
                .isEqualTo("1d7c0a4e-59b5-3a51-9a2e-0f6c5a0e8b11");
    }
}
