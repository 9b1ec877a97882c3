package io.aviary.agent.auth;

import io.aviary.agent.AgentJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsStoreTest {

    @TempDir
    Path stateDir;

    private final AgentCredentials credentials = new AgentCredentials("w-1", "s3cret", "sha256:hw");

    @Test
    void savedCredentialsAreReadBackFromAFileOnlyTheOwnerCanReadOrWrite() throws IOException {
        CredentialsStore store = new CredentialsStore(stateDir, AgentJson.newMapper());

        store.save(credentials);

        assertThat(new CredentialsStore(stateDir, AgentJson.newMapper()).load()).contains(credentials);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void replacingTheCredentialsKeepsTheModeAndLeavesNoTemporaryFile() throws IOException {
        CredentialsStore store = new CredentialsStore(stateDir, AgentJson.newMapper());
        store.save(credentials);

        AgentCredentials renewed = new AgentCredentials("w-1", "other", "sha256:hw");
        store.save(renewed);

        assertThat(store.load()).contains(renewed);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(CredentialsStore.FILE_NAME);
        }
    }

    @Test
    void noFileMeansNoCredentials() {
        assertThat(new CredentialsStore(stateDir.resolve("new"), AgentJson.newMapper()).load()).isEmpty();
    }

    @Test
    void anIncompleteFileIsRefusedWithAHint() throws IOException {
        Files.writeString(stateDir.resolve(CredentialsStore.FILE_NAME), "{\"workerId\":\"w-1\"}");

        assertThatThrownBy(() -> new CredentialsStore(stateDir, AgentJson.newMapper()).load())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("AVIARY_AGENT_ENROLMENT_TOKEN");
    }

    @Test
    void theSecretStaysOutOfToString() {
        assertThat(credentials.toString()).contains("w-1").doesNotContain("s3cret");
    }
}
