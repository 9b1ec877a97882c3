package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16: the README's first command, run the way a user runs it: start the launcher as its own process, stop it
 * (SIGTERM, as Ctrl+C does), start it again on the same home. Each start must bring both quickstart agents up
 * AVAILABLE, and what the first run made (a user's task, the admin password) must still be there after the second.
 * Always on the launcher's own embedded servers: their data under {@code --home} is what is tested.
 */
class StandaloneRestartEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final List<Launcher> launchers = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        launchers.forEach(Launcher::stop);
    }

    @Test
    void theDefaultHomeStartsAgainAfterAStopWithItsAgentsAndTasks(@TempDir Path userHome) throws Exception {
        Path home = userHome.resolve(".aviary").resolve("standalone");
        startStopStartKeepsThePlatform(userHome, List.of(), home);
    }

    @Test
    void aCustomHomeStartsAgainAfterAStopWithItsAgentsAndTasks(@TempDir Path userHome, @TempDir Path custom)
            throws Exception {
        startStopStartKeepsThePlatform(userHome, List.of("--home=" + custom), custom);
        assertThat(userHome.resolve(".aviary")).as("a custom --home leaves the default one alone").doesNotExist();
    }

    private void startStopStartKeepsThePlatform(Path userHome, List<String> homeArgs, Path home) throws Exception {
        // Given a first start of the quickstart, with one task run to completion
        Ports ports = Ports.free();
        Launcher first = start(userHome, ports, homeArgs);
        String password = Files.readString(home.resolve("data").resolve(PlatformHome.ADMIN_PASSWORD_FILE)).strip();
        String token = login(ports, password);
        assertBothAgentsAvailable(ports, token);
        String taskId = submitNoop(ports, token);
        awaitCompleted(ports, token, taskId);

        // When it is stopped as Ctrl+C stops it, and started again on the same home
        assertCleanStop(first, home);
        Launcher second = start(userHome, ports, homeArgs);

        // Then the same admin password logs in, both agents come back AVAILABLE, the first task is still there,
        // and a new task runs
        assertThat(second.output()).as("the stored password is reused, not generated again")
                .noneMatch(line -> line.contains("generated password"));
        String secondToken = login(ports, password);
        assertBothAgentsAvailable(ports, secondToken);
        assertThat(task(ports, secondToken, taskId).path("status").asText()).isEqualTo("COMPLETED");
        awaitCompleted(ports, secondToken, submitNoop(ports, secondToken));
        assertCleanStop(second, home);
    }

    /** The JVM answers SIGTERM with 143 after its shutdown hooks; a clean stop also removes the running marker. */
    private static void assertCleanStop(Launcher launcher, Path home) {
        assertThat(launcher.stop()).as("exit status; output:%n%s", launcher.output()).isIn(0, 143);
        assertThat(launcher.output()).contains("Stopping Aviary...");
        assertThat(home.resolve("data").resolve(PlatformHome.RUNNING_MARKER)).doesNotExist();
    }

    private Launcher start(Path userHome, Ports ports, List<String> homeArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + userHome, "-Daviary.apps.dir=" + System.getProperty("aviary.apps.dir"),
                "-cp", testClassPath(), StandaloneLauncher.class.getName(),
                "--agents=2", "--command-port=" + ports.command, "--query-port=" + ports.query,
                "--projections-port=" + ports.projections, "--kafka-port=" + ports.kafka,
                "--mongo-port=" + ports.mongo));
        command.addAll(homeArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        List.of("AVIARY_POSTGRES_URL", "AVIARY_KAFKA_BOOTSTRAP", "AVIARY_MONGODB_URI", "AVIARY_ADMIN_PASSWORD")
                .forEach(env::remove);
        Launcher launcher = new Launcher(builder.start());
        launchers.add(launcher);
        assertThat(launcher.awaitUp()).as("the launcher comes up; its output:%n%s", launcher.output()).isTrue();
        return launcher;
    }

    private static void assertBothAgentsAvailable(Ports ports, String token) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode page = get(ports.queryUrl() + "/api/v1/workers", token);
            List<String> available = new ArrayList<>();
            page.path("items").forEach(worker -> {
                if (worker.path("state").asText().equals("AVAILABLE")) {
                    available.add(worker.path("name").asText());
                }
            });
            assertThat(available).as("AVAILABLE workers in %s", page)
                    .containsExactlyInAnyOrder(Platform.agentName(1), Platform.agentName(2));
        });
    }

    private static String submitNoop(Ports ports, String token) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(ports.commandUrl() + "/api/v1/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"noop\"}")), token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).path("taskId").asText();
    }

    private static void awaitCompleted(Ports ports, String token, String taskId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(task(ports, token, taskId).path("status").asText()).isEqualTo("COMPLETED"));
    }

    private static JsonNode task(Ports ports, String token, String taskId) throws Exception {
        return get(ports.queryUrl() + "/api/v1/tasks/" + taskId, token);
    }

    private static String login(Ports ports, String password) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(ports.commandUrl() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("username", "admin", "password", password)))), null);
        assertThat(answer.statusCode()).as("admin login: %s", answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("accessToken").asText();
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Surefire puts the test class path (this module, the launcher and the embedded servers) here. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private record Ports(int command, int query, int projections, int kafka, int mongo) {
        static Ports free() throws IOException {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort());
        }

        String commandUrl() {
            return "http://localhost:" + command;
        }

        String queryUrl() {
            return "http://localhost:" + query;
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    /** One launcher process and its output, read as it comes. */
    private static final class Launcher {
        private final Process process;
        private final List<String> output = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Boolean> up = new CompletableFuture<>();
        private final Thread reader;

        Launcher(Process process) {
            this.process = process;
            reader = new Thread(this::read, "launcher-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("Aviary is up")) {
                        up.complete(true);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                up.complete(false);
            }
        }

        boolean awaitUp() {
            try {
                return up.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        }

        List<String> output() {
            return List.copyOf(output);
        }

        /** SIGTERM (what Ctrl+C amounts to for the shutdown hook), then the exit status. */
        int stop() {
            if (!process.isAlive()) {
                return process.exitValue();
            }
            // Process.destroy() would also close our end of the pipe and lose the last lines; the handle only signals
            process.toHandle().destroy();
            try {
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
                reader.join(TimeUnit.SECONDS.toMillis(10)); // the last lines may still be in the pipe

            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return process.exitValue();
        }
    }
}
