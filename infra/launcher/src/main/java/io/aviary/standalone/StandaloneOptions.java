package io.aviary.standalone;

import java.nio.file.Path;
import java.util.List;

/**
 * What the launcher starts and where.
 *
 * @param agents          number of worker agents ({@code --agents=N}), named {@code quickstart-agent-1..N}
 * @param agentSlots      slots of each agent
 * @param agentMaxQueue   tasks each agent accepts beyond its slots
 * @param commandPort     command-side HTTP port
 * @param queryPort       query-side HTTP port
 * @param projectionsPort projections actuator port
 * @param kafkaPort       embedded Kafka broker port (ignored when {@code AVIARY_KAFKA_BOOTSTRAP} is set)
 * @param mongoPort       embedded Mongo wire server port (ignored when {@code AVIARY_MONGODB_URI} is set)
 * @param home            folder for the platform's data ({@code data/}: servers, agent state, generated secrets),
 *                        logs ({@code logs/}) and extracted app jars ({@code apps/})
 * @param jvmOptions      options of every child JVM
 * @param fresh           {@code --fresh}: wipe {@code data/} before starting, for a platform with nothing in it
 */
public record StandaloneOptions(int agents, int agentSlots, int agentMaxQueue, int commandPort, int queryPort, int projectionsPort,
                                int kafkaPort, int mongoPort, Path home, List<String> jvmOptions, boolean fresh) {

    /** Child JVMs are small: the platform must fit a laptop next to everything else. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-Daxoniq.update-checker.disabled=true");

    /**
     * Added after {@link #jvmOptions} for agents (later flags win): an agent holds little (~40 MB live) and should fit
     * a small machine next to the work it runs, so a smaller heap, C1 only and a capped code cache (ADR 14).
     */
    public static final List<String> AGENT_JVM_OPTIONS = List.of(
            "-Xmx128m", "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=128m");

    /** Defaults of the quick start: 2 agents, ports 8080/8081/8082, Kafka 9092, Mongo 27017. */
    public static StandaloneOptions defaults() {
        return new StandaloneOptions(2, 4, 8, 8080, 8081, 8082, 9092, 27017,
                Path.of(System.getProperty("user.home"), ".aviary", "standalone"), DEFAULT_JVM_OPTIONS, false);
    }

    /** Everything that belongs to one platform instance: server data, agent credentials, generated secrets. */
    public Path dataDir() {
        return home.resolve("data");
    }

    public Path logDir() {
        return home.resolve("logs");
    }

    /**
     * An agent's identity and finished-assignment log. It lives in {@link #dataDir()} with the event store that
     * knows the agent, so the two are kept or wiped together and never belong to different platforms.
     */
    public Path agentStateDir(String agentName) {
        return dataDir().resolve("agents").resolve(agentName);
    }

    /** Parses {@code --name=value} arguments (and {@code --fresh}) over the defaults; unknown ones are an error. */
    public static StandaloneOptions parse(String... args) {
        StandaloneOptions d = defaults();
        int agents = d.agents, slots = d.agentSlots, maxQueue = d.agentMaxQueue;
        int command = d.commandPort, query = d.queryPort;
        int projections = d.projectionsPort, kafka = d.kafkaPort, mongo = d.mongoPort;
        Path home = d.home;
        boolean fresh = false;
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
                continue;
            }
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !kv[0].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            String name = kv[0];
            String value = kv[1];
            switch (name) {
                case "--agents" -> agents = nonNegative(name, value);
                case "--agent-slots" -> slots = positive(name, value);
                case "--agent-max-queue" -> maxQueue = nonNegative(name, value);
                case "--command-port" -> command = port(name, value);
                case "--query-port" -> query = port(name, value);
                case "--projections-port" -> projections = port(name, value);
                case "--kafka-port" -> kafka = port(name, value);
                case "--mongo-port" -> mongo = port(name, value);
                case "--home" -> home = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + name
                        + " (known: --agents, --agent-slots, --agent-max-queue, --command-port, --query-port, --projections-port,"
                        + " --kafka-port, --mongo-port, --home, --fresh)");
            }
        }
        return new StandaloneOptions(agents, slots, maxQueue, command, query, projections, kafka, mongo, home,
                d.jvmOptions, fresh);
    }

    private static int nonNegative(String name, String value) {
        int n = integer(name, value);
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, got " + value);
        }
        return n;
    }

    private static int positive(String name, String value) {
        int n = integer(name, value);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
        }
        return n;
    }

    private static int port(String name, String value) {
        int n = integer(name, value);
        if (n < 0 || n > 65535) {
            throw new IllegalArgumentException(name + " must be a port (0-65535), got " + value);
        }
        return n;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value);
        }
    }
}
