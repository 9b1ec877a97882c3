package io.aviary.benchmarks.rig;

import io.aviary.benchmarks.BenchmarkOptions;
import io.aviary.benchmarks.Progress;
import io.aviary.infra.EmbeddedStack;
import io.aviary.infra.EmbeddedStackOptions;
import io.aviary.standalone.AppJars;
import io.aviary.standalone.Platform;
import io.aviary.standalone.Servers;
import io.aviary.standalone.StandaloneOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every scenario runs against: the embedded servers (PostgreSQL with durable commits, as the standalone launcher
 * runs it; a KRaft broker and the Mongo wire server in this JVM), the platform's apps as child processes, and the
 * clients that load and observe them.
 */
public final class Rig implements AutoCloseable {

    private final BenchmarkOptions options;
    private final EmbeddedStack stack;
    private final Platform platform;
    private final StandaloneOptions platformOptions;
    private final Path home;
    private final CommandApi command;
    private final QueryApi query;
    private final ReadModels readModels;
    private final EventStore eventStore;
    private final KafkaOffsets kafka;
    private final ChildProcesses processes;

    private Rig(BenchmarkOptions options, EmbeddedStack stack, Platform platform, StandaloneOptions platformOptions,
                Path home) {
        this.options = options;
        this.stack = stack;
        this.platform = platform;
        this.platformOptions = platformOptions;
        this.home = home;
        this.command = new CommandApi(platform.commandUrl(), platform.admin());
        this.query = new QueryApi(platform.queryUrl(), platform.admin());
        this.readModels = new ReadModels(stack.mongoUri(), "aviary");
        this.eventStore = new EventStore(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
        this.kafka = new KafkaOffsets(stack.kafkaBootstrap());
        this.processes = new ChildProcesses(stack.postgresJdbcUrl());
    }

    /** Starts the servers, then the apps (command-side, projections, query-side, agents); returns when all are up. */
    public static Rig start(BenchmarkOptions options, Progress progress) {
        progress.say("Starting the embedded servers (PostgreSQL with fsync and synchronous_commit on, Kafka, Mongo)");
        EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStackOptions(0, 0, 0, true, null,
                options.partitions()));
        try {
            Path home = Files.createTempDirectory("aviary-benchmark-");
            StandaloneOptions platformOptions = new StandaloneOptions(options.agents(), options.agentSlots(),
                    options.agentMaxQueue(), freePort(), freePort(), freePort(), 0, 0, home,
                    options.childJvmOptions(), false);
            Servers servers = new Servers(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword(),
                    stack.kafkaBootstrap(), stack.mongoUri());
            System.setProperty("aviary.apps.dir", options.appsDir().toString());
            Platform platform = new Platform(platformOptions, servers, AppJars.locate(home),
                    "benchmark-" + UUID.randomUUID());
            progress.say("Starting the platform: command-side, projections, query-side and %d agent(s) with %d "
                    + "slot(s) each (child JVMs %s); logs in %s", options.agents(), options.agentSlots(),
                    String.join(" ", options.childJvmOptions()), home.resolve("logs"));
            long began = System.nanoTime();
            try {
                platform.start();
            } catch (RuntimeException e) {
                platform.close();
                throw e;
            }
            progress.say("Platform up in %.1f s", (System.nanoTime() - began) / 1e9);
            return new Rig(options, stack, platform, platformOptions, home);
        } catch (IOException e) {
            stack.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public BenchmarkOptions options() {
        return options;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public Platform platform() {
        return platform;
    }

    public CommandApi command() {
        return command;
    }

    public QueryApi query() {
        return query;
    }

    public ReadModels readModels() {
        return readModels;
    }

    public EventStore eventStore() {
        return eventStore;
    }

    public KafkaOffsets kafka() {
        return kafka;
    }

    public ChildProcesses processes() {
        return processes;
    }

    public Path home() {
        return home;
    }

    public String projectionsUrl() {
        return platform.projectionsUrl();
    }

    public String adminToken() {
        return platform.admin().accessToken();
    }

    /** Servers and apps, for the report. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("embeddedServers", stack.embeddedServers().toString());
        d.put("postgres", stack.embeddedServers().contains(EmbeddedStack.Server.POSTGRES)
                ? "zonky embedded PostgreSQL, fsync=on, synchronous_commit=on (as the standalone launcher)"
                : "external (" + EmbeddedStack.POSTGRES_URL_ENV + ")");
        d.put("kafka", stack.embeddedServers().contains(EmbeddedStack.Server.KAFKA)
                ? "one KRaft broker in the benchmark JVM, " + options.partitions() + " partitions"
                : "external (" + EmbeddedStack.KAFKA_BOOTSTRAP_ENV + ")");
        d.put("mongo", stack.embeddedServers().contains(EmbeddedStack.Server.MONGO)
                ? "mongo-java-server (memory backend) in the benchmark JVM: not MongoDB, see ADR 4"
                : "external (" + EmbeddedStack.MONGODB_URI_ENV + ")");
        d.put("apps", "command-side, projections, query-side, " + options.agents() + " worker agents: child JVMs "
                + platformOptions.jvmOptions());
        d.put("appsDir", options.appsDir().toString());
        d.put("logs", home.resolve("logs").toString());
        return d;
    }

    @Override
    public void close() {
        closeQuietly(command);
        closeQuietly(readModels);
        closeQuietly(kafka);
        platform.close();
        stack.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Shutting down: nothing to do about it.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
