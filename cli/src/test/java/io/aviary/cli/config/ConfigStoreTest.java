package io.aviary.cli.config;

import io.aviary.cli.CliException;
import io.aviary.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigStoreTest {

    @TempDir
    Path home;

    @Test
    void aNewConfigFileIsReadableOnlyByItsOwnerAndSoIsTheFolderItCreates() throws IOException {
        // given a config path whose folders do not exist yet
        Path file = home.resolve(".config").resolve("aviary").resolve("config.json");
        ConfigStore store = new ConfigStore(file);

        // when a login is saved
        store.save(Config.EMPTY.withServers("http://c", "http://q", "http://p")
                .withLogin("admin", "access", "refresh", Instant.parse("2030-01-01T00:00:00Z")));

        // then the file is rw------- and the folder it created rwx------, with nothing left beside it
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void savingOverAFileOthersCouldReadLeavesItReadableOnlyByItsOwner() throws IOException {
        // given a config file copied around with mode 0644
        Path file = home.resolve("config.json");
        Files.writeString(file, "{\"commandUrl\":\"http://old\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        // when a refreshed login is saved
        new ConfigStore(file).save(Config.EMPTY.withLogin("admin", "a", "r", null));

        // then it is 0600 again
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFileOthersCanReadIsReportedAsExposed() throws IOException {
        Path file = home.resolve("config.json");
        ConfigStore store = new ConfigStore(file);
        assertThat(store.exposed()).as("no file yet").isFalse();

        store.save(Config.EMPTY);
        assertThat(store.exposed()).isFalse();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(store.exposed()).isTrue();
    }

    @Test
    void whatIsSavedIsWhatIsLoaded() {
        ConfigStore store = new ConfigStore(home.resolve("c.json"));
        Config config = Config.EMPTY.withServers("http://c:1", "http://q:2", "http://p:3")
                .withLogin("ann", "access", "refresh", Instant.parse("2030-01-01T00:00:00Z"));

        store.save(config);

        assertThat(store.load()).isEqualTo(config);
        assertThat(store.load().expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void withoutAFileThereIsNoLogin() {
        assertThat(new ConfigStore(home.resolve("missing.json")).load()).isEqualTo(Config.EMPTY);
        assertThat(Config.EMPTY.loggedIn()).isFalse();
    }

    @Test
    void aConfigFileThatIsNotJsonIsReportedWithItsPath() throws IOException {
        Path file = home.resolve("broken.json");
        Files.writeString(file, "{not json");

        assertThatThrownBy(() -> new ConfigStore(file).load())
                .isInstanceOf(CliException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.FAILURE));
    }

    @Test
    void logoutKeepsTheServersAndForgetsTheTokens() {
        Config config = Config.EMPTY.withServers("http://c", "http://q", "http://p")
                .withLogin("ann", "a", "r", Instant.EPOCH);

        Config after = config.withoutLogin();

        assertThat(after.loggedIn()).isFalse();
        assertThat(after.commandUrl()).isEqualTo("http://c");
        assertThat(after.toString()).doesNotContain("a,").doesNotContain("r]");
    }

    @Test
    void theConfigPathIsAviaryConfigThenXdgConfigHomeThenTheHomeFolder() {
        assertThat(ConfigPaths.configFile(Map.of("AVIARY_CONFIG", "/etc/a.json", "XDG_CONFIG_HOME", "/x"), "/home/u"))
                .isEqualTo(Path.of("/etc/a.json"));
        assertThat(ConfigPaths.configFile(Map.of("XDG_CONFIG_HOME", "/x"), "/home/u"))
                .isEqualTo(Path.of("/x/aviary/config.json"));
        assertThat(ConfigPaths.configFile(Map.of("XDG_CONFIG_HOME", "relative"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.config/aviary/config.json"));
        assertThat(ConfigPaths.configFile(Map.of(), "/home/u"))
                .isEqualTo(Path.of("/home/u/.config/aviary/config.json"));
    }
}
