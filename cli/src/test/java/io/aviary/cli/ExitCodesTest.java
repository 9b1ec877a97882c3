package io.aviary.cli;

import io.aviary.cli.support.CliRunner;
import io.aviary.cli.support.StubApi;
import io.aviary.cli.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of failure ends {@code aviary} with its own exit code and one readable line on stderr. */
class ExitCodesTest {

    @TempDir
    Path dir;
    private StubApi api;
    private CliRunner cli;

    @BeforeEach
    void loggedIn() {
        api = new StubApi();
        cli = new CliRunner(dir.resolve("config.json"));
        api.on("POST", "/api/v1/auth/login", 200,
                Tokens.pair(Tokens.jwt("admin", Instant.now().plusSeconds(900), "ADMIN"), "refresh-1"));
        assertThat(cli.runWithStdin("secret\n", "login", "-u", "admin", "--password-stdin",
                "--command-url", api.url(), "--query-url", api.url(), "--projections-url", api.url()).exitCode())
                .isZero();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest(name = "HTTP {0} -> exit {1}")
    @CsvSource({"403, 4", "404, 5", "409, 6", "400, 6", "429, 6", "500, 7", "503, 7"})
    void anErrorStatusMapsToItsExitCode(int status, int exitCode) {
        // given a server answering the status with a problem
        api.on("POST", "/api/v1/tasks/t-1/cancel", status,
                "{\"title\":\"Title " + status + "\",\"status\":" + status + ",\"detail\":\"what went wrong\"}");

        // when a command meets it
        CliRunner.Result result = cli.run("tasks", "cancel", "t-1");

        // then the exit code says what kind of failure it was, and stderr says it in one line
        assertThat(result.exitCode()).as("%s", result).isEqualTo(exitCode);
        assertThat(result.err()).isEqualTo("Title " + status + ": what went wrong\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aStatusMapsToTheDocumentedCodes() {
        assertThat(ExitCodes.forStatus(401)).isEqualTo(3);
        assertThat(ExitCodes.forStatus(403)).isEqualTo(4);
        assertThat(ExitCodes.forStatus(404)).isEqualTo(5);
        assertThat(ExitCodes.forStatus(422)).isEqualTo(6);
        assertThat(ExitCodes.forStatus(504)).isEqualTo(7);
    }

    @Test
    void aServerThatCannotBeReachedIsExit7() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRunner.Result result = cli.run("workers", "list", "--query-url", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err()).startsWith("Cannot reach http://127.0.0.1:" + closedPort).doesNotContain("\n\n");
    }

    @Test
    void aBadCommandLineIsExit2() {
        assertThat(cli.run("workers", "list", "--no-such-option").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("nonsense").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("tasks").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("tasks", "submit").exitCode()).as("--type is required").isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("tasks", "list", "--output", "xml").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("billing", "close", "--date", "yesterday").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("tasks", "bulk", "--file", dir.resolve("missing.jsonl").toString()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMissingOptionIsOneLineAndAHintNotTheWholeUsage() {
        // when a required option is missing, and an option is misspelt
        CliRunner.Result missing = cli.run("tasks", "submit");
        CliRunner.Result misspelt = cli.run("tasks", "list", "--stauts", "QUEUED");

        // then each says what is wrong in a line, and where the options are, without printing them all
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().lines().toList()).hasSize(2)
                .first().asString().startsWith("aviary: Missing required option").contains("--type");
        assertThat(missing.err()).contains("Try 'aviary tasks submit --help' for its options.")
                .doesNotContain("Usage:");
        assertThat(misspelt.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspelt.err()).startsWith("aviary: Unknown options: '--stauts', 'QUEUED'")
                .contains("Try 'aviary tasks list --help'").doesNotContain("Usage:");
    }

    @Test
    void withoutALoginEveryServerCommandIsExit3() {
        CliRunner stranger = new CliRunner(dir.resolve("nobody.json"));

        CliRunner.Result result = stranger.run("workers", "list", "--query-url", api.url());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(result.err()).isEqualTo("Not logged in: run `aviary login`\n");
        assertThat(api.requests("GET", "/api/v1/workers?page=0&size=50")).isEmpty();
    }

    @Test
    void helpAndVersionAreExit0() {
        assertThat(cli.run("--help").exitCode()).isZero();
        assertThat(cli.run("tasks", "bulk", "--help").exitCode()).isZero();
        CliRunner.Result version = cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("aviary-cli ");
    }
}
