package io.aviary.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * PostgreSQL, Kafka and a MongoDB wire server for tests and the standalone launcher, each replaced by an external
 * server when its environment variable is set ({@value #POSTGRES_URL_ENV}, {@value #KAFKA_BOOTSTRAP_ENV},
 * {@value #MONGODB_URI_ENV}). On return both Kafka topics exist and every partition has a leader.
 */
public final class EmbeddedStack implements AutoCloseable {

    public static final String POSTGRES_URL_ENV = "AVIARY_POSTGRES_URL";
    public static final String POSTGRES_USER_ENV = "AVIARY_POSTGRES_USER";
    public static final String POSTGRES_PASSWORD_ENV = "AVIARY_POSTGRES_PASSWORD";
    public static final String KAFKA_BOOTSTRAP_ENV = "AVIARY_KAFKA_BOOTSTRAP";
    public static final String MONGODB_URI_ENV = "AVIARY_MONGODB_URI";

    /** The servers a stack can start itself. */
    public enum Server { POSTGRES, KAFKA, MONGO }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private static EmbeddedStack shared;
    private static RuntimeException sharedFailure;

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final MongoWireServer mongo;
    private final String postgresJdbcUrl;
    private final String postgresUser;
    private final String postgresPassword;
    private final String kafkaBootstrap;
    private final String mongoUri;
    private final int eventPartitions;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedStack(Servers servers, Function<String, String> env, int eventPartitions) {
        this.postgres = servers.postgres;
        this.kafka = servers.kafka;
        this.mongo = servers.mongo;
        this.eventPartitions = eventPartitions;
        this.postgresJdbcUrl = postgres != null ? postgres.jdbcUrl() : env.apply(POSTGRES_URL_ENV);
        this.postgresUser = postgres != null ? PostgresServer.USER : orEmpty(env.apply(POSTGRES_USER_ENV));
        this.postgresPassword = postgres != null ? PostgresServer.PASSWORD : orEmpty(env.apply(POSTGRES_PASSWORD_ENV));
        this.kafkaBootstrap = kafka != null ? kafka.bootstrap() : env.apply(KAFKA_BOOTSTRAP_ENV);
        this.mongoUri = mongo != null ? mongo.uri() : env.apply(MONGODB_URI_ENV);
    }

    /**
     * The stack of this JVM: started on first call with {@link EmbeddedStackOptions#forTests()} and the process
     * environment, stopped by a shutdown hook. A failed start is remembered and rethrown, so a broken machine fails
     * every test fast instead of retrying a slow start each time.
     * <p>
     * Kafka's broker threads are not daemons: a plain {@code main} that uses the stack ends with
     * {@code System.exit} (test runners do), which also runs the shutdown hook. The hook first lets other
     * shutdown hooks named "...ShutdownHook" (Spring's) finish, up to 20 s, so applications close their clients
     * while the servers still answer.
     */
    public static synchronized EmbeddedStack shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw new IllegalStateException("the shared embedded stack failed to start earlier", sharedFailure);
        }
        try {
            EmbeddedStack stack = start(EmbeddedStackOptions.forTests());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ShutdownOrder.awaitOtherShutdownHooks(Duration.ofSeconds(20));
                stack.close();
            }, "aviary-embedded-stack-stop"));
            shared = stack;
            return stack;
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** Starts a stack of its own (the standalone launcher), honouring the process environment. */
    public static EmbeddedStack start(EmbeddedStackOptions options) {
        return start(options, System::getenv);
    }

    /**
     * Starts a stack of its own; {@code env} looks up the {@code AVIARY_*} variables (blank means unset). The three
     * servers start in parallel; if one fails the others are stopped again.
     */
    public static EmbeddedStack start(EmbeddedStackOptions options, Function<String, String> env) {
        Function<String, String> lookup = name -> blankToNull(env.apply(name));
        CompletableFuture<PostgresServer> postgres = lookup.apply(POSTGRES_URL_ENV) != null
                ? external("PostgreSQL", POSTGRES_URL_ENV, lookup)
                : timed("PostgreSQL", () -> PostgresServer.start(options.postgresPort(), options.durable(),
                        options.dataDirectory()), PostgresServer::jdbcUrl);
        CompletableFuture<KafkaBroker> kafka = lookup.apply(KAFKA_BOOTSTRAP_ENV) != null
                ? EmbeddedStack.<KafkaBroker>external("Kafka", KAFKA_BOOTSTRAP_ENV, lookup)
                        .thenCompose(none -> onOwnThread("kafka", () -> {
                            KafkaTopics.ensure(lookup.apply(KAFKA_BOOTSTRAP_ENV), options.eventPartitions());
                            return none;
                        }))
                : timed("Kafka", () -> startKafkaWithTopics(options), KafkaBroker::bootstrap);
        CompletableFuture<MongoWireServer> mongo = lookup.apply(MONGODB_URI_ENV) != null
                ? external("MongoDB", MONGODB_URI_ENV, lookup)
                : timed("MongoDB wire server", () -> MongoWireServer.start(options.mongoPort(), options.dataDirectory()), MongoWireServer::uri);

        Servers servers = new Servers();
        List<Throwable> failures = new ArrayList<>();
        servers.postgres = join(postgres, failures);
        servers.kafka = join(kafka, failures);
        servers.mongo = join(mongo, failures);
        if (!failures.isEmpty()) {
            closeQuietly(servers.kafka);
            closeQuietly(servers.mongo);
            closeQuietly(servers.postgres);
            IllegalStateException failure = new IllegalStateException("embedded stack did not start", failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return new EmbeddedStack(servers, lookup, options.eventPartitions());
    }

    private static KafkaBroker startKafkaWithTopics(EmbeddedStackOptions options) {
        KafkaBroker broker = KafkaBroker.start(options.kafkaPort(), options.dataDirectory());
        try {
            KafkaTopics.ensure(broker.bootstrap(), options.eventPartitions());
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static <T> CompletableFuture<T> timed(String name, Supplier<T> starter, Function<T, String> address) {
        return onOwnThread(name.toLowerCase(Locale.ROOT).split(" ")[0], () -> {
            long start = System.nanoTime();
            T server = starter.get();
            LOG.info("{} ready at {} in {} ms", name, address.apply(server), (System.nanoTime() - start) / 1_000_000);
            return server;
        });
    }

    private static <T> CompletableFuture<T> onOwnThread(String name, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> {
            // One plain thread per server: the common pool may be tiny on a 2-core machine and busy with tests.
            Thread thread = new Thread(runnable, "aviary-embedded-start-" + name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static <T> CompletableFuture<T> external(String name, String variable, Function<String, String> env) {
        LOG.info("{}: external server from {} ({}), no embedded server started",
                name, variable, withoutSecrets(env.apply(variable)));
        return CompletableFuture.completedFuture(null);
    }

    private static <T> T join(CompletableFuture<T> future, List<Throwable> failures) {
        try {
            return future.join();
        } catch (CompletionException e) {
            failures.add(e.getCause() != null ? e.getCause() : e);
            return null;
        }
    }

    /** JDBC URL of database {@code aviary} (or {@value #POSTGRES_URL_ENV}). */
    public String postgresJdbcUrl() {
        return postgresJdbcUrl;
    }

    public String postgresUser() {
        return postgresUser;
    }

    public String postgresPassword() {
        return postgresPassword;
    }

    /** {@code host:port}; topics {@code aviary.events} and {@code aviary.worker-liveness} exist and are served. */
    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** {@code mongodb://host:port/} (or {@value #MONGODB_URI_ENV}); pick a database with {@link #newDatabaseName}. */
    public String mongoUri() {
        return mongoUri;
    }

    /**
     * A name not used before, valid as a MongoDB database and an unquoted PostgreSQL schema name: the prefix in
     * lower case with other characters replaced by {@code _}, a counter and a random part (so runs against one
     * external server do not collide either).
     */
    public String newDatabaseName(String prefix) {
        return DatabaseNames.next(prefix);
    }

    /** The servers this stack started itself (the others come from environment variables). */
    public Set<Server> embeddedServers() {
        Set<Server> started = EnumSet.noneOf(Server.class);
        if (postgres != null) {
            started.add(Server.POSTGRES);
        }
        if (kafka != null) {
            started.add(Server.KAFKA);
        }
        if (mongo != null) {
            started.add(Server.MONGO);
        }
        return Collections.unmodifiableSet(started);
    }

    /** Stops the embedded broker (for fault tests); the port and the log folder are kept for {@link #startKafka()}. */
    public void stopKafka() {
        requireEmbeddedKafka().stop();
    }

    /** Starts the broker stopped by {@link #stopKafka()} again, on the same port, with its topics and data. */
    public void startKafka() {
        KafkaBroker broker = requireEmbeddedKafka();
        broker.start();
        KafkaTopics.ensure(broker.bootstrap(), eventPartitions);
    }

    private KafkaBroker requireEmbeddedKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external (" + KAFKA_BOOTSTRAP_ENV + "), cannot stop or start it");
        }
        return kafka;
    }

    /** Stops the servers this stack started; external servers are left alone. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long start = System.nanoTime();
        closeQuietly(kafka);
        closeQuietly(mongo);
        closeQuietly(postgres);
        LOG.info("Embedded stack stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static void closeQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("Embedded server {} did not stop cleanly", server.getClass().getSimpleName(), e);
        }
    }

    /** Connection strings may carry credentials ({@code user:pass@host}, {@code ?password=}): keep them out of logs. */
    static String withoutSecrets(String connection) {
        return connection.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** What {@link #start} brought up, filled while joining the parallel starts. */
    private static final class Servers {
        PostgresServer postgres;
        KafkaBroker kafka;
        MongoWireServer mongo;
    }
}
