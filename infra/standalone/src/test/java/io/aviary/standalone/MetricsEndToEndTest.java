package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard ({@code infra/grafana/aviary-dashboard.json}) against the running platform: after a few
 * tasks, {@code /actuator/prometheus} of every app (read without a token, as Prometheus does) exposes every metric
 * that a panel's PromQL names, and every {@code aviary_*} meter the apps expose has a panel.
 */
class MetricsEndToEndTest {

    private static final Path DASHBOARD = Path.of("..", "grafana", "aviary-dashboard.json");
    private static final Duration LONG = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** PromQL words that are not metric names: functions, aggregations, keywords. */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and",
            "or", "unless", "offset", "topk", "bottomk", "abs", "clamp_min", "clamp_max", "delta", "deriv", "vector",
            "scalar", "time", "label_replace", "avg_over_time", "max_over_time", "min_over_time", "bool");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** Spring Boot's start-up line, in the agent's log: its actuator port is a free one. */
    private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @Test
    void everyMetricTheDashboardQueriesIsScrapedFromTheRunningApps() throws IOException {
        // given the running platform after a few tasks
        Platform platform = TestPlatform.get();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(TestPlatform.post(platform.commandUrl() + "/api/v1/tasks",
                    Map.of("type", "noop", "payload", Map.of())).path("taskId").asText());
        }
        await().atMost(LONG).untilAsserted(() -> assertThat(tasks).allSatisfy(id ->
                assertThat(TestPlatform.task(id).path("status").asText()).isEqualTo("COMPLETED")));

        // when every app is scraped and the dashboard's queries are read
        Map<String, String> scrapes = new LinkedHashMap<>();
        scrapes.put("command-side", scrape(platform.commandUrl()));
        scrapes.put("query-side", scrape(platform.queryUrl()));
        for (ChildApp agent : platform.agents()) {
            agentUrl(agent).ifPresent(url -> scrapes.put(agent.name(), scrape(url)));
        }
        // the projection's meters move just after a batch is written, so a moment after the read models show it
        await().atMost(LONG).untilAsserted(() -> assertThat(
                value(scrape(platform.projectionsUrl()), "aviary_projection_lag_seconds_count", "")).isPositive());
        scrapes.put("projections", scrape(platform.projectionsUrl()));
        Set<String> exposed = new TreeSet<>();
        scrapes.values().forEach(body -> exposed.addAll(sampleNames(body)));
        List<String> queries = dashboardQueries();
        Set<String> queried = new TreeSet<>();
        queries.forEach(query -> queried.addAll(metricNames(query)));

        // then every metric a panel queries is exposed by some app
        assertThat(queries).as("PromQL queries in %s", DASHBOARD).hasSizeGreaterThan(10);
        assertThat(queried).as("metrics named by the dashboard").contains("aviary_tasks_dispatched_total",
                "aviary_dispatch_latency_seconds_bucket", "aviary_queue_depth", "aviary_workers",
                "aviary_projection_lag_seconds_bucket", "aviary_area_executions_total",
                "aviary_account_movements_total", "jvm_memory_used_bytes");
        assertThat(exposed).as("metrics scraped from %s", scrapes.keySet()).containsAll(queried);
        // and every Aviary meter an app exposes is on the dashboard (a histogram by its buckets)
        Set<String> aviaryFamilies = new TreeSet<>();
        exposed.stream().filter(name -> name.startsWith("aviary_")).map(MetricsEndToEndTest::family)
                .forEach(aviaryFamilies::add);
        Set<String> queriedFamilies = new TreeSet<>();
        queried.stream().map(MetricsEndToEndTest::family).forEach(queriedFamilies::add);
        assertThat(queriedFamilies).as("meter families on the dashboard").containsAll(aviaryFamilies);
        // and the meters moved with the tasks: dispatched and timed, charged, finished by the agents (accounting and
        // the agents' counters may trail the read models by a moment)
        await().atMost(LONG).untilAsserted(() -> {
            String command = scrape(platform.commandUrl());
            assertThat(value(command, "aviary_tasks_dispatched_total", "")).isGreaterThanOrEqualTo(tasks.size());
            assertThat(value(command, "aviary_dispatch_latency_seconds_count", ""))
                    .isGreaterThanOrEqualTo(tasks.size());
            assertThat(value(command, "aviary_account_movements_total", "kind=\"charge\""))
                    .isGreaterThanOrEqualTo(tasks.size());
            double succeeded = 0;
            for (ChildApp agent : platform.agents()) {
                Optional<String> url = agentUrl(agent);
                if (url.isPresent()) {
                    succeeded += value(scrape(url.get()), "aviary_agent_tasks_total", "outcome=\"SUCCESS\"");
                }
            }
            assertThat(succeeded).isGreaterThanOrEqualTo(tasks.size());
        });
    }

    @Test
    void theQueryReaderFindsTheMetricNamesAndNothingElse() {
        // no platform needed: this is what the test above relies on to read the dashboard
        assertThat(metricNames("histogram_quantile(0.99, sum by (le) "
                + "(rate(aviary_dispatch_latency_seconds_bucket{application=~\"a|b\"}[$__rate_interval])))"))
                .containsExactly("aviary_dispatch_latency_seconds_bucket");
        assertThat(metricNames("sum without (instance) (rate(a_total[5m])) / on (kind) group_left b_total > 0.5"))
                .containsExactly("a_total", "b_total");
        assertThat(metricNames("max by (state) (aviary_workers{state=\"DOWN\"}) or vector(0)"))
                .containsExactly("aviary_workers");
    }

    /** The body of {@code /actuator/prometheus}, asked without a token. */
    private static String scrape(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET %s/actuator/prometheus", baseUrl).isEqualTo(200);
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An agent's actuator, if it runs: its port is in its log (the last start: agents may have been restarted). */
    private static Optional<String> agentUrl(ChildApp agent) {
        if (!agent.isAlive()) {
            return Optional.empty();
        }
        try {
            Matcher port = TOMCAT_PORT.matcher(Files.readString(agent.logFile()));
            Optional<String> last = Optional.empty();
            while (port.find()) {
                last = Optional.of("http://localhost:" + port.group(1));
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the samples in a Prometheus text exposition ({@code name{labels} value} or {@code name value}). */
    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher name = IDENTIFIER.matcher(line);
                if (name.lookingAt()) {
                    names.add(name.group());
                }
            }
        }
        return names;
    }

    /** The sum of every sample of {@code name} whose labels contain {@code labels} (e.g. {@code kind="charge"}). */
    private static double value(String exposition, String name, String labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            int split = line.lastIndexOf(' ');
            if (split > 0 && !line.startsWith("#")) {
                String series = line.substring(0, split);
                if ((series.equals(name) || series.startsWith(name + "{")) && series.contains(labels)) {
                    sum += Double.parseDouble(line.substring(split + 1));
                }
            }
        }
        return sum;
    }

    /** Every {@code expr} of every panel (rows and nested panels included). */
    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        return queries;
    }

    /**
     * The metric names in a PromQL expression: what is left once label matchers, range selectors, string literals,
     * grouping clauses, numbers and PromQL's own words are taken out.
     */
    static Set<String> metricNames(String promql) {
        String bare = promql
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")     // string literals
                .replaceAll("\\{[^}]*}", " ")                         // label matchers
                .replaceAll("\\[[^]]*]", " ")                         // range selectors ($__rate_interval too)
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String word = identifier.group();
            if (!PROMQL_WORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    /** A histogram's or summary's series belong to one family: {@code x_bucket}, {@code x_count}, {@code x_sum}. */
    private static String family(String sampleName) {
        return sampleName.replaceAll("_(bucket|count|sum|max)$", "");
    }
}
