package io.aviary.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the benchmark runs and how big ({@code --name=value} arguments; {@code --quick} switches every default to tiny
 * numbers first, explicit options still win).
 *
 * @param quick               tiny numbers: a few seconds per scenario (the smoke test's mode)
 * @param scenarios           scenario numbers 1-7 (3 and 6 are measured during scenario 1's load, so they run it)
 * @param repeats             runs of each scenario; figures are the median and spread over them
 * @param warmup              load before each measured window of scenario 1 (not measured)
 * @param duration            measured window of scenario 1
 * @param latencyDuration     measured window of each offered rate in scenario 2
 * @param rates               offered rates of scenario 2, tasks/s
 * @param agents              worker agents (child processes)
 * @param agentSlots          slots of each agent
 * @param agentMaxQueue       tasks each agent accepts beyond its slots
 * @param submitters          concurrent create-task requests of scenario 1's closed-loop load
 * @param submitBatch         tasks per create request of scenario 1: 1 = {@code POST /api/v1/tasks}, more =
 *                            {@code POST /api/v1/tasks:batch} with up to this many
 * @param maxOutstanding      scenario 1 pauses submitting while this many submitted tasks are not yet COMPLETED in
 *                            the read model (keeps the backlog bounded); 0: four times what the fleet holds at once
 *                            (agents x (slots + max queue))
 * @param replayEvents        synthetic events scenario 4 writes to Kafka before the rebuilds
 * @param replayModels        read models scenario 4 rebuilds, one after another
 * @param queryWorkers        workers in the read models for scenario 5
 * @param queryTasks          tasks in the read models for scenario 5
 * @param queryRequests       requests per endpoint and run in scenario 5 (fewer if {@code queryTimeLimit} is hit)
 * @param queryTimeLimit      time limit per endpoint and run in scenario 5
 * @param sideBySideTasks     tasks (Aviary) and jobs (JobRunr) per run of scenario 7
 * @param jobrunrPollInterval JobRunr's poll interval (5 s is the smallest it accepts with a SQL database)
 * @param partitions          partitions of {@code aviary.events}
 * @param profile             JFR recordings of every process during scenario 1's first measured window
 * @param childJvmOptions     options of every child JVM (default: the standalone launcher's)
 * @param outputDir           where the JSON report (and profiles) are written
 * @param appsDir             folder with the app jars ({@code aviary-*.jar})
 */
public record BenchmarkOptions(boolean quick, Set<Integer> scenarios, int repeats, Duration warmup, Duration duration,
                               Duration latencyDuration, List<Integer> rates, int agents, int agentSlots,
                               int agentMaxQueue, int submitters, int submitBatch, int maxOutstanding, int replayEvents,
                               List<String> replayModels, int queryWorkers, int queryTasks, int queryRequests,
                               Duration queryTimeLimit, int sideBySideTasks, Duration jobrunrPollInterval,
                               int partitions, boolean profile, List<String> childJvmOptions, Path outputDir,
                               Path appsDir) {

    /** Every read model the projections app can rebuild. */
    public static final List<String> ALL_READ_MODELS = List.of("tasks", "workers", "worker_queues", "accounts",
            "account_audit", "billing_cycles", "analytics_daily", "analytics_fleet");

    /**
     * Rebuilt by default: {@code workers} and {@code worker_queues} are left out because their rebuild replays the
     * very same projection as {@code tasks} (tasks, workers and queues are one projection; ADR 10), so it costs the
     * same; {@code --replay-models=all} includes them.
     */
    public static final List<String> DEFAULT_READ_MODELS = List.of("tasks", "accounts", "account_audit",
            "billing_cycles", "analytics_daily", "analytics_fleet");

    public static final List<String> DEFAULT_CHILD_JVM_OPTIONS = List.of(
            "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-Daxoniq.update-checker.disabled=true");

    public static final String USAGE = """
            java -jar benchmarks/target/aviary-benchmarks.jar [options]
              --quick                      tiny numbers, a few seconds per scenario
              --scenarios=1,2,...,7        which scenarios (default all; 3 and 6 ride on 1's load)
              --repeats=N                  runs per scenario (3)
              --warmup=15s --duration=60s  scenario 1: load before, measured window
              --latency-duration=30s       scenario 2: measured window per rate
              --rates=50,200,500           scenario 2: offered rates, tasks/s
              --agents=4 --agent-slots=4 --agent-max-queue=8
              --submitters=16              scenario 1: concurrent create requests
              --submit-batch=1             scenario 1: tasks per create request (more: POST /api/v1/tasks:batch)
              --max-outstanding=N          scenario 1: submitted but not yet COMPLETED in the read model
                                           (default 0 = 4 x agents x (slots + max queue): 192)
              --replay-events=1000000      scenario 4: synthetic events written to Kafka
              --replay-models=tasks,...    scenario 4: models to rebuild (or 'all')
              --query-workers=10000 --query-tasks=1000000 --query-requests=200 --query-time-limit=20s
              --side-by-side-tasks=2000    scenario 7: tasks / jobs per run
              --jobrunr-poll-interval=5s
              --partitions=4
              --profile                    JFR of every process during scenario 1's first window
              --child-jvm-options='-Xmx384m -XX:+UseSerialGC ...'
              --output=DIR                 report folder (default: the jar's folder, benchmarks/target)
              --apps-dir=DIR               app jars (default: DIR/apps next to the jar)
            """;

    /** Parses the arguments; unknown or malformed options are an error (with the usage in the message). */
    public static BenchmarkOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean quick = false;
        boolean profile = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--profile")) {
                profile = true;
            } else {
                String[] kv = arg.split("=", 2);
                if (kv.length != 2 || !kv[0].startsWith("--")) {
                    throw new IllegalArgumentException("Expected --name=value, got: " + arg + "\n" + USAGE);
                }
                given.put(kv[0].substring(2), kv[1].trim());
            }
        }
        Parser p = new Parser(given);
        Path jarDir = jarDirectory();
        BenchmarkOptions options = new BenchmarkOptions(
                quick,
                p.scenarios("scenarios"),
                p.positive("repeats", 3),
                p.duration("warmup", quick ? "2s" : "15s"),
                p.duration("duration", quick ? "4s" : "60s"),
                p.duration("latency-duration", quick ? "3s" : "30s"),
                p.positiveList("rates", List.of(50, 200, 500)),
                p.positive("agents", 4),
                p.positive("agent-slots", 4),
                p.nonNegative("agent-max-queue", 8),
                p.positive("submitters", 16),
                p.positive("submit-batch", 1),
                p.nonNegative("max-outstanding", 0),
                p.positive("replay-events", quick ? 10_000 : 1_000_000),
                p.models("replay-models", quick ? List.of("tasks", "accounts") : DEFAULT_READ_MODELS),
                p.positive("query-workers", quick ? 1_000 : 10_000),
                p.positive("query-tasks", quick ? 20_000 : 1_000_000),
                p.positive("query-requests", quick ? 20 : 200),
                p.duration("query-time-limit", quick ? "5s" : "20s"),
                p.positive("side-by-side-tasks", quick ? 300 : 2_000),
                p.duration("jobrunr-poll-interval", "5s"),
                p.positive("partitions", 4),
                profile,
                p.words("child-jvm-options", DEFAULT_CHILD_JVM_OPTIONS),
                Path.of(p.text("output", jarDir.toString())).toAbsolutePath(),
                Path.of(p.text("apps-dir", jarDir.resolve("apps").toString())).toAbsolutePath());
        p.rejectUnknown();
        return options;
    }

    /**
     * Heap the benchmark JVM needs for scenario 5: mongo-java-server keeps documents as Java objects in this JVM,
     * measured here at ~7 KB per task document (with its timeline) and ~100 KB per worker (a 100-entry queue history,
     * an account), plus room for the other scenarios' data and for scanning queries.
     */
    public long heapNeededBytes() {
        long base = 1536L << 20;
        if (!scenarios.contains(5)) {
            return base;
        }
        return base + queryTasks * 7_000L + queryWorkers * 100_000L;
    }

    /** Scenario 1's load runs when 1, 3 or 6 is asked for. */
    public boolean runsLifecycleLoad() {
        return scenarios.contains(1) || scenarios.contains(3) || scenarios.contains(6);
    }

    /** Total agent slots: JobRunr gets as many worker threads. */
    public int totalSlots() {
        return agents * agentSlots;
    }

    /** The options as reported in the JSON (durations as text). */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("quick", quick);
        d.put("scenarios", scenarios);
        d.put("repeats", repeats);
        d.put("warmup", text(warmup));
        d.put("duration", text(duration));
        d.put("latencyDuration", text(latencyDuration));
        d.put("rates", rates);
        d.put("agents", agents);
        d.put("agentSlots", agentSlots);
        d.put("agentMaxQueue", agentMaxQueue);
        d.put("submitters", submitters);
        d.put("submitBatch", submitBatch);
        d.put("maxOutstanding", maxOutstanding);
        d.put("replayEvents", replayEvents);
        d.put("replayModels", replayModels);
        d.put("queryWorkers", queryWorkers);
        d.put("queryTasks", queryTasks);
        d.put("queryRequests", queryRequests);
        d.put("queryTimeLimit", text(queryTimeLimit));
        d.put("sideBySideTasks", sideBySideTasks);
        d.put("jobrunrPollInterval", text(jobrunrPollInterval));
        d.put("partitions", partitions);
        d.put("profile", profile);
        d.put("childJvmOptions", childJvmOptions);
        return d;
    }

    public static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** {@code java -jar x/aviary-benchmarks.jar}: x; anything else (IDE, tests): {@code benchmarks/target}. */
    static Path jarDirectory() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
            Path parent = Path.of(classPath).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        Path module = Path.of("benchmarks", "target");
        return Files.isDirectory(module) ? module : Path.of("target");
    }

    /** Reads and validates one option at a time, remembering which were used. */
    private static final class Parser {
        private final Map<String, String> given;
        private final Set<String> used = new TreeSet<>();

        Parser(Map<String, String> given) {
            this.given = given;
        }

        String text(String name, String fallback) {
            used.add(name);
            String value = given.get(name);
            return value == null || value.isEmpty() ? fallback : value;
        }

        int positive(String name, int fallback) {
            int n = integer(name, fallback);
            if (n < 1) {
                throw new IllegalArgumentException("--" + name + " must be 1 or more, got " + n);
            }
            return n;
        }

        int nonNegative(String name, int fallback) {
            int n = integer(name, fallback);
            if (n < 0) {
                throw new IllegalArgumentException("--" + name + " must be 0 or more, got " + n);
            }
            return n;
        }

        private int integer(String name, int fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, got " + value);
            }
        }

        List<Integer> positiveList(String name, List<Integer> fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            List<Integer> list = new ArrayList<>();
            for (String part : value.split(",")) {
                try {
                    int n = Integer.parseInt(part.trim());
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    list.add(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + name + " must be positive whole numbers, got " + value);
                }
            }
            return List.copyOf(list);
        }

        Set<Integer> scenarios(String name) {
            String value = text(name, "1,2,3,4,5,6,7");
            Set<Integer> set = new TreeSet<>();
            for (String part : value.split(",")) {
                String s = part.trim().toLowerCase(Locale.ROOT);
                int n = switch (s) {
                    case "lifecycle", "throughput" -> 1;
                    case "latency", "dispatch" -> 2;
                    case "lag", "projection-lag" -> 3;
                    case "replay" -> 4;
                    case "queries" -> 5;
                    case "memory" -> 6;
                    case "side-by-side", "jobrunr", "baseline" -> 7;
                    default -> {
                        try {
                            yield Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            yield -1;
                        }
                    }
                };
                if (n < 1 || n > 7) {
                    throw new IllegalArgumentException("--scenarios takes 1..7 (or names), got " + part);
                }
                set.add(n);
            }
            return Set.copyOf(set);
        }

        List<String> models(String name, List<String> fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            if (value.equals("all")) {
                return ALL_READ_MODELS;
            }
            List<String> models = Arrays.stream(value.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
            for (String model : models) {
                if (!ALL_READ_MODELS.contains(model)) {
                    throw new IllegalArgumentException("--" + name + ": unknown read model " + model + " (known: "
                            + String.join(", ", ALL_READ_MODELS) + ")");
                }
            }
            return models;
        }

        List<String> words(String name, List<String> fallback) {
            String value = text(name, null);
            return value == null ? fallback : Arrays.stream(value.trim().split("\\s+")).filter(w -> !w.isEmpty())
                    .toList();
        }

        Duration duration(String name, String fallback) {
            String value = text(name, fallback).trim().toLowerCase(Locale.ROOT);
            try {
                Duration d;
                if (value.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                } else if (value.endsWith("s")) {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
                } else if (value.endsWith("m")) {
                    d = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
                } else {
                    d = Duration.ofSeconds(Long.parseLong(value));
                }
                if (d.isNegative()) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a duration like 500ms, 30s or 2m, got "
                        + value);
            }
        }

        void rejectUnknown() {
            for (String name : given.keySet()) {
                if (!used.contains(name)) {
                    throw new IllegalArgumentException("Unknown option --" + name + "\n" + USAGE);
                }
            }
        }
    }
}
