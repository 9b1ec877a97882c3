package io.aviary.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.support.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aviary login}, token renewal, logout and roles against the running platform. */
class AuthPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWrongPasswordIsExit3AndLeavesNoConfig() {
        CliRunner cli = new CliRunner(dir.resolve("config.json"));

        CliRunner.Result result = cli.runWithStdin("not-the-password\n", CliPlatform.login("admin"));

        assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void theRightPasswordStoresTheLoginInAFileOnlyItsOwnerCanRead() throws Exception {
        // when admin logs in
        CliRunner cli = CliPlatform.admin(dir);

        // then the config file is 0600 and holds both tokens and the servers
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())))
                .isEqualTo("rw-------");
        JsonNode config = JSON.readTree(cli.configFile().toFile());
        assertThat(config.path("accessToken").asText()).contains(".");
        assertThat(config.path("refreshToken").asText()).isNotBlank();
        assertThat(config.path("queryUrl").asText()).isEqualTo(CliPlatform.get().queryUrl());
        // and whoami shows the admin role from the token
        CliRunner.Result whoami = cli.run("whoami", "-o", "json");
        assertThat(JSON.readTree(whoami.out()).path("roles").toString()).contains("ADMIN");
    }

    @Test
    void aTokenTheServerRefusesIsRenewedWithTheRefreshTokenAndTheCommandSucceeds() throws Exception {
        // given a login whose access token got corrupted (the server answers 401 to it)
        CliRunner cli = CliPlatform.admin(dir);
        JsonNode config = JSON.readTree(cli.configFile().toFile());
        String refresh = config.path("refreshToken").asText();
        Files.writeString(cli.configFile(), config.toString().replace(config.path("accessToken").asText(),
                "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.bm90LXNpZ25lZA"));

        // when a command runs
        CliRunner.Result result = cli.run("workers", "list");

        // then it succeeded after a refresh, and the spent refresh token was replaced in the file
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains(CliPlatform.AGENT);
        assertThat(JSON.readTree(cli.configFile().toFile()).path("refreshToken").asText()).isNotEqualTo(refresh);
    }

    @Test
    void afterLogoutCommandsAskForALogin() {
        CliRunner cli = CliPlatform.admin(dir);

        assertThat(cli.run("logout").exitCode()).isZero();
        CliRunner.Result result = cli.run("workers", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(result.err()).contains("aviary login");
    }

    @Test
    void aManagerMayNotCloseABillingCycleExit4() {
        // given a MANAGER user created through the API, logged in with the CLI
        String password = CliPlatform.createUser("cli-manager", "MANAGER");
        CliRunner manager = CliPlatform.loggedIn(dir, "cli-manager", password);

        // when the manager tries to close a billing cycle
        CliRunner.Result result = manager.run("billing", "close");

        // then the server forbids it: exit 4, one line
        assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(result.err().lines()).singleElement().asString().isNotBlank();
        // while what a manager may do works
        assertThat(manager.run("workers", "list").exitCode()).isZero();
    }
}
