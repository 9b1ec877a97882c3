package io.aviary.cli.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.support.CliRunner;
import io.aviary.infra.EmbeddedStack;
import io.aviary.standalone.AppJars;
import io.aviary.standalone.Platform;
import io.aviary.standalone.Servers;
import io.aviary.standalone.StandaloneOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real platform for the CLI tests, once per test JVM (starting it costs ~30 s on 2 cores): the shared embedded
 * stack (PostgreSQL, Kafka, Mongo wire server), every app as a child process, one agent. Stopped by a shutdown hook.
 */
final class CliPlatform {

    static final String AGENT = Platform.agentName(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_PASSWORD = "cli-admin-password-" + UUID.randomUUID();
    private static Platform platform;

    private CliPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            try {
                EmbeddedStack stack = EmbeddedStack.shared();
                Servers servers = new Servers(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword(),
                        stack.kafkaBootstrap(), stack.mongoUri());
                Path home = Files.createTempDirectory("aviary-cli-it-");
                StandaloneOptions options = new StandaloneOptions(1, 4, 60, freePort(), freePort(), freePort(),
                        0, 0, home, StandaloneOptions.DEFAULT_JVM_OPTIONS, false);
                Platform started = new Platform(options, servers, AppJars.locate(home), ADMIN_PASSWORD);
                // Stop the apps before the stack's own hook stops the servers under them.
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "cli-platform-ShutdownHook"));
                platform = started.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return platform;
    }

    /** A CLI with its own config file in {@code dir}, logged in as {@code admin} through {@code aviary login}. */
    static CliRunner admin(Path dir) {
        return loggedIn(dir, "admin", ADMIN_PASSWORD);
    }

    /** A CLI logged in as {@code username}: the password goes in on stdin, the URLs as options. */
    static CliRunner loggedIn(Path dir, String username, String password) {
        CliRunner cli = new CliRunner(dir.resolve(username).resolve("config.json"));
        CliRunner.Result login = cli.runWithStdin(password + "\n", login(username));
        assertThat(login.exitCode()).as("login as %s: %s", username, login).isZero();
        return cli;
    }

    /** The arguments of {@code aviary login} for this platform. */
    static String[] login(String username) {
        Platform p = get();
        return new String[]{"login", "--username", username, "--password-stdin", "--command-url", p.commandUrl(),
                "--query-url", p.queryUrl(), "--projections-url", p.projectionsUrl()};
    }

    /** Creates a user through the API, as an admin would; answers the password. */
    static String createUser(String username, String... roles) {
        String password = "pw-" + UUID.randomUUID();
        try {
            String body = JSON.writeValueAsString(Map.of("username", username, "password", password,
                    "roles", List.of(roles)));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(get().commandUrl() + "/api/v1/users"))
                    .header("Authorization", "Bearer " + get().admin().accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("create user %s: %s", username, response.body()).isEqualTo(201);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
