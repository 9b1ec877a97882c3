package io.aviary.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher says when a child app ends while it starts: which app, why, and what to do. */
class StartFailureTest {

    @TempDir
    Path dir;

    @Test
    void anAgentWhoseCredentialsAreRefusedIsNamedWithItsErrorAndTheWayOut() throws Exception {
        // Given an agent that logs why it was refused and exits with the configuration status
        ChildApp agent = exitedApp("quickstart-agent-1", StartFailure.AGENT_CONFIG_EXIT,
                "12:00:00.000 ERROR AgentMain - The saved credentials of worker f7845a9b were refused (HTTP 401)",
                "12:00:00.001 INFO  AgentMain - agent exits with status 78");

        // When the launcher turns it into a start failure
        StartFailure failure = StartFailure.of(agent, "worker quickstart-agent-1", "/home/me/.aviary/agents/x");

        // Then the message names the agent, quotes its error line (not the exit line) and says what to do
        assertThat(failure.app()).isEqualTo("quickstart-agent-1");
        assertThat(failure.getMessage())
                .startsWith("quickstart-agent-1 exited with code 78 while the launcher waited for worker")
                .contains("why:  12:00:00.000 ERROR AgentMain - The saved credentials of worker f7845a9b were refused")
                .contains("--fresh", "delete /home/me/.aviary/agents/x")
                .contains("log:  " + agent.logFile());
    }

    @Test
    void anAppThatFailsForAnotherReasonPointsAtItsLog() throws Exception {
        // Given a command side that fails to start
        ChildApp app = exitedApp("command-side", 1,
                "APPLICATION FAILED TO START", "Description: Port 8080 was already in use.", "Shutting down");

        // When
        StartFailure failure = StartFailure.of(app, "readiness at http://localhost:8080", null);

        // Then the last error line is the why, and the log is where to read on
        assertThat(failure.getMessage())
                .contains("command-side exited with code 1")
                .contains("why:  APPLICATION FAILED TO START")
                .contains("do:   read " + app.logFile());
    }

    @Test
    void aLogWithoutAnErrorLineGivesItsLastLine() throws IOException {
        // Given a log with no error in it
        Path log = Files.writeString(dir.resolve("quiet.log"), "starting\nstill starting\n");

        // When / Then
        assertThat(StartFailure.lastErrorLine(log)).isEqualTo("(no error line; last line: still starting)");
        assertThat(StartFailure.lastErrorLine(dir.resolve("missing.log"))).startsWith("(no log at ");
    }

    /** Runs {@link ExitingApp} as a real child JVM through a jar whose manifest points at the test classes. */
    private ChildApp exitedApp(String name, int status, String... lines) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ExitingApp.class.getName());
        Path classes = Path.of(ExitingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
        ChildApp app = new ChildApp(name, jar,
                Map.of("EXITING_APP_STATUS", Integer.toString(status), "EXITING_APP_LINES", String.join("\n", lines)),
                List.of("-Xmx32m"), dir.resolve("logs"));
        app.start();
        await().atMost(Duration.ofSeconds(30)).alias("the stand-in app has exited").until(() -> !app.isAlive());
        return app;
    }
}
