package io.aviary.reliability;

import io.aviary.infra.EmbeddedStack;
import io.aviary.standalone.AdminClient;
import io.aviary.standalone.AppJars;
import io.aviary.standalone.ChildApp;
import io.aviary.standalone.StandaloneOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * One platform for every reliability test class of this JVM (starting one costs ~30 s on 2 cores): the shared
 * embedded stack, every app a child process ({@code java -jar}, configured by environment variables as in
 * production), three agents with 2 slots and room for 40 queued tasks each. Stopped by a shutdown hook.
 * <p>
 * Why not {@code io.aviary.standalone.Platform}: fault tests kill and restart command-side and projections, start
 * extra projections instances with their own database and topic, and poll every agent's readiness; the launcher's
 * class exposes only the agents. This holder starts the same processes with the same environment.
 * <p>
 * <b>command-side reaches PostgreSQL through a {@link TcpProxy}</b> (transparent until {@link TcpProxy#cut()}), so
 * the event-store outage runs on this same platform instead of a second one (another ~30 s and two more cores'
 * worth of start-up). Only command-side uses PostgreSQL; the tests read the event store directly, not through the
 * proxy.
 */
public final class ReliabilityPlatform {

    private static final Logger log = LoggerFactory.getLogger(ReliabilityPlatform.class);
    public static final int AGENTS = 3;
    public static final int AGENT_SLOTS = 2;
    public static final int AGENT_MAX_QUEUE = 40;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** The launcher's child JVM options, plus C1 only: start-up dominates these short runs on 2 cores. */
    private static final List<String> JVM_OPTIONS;

    static {
        List<String> options = new ArrayList<>(StandaloneOptions.DEFAULT_JVM_OPTIONS);
        options.add("-XX:TieredStopAtLevel=1");
        JVM_OPTIONS = List.copyOf(options);
    }

    private static ReliabilityPlatform platform;

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final TcpProxy postgresProxy;
    private final Path home;
    private final AppJars jars;
    private final String adminPassword = "reliability-admin-" + UUID.randomUUID();
    private final String secretsKey = secretsKey();
    private final int commandPort = freePort();
    private final int queryPort = freePort();
    private final int projectionsPort = freePort();
    private final AdminClient admin;
    private final Map<ChildApp, Integer> ports = new LinkedHashMap<>();
    private final List<ChildApp> extras = new ArrayList<>();
    private ChildApp commandSide;
    private ChildApp projections;
    private ChildApp querySide;
    private final List<ChildApp> agents = new ArrayList<>();

    private ReliabilityPlatform() {
        URI postgres = URI.create(stack.postgresJdbcUrl().substring("jdbc:".length()));
        postgresProxy = new TcpProxy(postgres.getHost(), postgres.getPort());
        try {
            home = Files.createDirectories(Path.of("target", "platform-" + System.currentTimeMillis()))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jars = AppJars.locate(home);
        admin = new AdminClient(commandUrl(), adminPassword);
    }

    /** The platform of this JVM, started on first use. */
    public static synchronized ReliabilityPlatform get() {
        if (platform == null) {
            ReliabilityPlatform starting = new ReliabilityPlatform();
            // Stop the apps before the stack's own hook stops the servers under them.
            Runtime.getRuntime().addShutdownHook(new Thread(starting::close, "reliability-platform-ShutdownHook"));
            long began = System.nanoTime();
            starting.start();
            log.info("Platform up in {} ms; logs in {}", (System.nanoTime() - began) / 1_000_000,
                    starting.home.resolve("logs"));
            platform = starting;
        }
        return platform;
    }

    private void start() {
        commandSide = service("command-side", AppJars.COMMAND_SIDE, commandPort, postgresViaProxy());
        commandSide.start();
        awaitReady(commandSide);
        projections = service("projections", AppJars.PROJECTIONS, projectionsPort, Map.of());
        querySide = service("query-side", AppJars.QUERY_SIDE, queryPort, Map.of());
        projections.start();
        querySide.start();
        for (int i = 1; i <= AGENTS; i++) {
            agents.add(newAgent(i));
        }
        agents.forEach(ChildApp::start);
        awaitReady(projections);
        awaitReady(querySide);
        agents.forEach(this::awaitReady);
    }

    public EmbeddedStack stack() {
        return stack;
    }

    /** Between command-side and PostgreSQL. */
    public TcpProxy postgresProxy() {
        return postgresProxy;
    }

    public String commandUrl() {
        return "http://localhost:" + commandPort;
    }

    public String queryUrl() {
        return "http://localhost:" + queryPort;
    }

    public String projectionsUrl() {
        return "http://localhost:" + projectionsPort;
    }

    /** Where the apps' logs are ({@code <name>.log}). */
    public Path logDir() {
        return home.resolve("logs");
    }

    /** The operator's session ({@code admin}, role ADMIN). */
    public AdminClient admin() {
        return admin;
    }

    public String adminToken() {
        return admin.accessToken();
    }

    /** The bootstrap {@code admin} user's password (e.g. to check that it appears nowhere it should not). */
    public String adminPassword() {
        return adminPassword;
    }

    public ChildApp commandSide() {
        return commandSide;
    }

    public ChildApp projections() {
        return projections;
    }

    public ChildApp querySide() {
        return querySide;
    }

    /** Agent {@code n} (1-based). */
    public ChildApp agent(int n) {
        return agents.get(n - 1);
    }

    public List<ChildApp> agents() {
        return List.copyOf(agents);
    }

    public static String agentName(int n) {
        return "reliability-agent-" + n;
    }

    public String readinessUrl(ChildApp app) {
        return "http://localhost:" + ports.get(app) + "/actuator/health/readiness";
    }

    public boolean isReady(ChildApp app) {
        return app.isAlive() && Api.status(readinessUrl(app)) == 200;
    }

    /** Waits until the app answers UP on its readiness probe; fails with its log file if it died. */
    public void awaitReady(ChildApp app) {
        await("readiness of " + app.name()).atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!app.isAlive()) {
                        throw new IllegalStateException(app.name() + " " + app.exitDescription() + "; see "
                                + app.logFile());
                    }
                    return Api.status(readinessUrl(app)) == 200;
                });
    }

    /** Starts a stopped or killed app again and waits until it is ready. */
    public void restart(ChildApp app) {
        app.start();
        awaitReady(app);
    }

    public void stop(ChildApp app) {
        app.stop(STOP_GRACE);
    }

    /**
     * A second projections process, e.g. to project another topic into another database. Its environment is the
     * live projections' one plus {@code overrides}; the caller stops it.
     */
    public ChildApp extraProjections(String name, Map<String, String> overrides) {
        ChildApp extra = service(name, AppJars.PROJECTIONS, freePort(), overrides);
        synchronized (extras) {
            extras.add(extra);
        }
        return extra;
    }

    private ChildApp service(String name, String jar, int port, Map<String, String> overrides) {
        Map<String, String> env = serverEnvironment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("AVIARY_QUERY_BASE_URL", queryUrl());
        env.put("AVIARY_COMMAND_URL", commandUrl());
        env.put("AVIARY_ADMIN_PASSWORD", adminPassword);
        env.put("AVIARY_SECRETS_KEY", secretsKey);
        env.putAll(overrides);
        ChildApp app = new ChildApp(name, jars.jar(jar), env, JVM_OPTIONS, logDir());
        ports.put(app, port);
        return app;
    }

    private ChildApp newAgent(int n) {
        String name = agentName(n);
        int port = freePort();
        Map<String, String> env = serverEnvironment();
        env.put("AVIARY_AGENT_ENROLMENT_TOKEN", admin.enrolmentToken(name));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("AVIARY_COMMAND_URL", commandUrl());
        env.put("AVIARY_AGENT_NAME", name);
        env.put("AVIARY_AGENT_SLOTS", Integer.toString(AGENT_SLOTS));
        env.put("AVIARY_AGENT_MAX_QUEUE", Integer.toString(AGENT_MAX_QUEUE));
        env.put("AVIARY_AGENT_STATE_DIR", home.resolve("agents").resolve(name).toString());
        ChildApp app = new ChildApp(name, jars.jar(AppJars.WORKER_AGENT), env, JVM_OPTIONS, logDir());
        ports.put(app, port);
        return app;
    }

    private Map<String, String> postgresViaProxy() {
        String direct = stack.postgresJdbcUrl();
        URI postgres = URI.create(direct.substring("jdbc:".length()));
        String proxied = direct.replace(postgres.getHost() + ":" + postgres.getPort(),
                "localhost:" + postgresProxy.port());
        return Map.of("AVIARY_POSTGRES_URL", proxied);
    }

    private Map<String, String> serverEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AVIARY_POSTGRES_URL", stack.postgresJdbcUrl());
        env.put("AVIARY_POSTGRES_USER", stack.postgresUser());
        env.put("AVIARY_POSTGRES_PASSWORD", stack.postgresPassword());
        env.put("AVIARY_KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
        env.put("AVIARY_MONGODB_URI", stack.mongoUri());
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return env;
    }

    /** Agents first (they report what they finished), then the services in reverse start order. */
    private void close() {
        agents.forEach(agent -> agent.stop(STOP_GRACE));
        synchronized (extras) {
            extras.forEach(extra -> extra.stop(STOP_GRACE));
        }
        for (ChildApp app : new ChildApp[]{querySide, projections, commandSide}) {
            if (app != null) {
                app.stop(STOP_GRACE);
            }
        }
        postgresProxy.close();
    }

    private static String secretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
