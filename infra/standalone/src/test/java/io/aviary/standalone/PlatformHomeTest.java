package io.aviary.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformHomeTest {

    @TempDir
    Path home;

    @Test
    void givenAKeptInstanceWhenItStartsAgainThenItsDataPasswordAndKeyAreKept() throws IOException {
        // Given a first start that stopped cleanly
        PlatformHome first = PlatformHome.open(options(false), Map.<String, String>of()::get);
        String password = first.adminPassword();
        String key = first.secretsKey();
        Files.createDirectories(dataDir().resolve("postgres"));
        Files.writeString(dataDir().resolve("agents-marker"), "kept");
        first.markStopped();

        // When it starts again
        PlatformHome second = PlatformHome.open(options(false), Map.<String, String>of()::get);

        // Then nothing is wiped or rebuilt and the same secrets come back
        assertThat(first.adminPasswordGenerated()).isTrue();
        assertThat(second.adminPassword()).isEqualTo(password);
        assertThat(second.adminPasswordGenerated()).isFalse();
        assertThat(second.secretsKey()).isEqualTo(key);
        assertThat(second.readModelsReset()).isFalse();
        assertThat(second.notes()).isEmpty();
        assertThat(dataDir().resolve("agents-marker")).exists();
        second.markStopped();
    }

    @Test
    void givenFreshWhenItStartsThenTheWholeDataFolderIsWiped() throws IOException {
        Files.createDirectories(dataDir().resolve("postgres"));
        Files.writeString(dataDir().resolve(PlatformHome.ADMIN_PASSWORD_FILE), "old-password");

        PlatformHome fresh = PlatformHome.open(options(true), Map.<String, String>of()::get);

        assertThat(dataDir().resolve("postgres")).doesNotExist();
        assertThat(fresh.adminPassword()).isNotEqualTo("old-password");
        assertThat(fresh.notes()).singleElement().asString().startsWith("--fresh: wiped");
        fresh.markStopped();
    }

    @Test
    void givenDataWithoutItsEventStoreWhenItStartsThenTheRestIsWipedWithIt() throws IOException {
        // Given agent credentials left from a platform whose PostgreSQL data is gone
        Path agentState = dataDir().resolve("agents").resolve("quickstart-agent-1");
        Files.createDirectories(agentState);
        Files.writeString(agentState.resolve("credentials"), "refused by any other event store");

        PlatformHome home = PlatformHome.open(options(false), Map.<String, String>of()::get);

        assertThat(agentState).doesNotExist();
        assertThat(home.notes()).singleElement().asString().contains("is gone");
        home.markStopped();
    }

    @Test
    void givenAnExternalPostgresWhenItStartsThenNoEmbeddedEventStoreIsExpected() throws IOException {
        Path agentState = Files.createDirectories(dataDir().resolve("agents").resolve("quickstart-agent-1"));

        PlatformHome home = PlatformHome.open(options(false),
                Map.of("AVIARY_POSTGRES_URL", "jdbc:postgresql://db/aviary")::get);

        assertThat(agentState).exists();
        home.markStopped();
    }

    @Test
    void givenARunThatDidNotStopCleanlyWhenItStartsThenTheReadModelsAreRebuilt() throws IOException {
        // Given a run that ended without markStopped (killed), with a read-model file
        PlatformHome crashed = PlatformHome.open(options(false), Map.<String, String>of()::get);
        Files.createDirectories(dataDir().resolve("postgres"));
        Files.createDirectories(dataDir().resolve("mongo"));
        Files.writeString(dataDir().resolve("mongo").resolve("read-models.mv"), "stale");
        crashed.release();

        PlatformHome next = PlatformHome.open(options(false), Map.<String, String>of()::get);

        assertThat(next.readModelsReset()).isTrue();
        assertThat(dataDir().resolve("mongo")).doesNotExist();
        assertThat(dataDir().resolve("postgres")).exists();
        next.markStopped();
    }

    @Test
    void givenARunningLauncherWhenASecondOpensTheSameHomeThenItIsRefused() {
        PlatformHome running = PlatformHome.open(options(false), Map.<String, String>of()::get);

        assertThatThrownBy(() -> PlatformHome.open(options(false), Map.<String, String>of()::get))
                .hasMessageContaining("already runs a launcher on " + home);
        running.markStopped();
    }

    @Test
    void givenAConfiguredPasswordWhenAskedThenItWinsAndNothingIsStored() {
        PlatformHome configured = PlatformHome.open(options(false),
                Map.of("AVIARY_ADMIN_PASSWORD", "chosen-password")::get);

        assertThat(configured.adminPassword()).isEqualTo("chosen-password");
        assertThat(configured.adminPasswordFile()).doesNotExist();
        configured.markStopped();
    }

    @Test
    void givenALegacyAgentsFolderWhenItStartsThenItIsRemoved() throws IOException {
        Path legacy = Files.createDirectories(home.resolve("agents").resolve("quickstart-agent-1"));

        PlatformHome opened = PlatformHome.open(options(false), Map.<String, String>of()::get);

        assertThat(legacy.getParent()).doesNotExist();
        assertThat(opened.notes()).anyMatch(note -> note.contains("earlier version"));
        opened.markStopped();
    }

    private Path dataDir() {
        return home.resolve("data");
    }

    private StandaloneOptions options(boolean fresh) {
        StandaloneOptions d = StandaloneOptions.defaults();
        return new StandaloneOptions(d.agents(), d.agentSlots(), d.agentMaxQueue(), d.commandPort(), d.queryPort(),
                d.projectionsPort(), d.kafkaPort(), d.mongoPort(), home, d.jvmOptions(), fresh);
    }
}
