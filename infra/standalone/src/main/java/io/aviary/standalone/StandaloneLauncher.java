package io.aviary.standalone;

import io.aviary.infra.EmbeddedStack;
import io.aviary.infra.EmbeddedStackOptions;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code java -jar aviary-standalone.jar [--agents=N] ...}: the whole platform on one machine. Starts embedded
 * PostgreSQL (durable commits), a Kafka broker (KRaft) and the Mongo wire server — each skipped when its
 * {@code AVIARY_*} connection variable is set — then every app as a child process, prints the URLs, and serves
 * until stopped (Ctrl+C stops the apps, then the servers).
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
        System.out.println("Starting Aviary: embedded servers, command-side, projections, query-side and "
                + options.agents() + " agent(s). Logs: " + options.home().resolve("logs"));
        // Data is fresh on every start: the read models live in memory, so keeping the event store and the topic
        // across restarts would leave them out of step with it.
        EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackOptions.standalone(null)
                .withKafkaPort(options.kafkaPort()).withMongoPort(options.mongoPort()));
        Servers servers = new Servers(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword(),
                stack.kafkaBootstrap(), stack.mongoUri());
        String configuredPassword = System.getenv("AVIARY_ADMIN_PASSWORD");
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String adminPassword = generated ? generatePassword() : configuredPassword;
        Platform platform = new Platform(options, servers, AppJars.locate(options.home()), adminPassword);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Aviary...");
            platform.close();
            stack.close();
            stopped.countDown();
        }, "aviary-shutdown"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("Aviary did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        printBanner(options, servers, platform, Duration.between(began, Instant.now()));
        if (generated) {
            // Printed once, here only: it is not stored anywhere but in the command-side's password table (hashed).
            System.out.println("Admin login: user 'admin', generated password: " + adminPassword
                    + "\n(set AVIARY_ADMIN_PASSWORD to choose it; this is the only time it is shown)\n");
        } else {
            System.out.println("Admin login: user 'admin', password from AVIARY_ADMIN_PASSWORD\n");
        }
        stopped.await();
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
                  MongoDB wire   %s   (mongo-java-server, in memory)
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
