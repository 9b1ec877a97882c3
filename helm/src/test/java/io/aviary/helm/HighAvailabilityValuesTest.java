package io.aviary.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.aviary.helm.DefaultValuesTest.assertSecretRef;
import static io.aviary.helm.RenderedChart.asMap;
import static io.aviary.helm.RenderedChart.at;
import static io.aviary.helm.RenderedChart.container;
import static io.aviary.helm.RenderedChart.envValue;
import static io.aviary.helm.RenderedChart.list;
import static io.aviary.helm.RenderedChart.map;
import static io.aviary.helm.RenderedChart.podSpec;
import static io.aviary.helm.RenderedChart.str;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ci/ha-values.yaml}: three of everything, an Ingress, Prometheus Operator resources, Strimzi topics. */
class HighAvailabilityValuesTest {

    private static final List<String> APPS = List.of("aviary-command-side", "aviary-projections", "aviary-query-side");

    private final RenderedChart chart = RenderedChart.withCiValues("ha-values.yaml");

    @Test
    void every_app_runs_three_replicas_spread_over_nodes() {
        for (String app : APPS) {
            Map<String, Object> deployment = chart.get("Deployment", app);
            assertThat(at(deployment, "spec", "replicas")).as(app).isEqualTo(3);
            assertThat(list(podSpec(deployment), "affinity", "podAntiAffinity",
                    "requiredDuringSchedulingIgnoredDuringExecution")).as(app).hasSize(1);
        }
    }

    @Test
    void agents_scale_with_an_hpa_that_owns_the_replica_count() {
        Map<String, Object> deployment = chart.get("Deployment", "aviary-worker-agent");
        Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", "aviary-worker-agent");

        // no replicas in the Deployment: an upgrade would otherwise reset what the HPA decided
        assertThat(map(deployment, "spec")).doesNotContainKey("replicas");
        assertThat(str(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(str(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("aviary-worker-agent");
        assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(3);
        assertThat(at(hpa, "spec", "maxReplicas")).isEqualTo(12);
        assertThat(str(asMap(list(hpa, "spec", "metrics").get(0)), "resource", "name")).isEqualTo("cpu");
    }

    @Test
    void every_component_has_a_pod_disruption_budget_selecting_its_pods() {
        List<String> components = List.of("aviary-command-side", "aviary-projections", "aviary-query-side",
                "aviary-worker-agent");

        assertThat(chart.ofKind("PodDisruptionBudget")).extracting(RenderedChart::name)
                .containsExactlyInAnyOrderElementsOf(components);
        for (String component : components) {
            Map<String, Object> pdb = chart.get("PodDisruptionBudget", component);
            assertThat(at(pdb, "spec", "maxUnavailable")).isEqualTo(1);
            assertThat(map(chart.get("Deployment", component), "spec", "template", "metadata", "labels"))
                    .containsAllEntriesOf(map(pdb, "spec", "selector", "matchLabels"));
        }
    }

    @Test
    void the_ingress_routes_one_host_to_each_api_and_location_headers_use_the_public_query_host() {
        Map<String, Object> ingress = chart.get("Ingress", "aviary");

        assertThat(str(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
        Map<String, String> backendByHost = new java.util.HashMap<>();
        for (Object rule : list(ingress, "spec", "rules")) {
            Map<String, Object> path = asMap(list(asMap(rule), "http", "paths").get(0));
            backendByHost.put(str(asMap(rule), "host"), str(path, "backend", "service", "name"));
        }
        assertThat(backendByHost).containsExactlyInAnyOrderEntriesOf(Map.of(
                "command.aviary.example.org", "aviary-command-side",
                "aviary.example.org", "aviary-query-side"));
        assertThat(envValue(container(chart.get("Deployment", "aviary-command-side")), "AVIARY_QUERY_BASE_URL"))
                .isEqualTo("https://aviary.example.org");
    }

    @Test
    void the_dashboard_on_the_query_host_calls_the_public_command_host_which_allows_its_origin() {
        Map<String, Object> querySide = container(chart.get("Deployment", "aviary-query-side"));
        Map<String, Object> commandSide = container(chart.get("Deployment", "aviary-command-side"));

        assertThat(envValue(querySide, "AVIARY_DASHBOARD_COMMAND_URL")).isEqualTo("https://command.aviary.example.org");
        assertThat(envValue(commandSide, "AVIARY_CORS_ALLOWED_ORIGINS")).isEqualTo("https://aviary.example.org");
        assertThat(envValue(querySide, "AVIARY_KAFKA_BOOTSTRAP"))
                .as("the live stream reads the event topic").isEqualTo(envValue(commandSide, "AVIARY_KAFKA_BOOTSTRAP"));
    }

    @Test
    void the_service_monitor_scrapes_the_actuator_of_every_service() {
        Map<String, Object> monitor = chart.get("ServiceMonitor", "aviary");

        assertThat(map(monitor, "metadata", "labels")).containsEntry("release", "prometheus");
        Map<String, Object> endpoint = asMap(list(monitor, "spec", "endpoints").get(0));
        assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
        Map<String, Object> selector = map(monitor, "spec", "selector", "matchLabels");
        // each app's Service matches the selector and names the scraped port
        for (Map<String, Object> service : chart.ofKind("Service")) {
            assertThat(map(service, "metadata", "labels")).containsAllEntriesOf(selector);
            assertThat(list(service, "spec", "ports")).anySatisfy(p -> assertThat(asMap(p)).containsEntry("name", "http"));
        }
        assertThat(chart.ofKind("Service")).hasSize(4);
    }

    @Test
    void the_prometheus_rule_alerts_on_the_release_s_targets() {
        Map<String, Object> rule = chart.get("PrometheusRule", "aviary");

        List<Object> rules = list(asMap(list(rule, "spec", "groups").get(0)), "rules");
        assertThat(rules).extracting(r -> asMap(r).get("alert")).contains("AviaryTargetDown",
                "AviaryCommandSideUnavailable", "AviaryHeapNearlyFull", "AviaryServerErrors");
        // Prometheus templates survive Helm's templating
        assertThat(rules).anySatisfy(r -> assertThat(str(asMap(r), "annotations", "summary"))
                .contains("{{ $labels.pod }}"));
        assertThat(str(asMap(rules.get(0)), "expr")).contains("namespace=\"aviary-test\"", "aviary-(command-side|");
    }

    @Test
    void strimzi_topics_declare_retention_and_compaction_and_are_kept_on_uninstall() {
        Map<String, Object> events = chart.get("KafkaTopic", "aviary-events");
        Map<String, Object> liveness = chart.get("KafkaTopic", "aviary-worker-liveness");

        assertThat(str(events, "metadata", "namespace")).isEqualTo("kafka");
        assertThat(map(events, "metadata", "labels")).containsEntry("strimzi.io/cluster", "kafka");
        assertThat(map(events, "metadata", "annotations")).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(str(events, "spec", "topicName")).isEqualTo("aviary.events");
        assertThat(at(events, "spec", "partitions")).isEqualTo(12);
        assertThat(at(events, "spec", "replicas")).isEqualTo(3);
        assertThat(map(events, "spec", "config")).containsEntry("retention.ms", "-1");
        assertThat(str(liveness, "spec", "topicName")).isEqualTo("aviary.worker-liveness");
        assertThat(map(liveness, "spec", "config")).containsEntry("cleanup.policy", "compact");
        // no Job as well, and the app does not create them either
        assertThat(chart.ofKind("Job")).isEmpty();
        assertThat(envValue(container(chart.get("Deployment", "aviary-command-side")), "AVIARY_KAFKA_CREATETOPICS"))
                .isEqualTo("false");
    }

    @Test
    void the_mongodb_uri_comes_from_its_secret_when_one_is_named() {
        for (String app : List.of("aviary-projections", "aviary-query-side")) {
            assertSecretRef(container(chart.get("Deployment", app)), "AVIARY_MONGODB_URI", "aviary-mongodb",
                    "mongodb-uri");
        }
    }
}
