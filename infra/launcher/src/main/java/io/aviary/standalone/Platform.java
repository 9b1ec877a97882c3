package io.aviary.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The apps of the platform as child processes: command-side first (it creates the schema and topics), then
 * projections, query-side and the agents. {@link #start} returns when every app is ready and every agent is
 * visible in the query API.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StandaloneOptions options;
    private final Servers servers;
    private final AppJars jars;
    private final String adminPassword;
    private final AdminClient admin;
    /** Encrypts webhook secrets and service connections: it must stay the same as long as the data is kept. */
    private final String secretsKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ChildApp> services = new ArrayList<>();
    private final List<ChildApp> agents = new ArrayList<>();

    /**
     * @param adminPassword password of the bootstrap {@code admin} user; the launcher logs in with it to enrol the
     *                      agents, exactly as an operator would
     */
    public Platform(StandaloneOptions options, Servers servers, AppJars jars, String adminPassword) {
        this(options, servers, jars, adminPassword, secretsKey());
    }

    /**
     * @param secretsKey base64 AES key for stored secrets ({@code AVIARY_SECRETS_KEY}); the standalone launcher keeps
     *                   it with the platform's data
     */
    public Platform(StandaloneOptions options, Servers servers, AppJars jars, String adminPassword, String secretsKey) {
        this.options = options;
        this.secretsKey = secretsKey;
        this.servers = servers;
        this.jars = jars;
        this.adminPassword = adminPassword;
        this.admin = new AdminClient(commandUrl(), adminPassword);
    }

    /** Starts every app and waits until the platform answers; fails with the log file to read if one does not. */
    public Platform start() {
        ChildApp command = service("command-side", AppJars.COMMAND_SIDE, options.commandPort());
        command.start();
        awaitReady(command, options.commandPort());
        ChildApp projections = service("projections", AppJars.PROJECTIONS, options.projectionsPort());
        ChildApp query = service("query-side", AppJars.QUERY_SIDE, options.queryPort());
        projections.start();
        query.start();
        for (int i = 1; i <= options.agents(); i++) {
            agents.add(agent(agentName(i), enrolmentToken(agentName(i))));
        }
        agents.forEach(ChildApp::start);
        awaitReady(projections, options.projectionsPort());
        awaitReady(query, options.queryPort());
        for (ChildApp agent : agents) {
            awaitAgentVisible(agent);
        }
        return this;
    }

    private String enrolmentToken(String agentName) {
        try {
            return admin.enrolmentToken(agentName);
        } catch (AdminClient.LoginRefused e) {
            throw StartFailure.adminRefused(e.getMessage(), options.dataDir());
        }
    }

    public static String agentName(int number) {
        return "quickstart-agent-" + number;
    }

    public String commandUrl() {
        return "http://localhost:" + options.commandPort();
    }

    public String queryUrl() {
        return "http://localhost:" + options.queryPort();
    }

    public String projectionsUrl() {
        return "http://localhost:" + options.projectionsPort();
    }

    /** The launcher's admin session (for tests and tools that act as the operator). */
    public AdminClient admin() {
        return admin;
    }

    /** Agent number {@code n} (1-based), to stop, kill or restart it. */
    public ChildApp agent(int n) {
        return agents.get(n - 1);
    }

    public List<ChildApp> agents() {
        return List.copyOf(agents);
    }

    /** Generates a key for this launch unless {@code AVIARY_SECRETS_KEY} is set. */
    public static String secretsKey() {
        String configured = System.getenv("AVIARY_SECRETS_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Stops agents first (they report their running tasks), then the services, in reverse start order. */
    @Override
    public void close() {
        agents.forEach(a -> a.stop(STOP_GRACE));
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop(STOP_GRACE);
        }
    }

    private ChildApp service(String name, String jar, int port) {
        Map<String, String> env = serverEnvironment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("AVIARY_QUERY_BASE_URL", queryUrl());
        env.put("AVIARY_COMMAND_URL", commandUrl());
        env.put("AVIARY_ADMIN_PASSWORD", adminPassword);
        env.put("AVIARY_SECRETS_KEY", secretsKey);
        ChildApp app = new ChildApp(name, jars.jar(jar), env, options.jvmOptions(), logDir());
        services.add(app);
        return app;
    }

    private ChildApp agent(String name, String enrolmentToken) {
        Map<String, String> env = serverEnvironment();
        env.put("AVIARY_AGENT_ENROLMENT_TOKEN", enrolmentToken);
        env.put("SERVER_PORT", "0");
        env.put("AVIARY_COMMAND_URL", commandUrl());
        env.put("AVIARY_AGENT_NAME", name);
        env.put("AVIARY_AGENT_SLOTS", Integer.toString(options.agentSlots()));
        env.put("AVIARY_AGENT_MAX_QUEUE", Integer.toString(options.agentMaxQueue()));
        env.put("AVIARY_AGENT_STATE_DIR", options.agentStateDir(name).toString());
        List<String> jvmOptions = new ArrayList<>(options.jvmOptions());
        jvmOptions.addAll(StandaloneOptions.AGENT_JVM_OPTIONS);
        return new ChildApp(name, jars.jar(AppJars.WORKER_AGENT), env, jvmOptions, logDir());
    }

    private Map<String, String> serverEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AVIARY_POSTGRES_URL", servers.postgresUrl());
        env.put("AVIARY_POSTGRES_USER", servers.postgresUser());
        env.put("AVIARY_POSTGRES_PASSWORD", servers.postgresPassword());
        env.put("AVIARY_KAFKA_BOOTSTRAP", servers.kafkaBootstrap());
        env.put("AVIARY_MONGODB_URI", servers.mongoUri());
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return env;
    }

    private Path logDir() {
        return options.logDir();
    }

    private void awaitReady(ChildApp app, int port) {
        String url = "http://localhost:" + port + "/actuator/health/readiness";
        await(app, "readiness at " + url, () -> status(url) == 200);
        log.info("{} ready on port {}", app.name(), port);
    }

    private void awaitAgentVisible(ChildApp agent) {
        String url = queryUrl() + "/api/v1/workers?name=" + agent.name();
        await(agent, "worker " + agent.name() + " in " + url,
                () -> body(url, admin.accessToken()).contains("\"AVAILABLE\""));
        log.info("{} registered and available", agent.name());
    }

    /**
     * Waits for {@code condition}; fails naming the app that ended meanwhile (any started one, not only {@code app}:
     * a projections app that exited makes an agent never visible, and the projections app is what to name).
     */
    private void await(ChildApp app, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!condition.getAsBoolean()) {
            Optional<ChildApp> ended = started().filter(child -> !child.isAlive()).findFirst();
            if (ended.isPresent()) {
                throw StartFailure.of(ended.get(), what, stateDirOf(ended.get()));
            }
            if (Instant.now().isAfter(deadline)) {
                throw StartFailure.of(app, what, stateDirOf(app));
            }
            pause();
        }
    }

    private Stream<ChildApp> started() {
        return Stream.concat(services.stream(), agents.stream()).filter(ChildApp::wasStarted);
    }

    private String stateDirOf(ChildApp app) {
        return agents.contains(app) ? options.agentStateDir(app.name()).toString() : null;
    }

    private int status(String url) {
        try {
            return http.send(get(url), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String body(String url, String bearer) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .header("Authorization", "Bearer " + bearer).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    }

    /** Polling interval while apps start: short enough to be ready quickly, long enough not to load 2 cores. */
    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
