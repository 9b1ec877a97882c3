package io.aviary.agent;

import io.aviary.agent.assignment.LogLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a worker agent ({@code aviary.agent.*}); {@code application.yml} maps the {@code AVIARY_*}
 * environment variables named below onto these properties.
 *
 * @param commandUrl          base URL of the command API ({@code AVIARY_COMMAND_URL}).
 * @param kafkaBootstrap      Kafka bootstrap servers ({@code AVIARY_KAFKA_BOOTSTRAP}).
 * @param name                worker name, unique in the fleet and bound to this machine's hardware id on first
 *                            registration ({@code AVIARY_AGENT_NAME}); defaults to the host name.
 * @param slots               how many tasks run at once ({@code AVIARY_AGENT_SLOTS}).
 * @param maxQueue            how many assigned tasks may wait for a slot; the dispatcher keeps to it
 *                            ({@code AVIARY_AGENT_MAX_QUEUE}).
 * @param taskTypes           task types this agent accepts, a comma list ({@code AVIARY_AGENT_TASK_TYPES}).
 * @param labels              labels tasks can require, {@code k=v,k=v} ({@code AVIARY_AGENT_LABELS}).
 * @param stateDir            where identity and processed-assignment log live; keep it across restarts
 *                            ({@code AVIARY_AGENT_STATE_DIR}); defaults to {@code ~/.aviary/agents/<name>}.
 * @param heartbeatInterval   how often to publish a heartbeat, milliseconds without a unit
 *                            ({@code AVIARY_AGENT_HEARTBEAT_MS}).
 * @param httpAllowedHosts    hosts the {@code http}, {@code http.poll} and {@code http.post} executors may call, a
 *                            comma list
 *                            ({@code AVIARY_AGENT_HTTP_ALLOWED_HOSTS}).
 * @param shutdownGrace       how long running tasks may finish on shutdown before they are interrupted.
 * @param retryInitialBackoff first wait after a failed call to the command API; doubles on every retry.
 * @param retryMaxBackoff     longest wait between retries of a call to the command API.
 * @param enrolmentToken      one-time enrolment token from an admin ({@code AVIARY_AGENT_ENROLMENT_TOKEN}); needed only
 *                            on the first start, when {@code credentials.json} is not in the state dir yet.
 * @param assignmentLog       how much of its past the processed-assignment log ({@code assignments.log}) keeps.
 */
@ConfigurationProperties("aviary.agent")
public record AgentProperties(
        @DefaultValue("http://localhost:8080") URI commandUrl,
        @DefaultValue("localhost:9092") String kafkaBootstrap,
        String name,
        @DefaultValue("4") int slots,
        @DefaultValue("8") int maxQueue,
        @DefaultValue({"noop", "sleep", "fail", "http", "http.poll", "webhook.received", "timer.tick", "http.post",
                "task.create", "log"}) List<String> taskTypes,
        Map<String, String> labels,
        Path stateDir,
        @DefaultValue("1000") @DurationUnit(ChronoUnit.MILLIS) Duration heartbeatInterval,
        @DefaultValue({"localhost", "127.0.0.1"}) List<String> httpAllowedHosts,
        @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("200ms") Duration retryInitialBackoff,
        @DefaultValue("10s") Duration retryMaxBackoff,
        String enrolmentToken,
        @DefaultValue AssignmentLog assignmentLog) {

    public AgentProperties {
        name = name == null || name.isBlank() ? hostName() : name.trim();
        taskTypes = taskTypes == null ? List.of()
                : taskTypes.stream().map(String::trim).filter(type -> !type.isEmpty()).toList();
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stateDir = stateDir == null || stateDir.toString().isBlank()
                ? Path.of(System.getProperty("user.home"), ".aviary", "agents", name)
                : stateDir;
        httpAllowedHosts = httpAllowedHosts == null ? List.of() : List.copyOf(httpAllowedHosts);
        enrolmentToken = enrolmentToken == null ? "" : enrolmentToken.trim();
        assignmentLog = assignmentLog == null ? AssignmentLog.DEFAULTS : assignmentLog;
        if (slots < 1) {
            throw new IllegalArgumentException("aviary.agent.slots (AVIARY_AGENT_SLOTS) must be at least 1");
        }
        if (maxQueue < 0) {
            throw new IllegalArgumentException("aviary.agent.max-queue (AVIARY_AGENT_MAX_QUEUE) must not be negative");
        }
        if (taskTypes.isEmpty()) {
            throw new IllegalArgumentException("aviary.agent.task-types (AVIARY_AGENT_TASK_TYPES) must name a type");
        }
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("aviary.agent.heartbeat-interval must be positive");
        }
    }

    /** Without the enrolment token: records end up in logs. */
    @Override
    public String toString() {
        return "AgentProperties[commandUrl=" + commandUrl + ", kafkaBootstrap=" + kafkaBootstrap + ", name=" + name
                + ", slots=" + slots + ", maxQueue=" + maxQueue + ", taskTypes=" + taskTypes + ", labels=" + labels
                + ", stateDir=" + stateDir + ", heartbeatInterval=" + heartbeatInterval + ", httpAllowedHosts="
                + httpAllowedHosts + ", shutdownGrace=" + shutdownGrace + ", retryInitialBackoff="
                + retryInitialBackoff + ", retryMaxBackoff=" + retryMaxBackoff + ", enrolmentToken="
                + (enrolmentToken.isEmpty() ? "none" : "***") + ", assignmentLog=" + assignmentLog + "]";
    }

    /**
     * Limits of the processed-assignment log ({@code aviary.agent.assignment-log.*}): attempts not finished yet are
     * always kept; a finished one is forgotten when it is older than the retention or beyond the maximum count.
     * {@link io.aviary.agent.assignment.ProcessedAssignmentLog} explains why that is safe and how the defaults keep
     * the log under 200 MB.
     *
     * @param finishedRetention how long a finished attempt is remembered, to refuse a redelivery of its assignment
     *                          ({@code AVIARY_AGENT_ASSIGNMENT_LOG_RETENTION}).
     * @param maxFinished       how many finished attempts are remembered at most, the newest; about 200 bytes of
     *                          memory and 120 bytes of disk each ({@code AVIARY_AGENT_ASSIGNMENT_LOG_MAX_FINISHED}).
     * @param compactAbove      file size past which the log is rewritten without what it no longer needs; it is also
     *                          rewritten at every start ({@code AVIARY_AGENT_ASSIGNMENT_LOG_COMPACT_ABOVE}).
     */
    public record AssignmentLog(
            @DefaultValue("7d") Duration finishedRetention,
            @DefaultValue("100000") int maxFinished,
            @DefaultValue("64MB") DataSize compactAbove) {

        /** The same as {@link LogLimits#DEFAULTS}. */
        public static final AssignmentLog DEFAULTS = new AssignmentLog(LogLimits.DEFAULTS.finishedRetention(),
                LogLimits.DEFAULTS.maxFinished(), DataSize.ofBytes(LogLimits.DEFAULTS.compactAboveBytes()));

        public AssignmentLog {
            if (finishedRetention == null || finishedRetention.isNegative() || finishedRetention.isZero()) {
                throw new IllegalArgumentException("aviary.agent.assignment-log.finished-retention"
                        + " (AVIARY_AGENT_ASSIGNMENT_LOG_RETENTION) must be positive");
            }
            if (maxFinished < 1) {
                throw new IllegalArgumentException("aviary.agent.assignment-log.max-finished"
                        + " (AVIARY_AGENT_ASSIGNMENT_LOG_MAX_FINISHED) must be at least 1");
            }
            if (compactAbove == null || compactAbove.toBytes() < 1) {
                throw new IllegalArgumentException("aviary.agent.assignment-log.compact-above"
                        + " (AVIARY_AGENT_ASSIGNMENT_LOG_COMPACT_ABOVE) must be positive");
            }
        }

        public LogLimits limits() {
            return new LogLimits(finishedRetention, maxFinished, compactAbove.toBytes());
        }
    }

    private static String hostName() {
        for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Cannot determine the host name; set AVIARY_AGENT_NAME", e);
        }
    }
}
