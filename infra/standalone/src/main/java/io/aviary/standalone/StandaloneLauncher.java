package io.aviary.standalone;

import io.aviary.infra.EmbeddedStack;
import io.aviary.infra.EmbeddedStackOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code java -jar aviary-standalone.jar [--agents=N] ...}: the whole platform on one machine. Starts embedded
 * PostgreSQL (durable commits), a Kafka broker (KRaft) and the Mongo wire server — each skipped when its
 * {@code AVIARY_*} connection variable is set, each keeping its data in {@code <home>/data} — then every app as a
 * child process, prints the URLs, and serves until stopped (Ctrl+C stops the apps, then the servers).
 */
public final class StandaloneLauncher {

    private StandaloneLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("aviary-standalone: " + e.getMessage());
            System.exit(2);
            return;
        }
        Instant began = Instant.now();
        PlatformHome home;
        try {
            home = PlatformHome.open(options, System::getenv);
        } catch (RuntimeException e) {
            System.err.println("Aviary did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Starting Aviary: embedded servers, command-side, projections, query-side and "
                + options.agents() + " agent(s). Data: " + options.dataDir() + ", logs: " + options.logDir());
        home.notes().forEach(note -> System.out.println("  " + note));
        // PostgreSQL, Kafka and the read models keep their data in <home>/data, with the agents' credentials and the
        // generated secrets: a restart finds the same platform, --fresh starts an empty one (ADR 15).
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(EmbeddedStackOptions.standalone(options.dataDir())
                    .withKafkaPort(options.kafkaPort()).withMongoPort(options.mongoPort()));
            if (home.readModelsReset()) {
                ReadModelReset.replayFromStart(stack.kafkaBootstrap());
            }
        } catch (RuntimeException e) {
            home.markStopped();
            System.err.println("Aviary did not start: the embedded servers did not start\n  why:  " + rootCause(e)
                    + "\n  do:   another Aviary, Kafka or MongoDB may hold port " + options.kafkaPort() + " or "
                    + options.mongoPort() + ": stop it, or choose --kafka-port / --mongo-port");
            System.exit(1);
            return;
        }
        Servers servers = new Servers(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword(),
                stack.kafkaBootstrap(), stack.mongoUri());
        String adminPassword = home.adminPassword();
        Platform platform = new Platform(options, servers, AppJars.locate(options.home()), adminPassword,
                home.secretsKey());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Aviary...");
            platform.close();
            stack.close();
            home.markStopped();
            stopped.countDown();
        }, "aviary-shutdown"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            // The shutdown hook stops whatever did start: no half-started platform is left behind.
            System.err.println("Aviary did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        printBanner(options, servers, platform, Duration.between(began, Instant.now()));
        if (home.adminPasswordGenerated()) {
            System.out.println("Admin login: user 'admin', generated password: " + adminPassword
                    + "\n(kept in " + home.adminPasswordFile() + " for later starts; set AVIARY_ADMIN_PASSWORD on the"
                    + " first start to choose it)\n");
        } else if (System.getenv("AVIARY_ADMIN_PASSWORD") == null || System.getenv("AVIARY_ADMIN_PASSWORD").isBlank()) {
            System.out.println("Admin login: user 'admin', password in " + home.adminPasswordFile()
                    + " (generated at this platform's first start)\n");
        } else {
            System.out.println("Admin login: user 'admin', password from AVIARY_ADMIN_PASSWORD\n");
        }
        stopped.await();
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    private static void printBanner(StandaloneOptions options, Servers servers, Platform platform, Duration took) {
        String agents = IntStream.rangeClosed(1, options.agents()).mapToObj(Platform::agentName)
                .collect(Collectors.joining(", "));
        System.out.printf("""

                Aviary is up (%.1f s)
                  dashboard      %s/   (log in as admin)
                  command API    %s   (OpenAPI: %s/swagger-ui.html)
                  query API      %s   (OpenAPI: %s/swagger-ui.html)
                  projections    http://localhost:%d/actuator/health
                  PostgreSQL     %s
                  Kafka          %s
                  MongoDB wire   %s   (mongo-java-server, kept in data/mongo)
                  agents         %s
                  logs           %s

                Try (with the admin password below):
                  TOKEN=$(curl -s -X POST %s/api/v1/auth/login -H 'Content-Type: application/json' \\
                          -d '{"username":"admin","password":"<password>"}' | sed 's/.*"accessToken":"\\([^"]*\\)".*/\\1/')
                  curl -s -X POST %s/api/v1/tasks -H "Authorization: Bearer $TOKEN" \\
                       -H 'Content-Type: application/json' -d '{"type":"noop"}'
                  curl -s -H "Authorization: Bearer $TOKEN" '%s/api/v1/tasks?status=COMPLETED'

                Press Ctrl+C to stop.
                %n""", took.toMillis() / 1000.0, platform.queryUrl(), platform.commandUrl(), platform.commandUrl(), platform.queryUrl(),
                platform.queryUrl(), options.projectionsPort(), servers.postgresUrl(), servers.kafkaBootstrap(),
                servers.mongoUri(), agents.isEmpty() ? "(none)" : agents, options.home().resolve("logs"),
                platform.commandUrl(), platform.commandUrl(), platform.queryUrl());
    }
}
