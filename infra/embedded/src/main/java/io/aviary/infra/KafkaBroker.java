package io.aviary.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One real Kafka node in KRaft combined mode (broker and controller) inside this JVM. The storage is formatted
 * through Kafka's {@link Formatter} (the library behind {@code kafka-storage.sh format}, which would call
 * {@code Exit.exit}); an already formatted folder is reused, so {@link #stop()} then {@link #start()} keeps the
 * data, the cluster id and both ports.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final AtomicBoolean EXIT_GUARDED = new AtomicBoolean();
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final DataDirectory logDir;
    private final KafkaConfig config;
    private final int port;
    private KafkaRaftServer server;

    private KafkaBroker(DataDirectory logDir, KafkaConfig config, int port) {
        this.logDir = logDir;
        this.config = config;
        this.port = port;
    }

    static KafkaBroker start(int requestedPort, Path dataRoot) {
        guardJvmExit();
        if (dataRoot == null) {
            DataDirectory.deleteStale("kafka", ".lock");
        }
        int port = LocalPorts.orFree(requestedPort);
        int controllerPort = LocalPorts.orFree(0);
        DataDirectory logDir = DataDirectory.under(dataRoot, "kafka");
        KafkaConfig config = KafkaConfig.fromProps(properties(port, controllerPort, logDir.path()), false);
        format(config, logDir.path());
        KafkaBroker broker = new KafkaBroker(logDir, config, port);
        try {
            broker.start();
        } catch (RuntimeException e) {
            logDir.deleteIfTemporary();
            throw e;
        }
        return broker;
    }

    /**
     * A broker in its own process halts the JVM on a fatal fault (failed log folder, metadata error). Here the JVM
     * is a test run or the launcher: a halt would kill it without a word (surefire only says "the forked VM
     * terminated"), and leave PostgreSQL running. So Kafka's exit and halt become a logged error and an exception
     * in the failing Kafka thread. Kafka's {@link Exit} is JVM-wide, which is fine: only Kafka code uses it.
     */
    private static void guardJvmExit() {
        if (!EXIT_GUARDED.compareAndSet(false, true)) {
            return;
        }
        Exit.Procedure refuse = (status, message) -> {
            LOG.error("Embedded Kafka asked to end the JVM (status {}): {}; the broker may stop serving", status, message);
            throw new IllegalStateException("embedded Kafka asked to end the JVM with status " + status + ": " + message);
        };
        Exit.setExitProcedure(refuse);
        Exit.setHaltProcedure(refuse);
    }

    private static Properties properties(int port, int controllerPort, Path logDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // Topics are created up front by the platform, never by a producer's first write.
        props.put("auto.create.topics.enable", "false");
        // One node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Fewer internal partitions: creating 50 offset partitions slows the first consumer group noticeably.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Small machine, small JVMs: few threads and a small log-cleaner buffer (default 128 MB of heap).
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return props;
    }

    private static void format(KafkaConfig config, Path logDir) {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(clusterId(logDir))
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir())
                // A kept data directory is formatted once; later starts reuse its cluster id and data.
                .setIgnoreFormatted(true)
                .addDirectory(logDir.toString());
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
        }
    }

    /** The id a kept folder was formatted with (the formatter refuses another), else a new one. */
    private static String clusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(meta)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + meta, e);
            }
            String id = properties.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    /** Starts the node on the same ports and log folder; returns when the broker is unfenced. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            starting.shutdown();
            starting.awaitShutdown();
            throw e;
        }
        server = starting;
    }

    /** Stops the node and keeps its log folder, so {@link #start()} brings the same topics back. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    synchronized boolean running() {
        return server != null;
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            logDir.deleteIfTemporary();
        }
    }
}
