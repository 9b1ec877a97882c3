package io.aviary.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.aviary.helm.RenderedChart.asMap;
import static io.aviary.helm.RenderedChart.at;
import static io.aviary.helm.RenderedChart.container;
import static io.aviary.helm.RenderedChart.containers;
import static io.aviary.helm.RenderedChart.list;
import static io.aviary.helm.RenderedChart.map;
import static io.aviary.helm.RenderedChart.name;
import static io.aviary.helm.RenderedChart.podSpec;
import static io.aviary.helm.RenderedChart.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold for every pod the chart runs, whatever the values: probes on the actuator, limits, secrets only by
 * reference, no root, a read-only root filesystem, images pinned to the chart's appVersion.
 */
class WorkloadSafetyTest {

    /** Env vars whose value is a credential by its name: they must come from a Secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY|CREDENTIAL).*");
    private static final List<String> AVIARY_IMAGES =
            List.of("aviary/command-side", "aviary/projections", "aviary/query-side", "aviary/worker-agent");

    static Stream<Arguments> valueSets() {
        return Stream.of(
                Arguments.of("defaults", List.of()),
                Arguments.of("HA", List.of(RenderedChart.CI_VALUES.resolve("ha-values.yaml"))),
                Arguments.of("agents as DaemonSet", List.of(RenderedChart.CI_VALUES.resolve("daemonset-values.yaml"))),
                // The topics Job is a Helm hook by default, which `template` through helm-java does not return.
                Arguments.of("topics Job as a plain resource", List.of("kafka.topics.job.hook=false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void every_app_has_liveness_and_readiness_probes_on_the_actuator(String set, List<Object> values) {
        // given the chart rendered with a value set
        RenderedChart chart = RenderedChart.render(values);

        // then each app's container probes the actuator health groups on its own HTTP port
        assertThat(chart.apps()).hasSizeGreaterThanOrEqualTo(4);
        for (Map<String, Object> app : chart.apps()) {
            Map<String, Object> container = container(app);
            assertThat(str(container, "livenessProbe", "httpGet", "path")).as(name(app))
                    .isEqualTo("/actuator/health/liveness");
            assertThat(str(container, "readinessProbe", "httpGet", "path")).as(name(app))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(str(container, "livenessProbe", "httpGet", "port")).isEqualTo("http");
            assertThat(str(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
            // the named port is the one the app listens on (SERVER_PORT)
            Map<String, Object> port = asMap(list(container, "ports").get(0));
            assertThat(port.get("name")).isEqualTo("http");
            assertThat(RenderedChart.envValue(container, "SERVER_PORT")).as(name(app))
                    .isEqualTo(port.get("containerPort").toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void no_container_runs_without_requests_and_limits(String set, List<Object> values) {
        RenderedChart chart = RenderedChart.render(values);

        for (Map<String, Object> workload : chart.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String where = workload.get("kind") + "/" + name(workload) + "/" + container.get("name");
                assertThat(map(container, "resources", "limits")).as(where).containsKeys("cpu", "memory");
                assertThat(map(container, "resources", "requests")).as(where).containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void credentials_come_only_from_secret_references(String set, List<Object> values) {
        RenderedChart chart = RenderedChart.render(values);

        // the chart never carries a credential itself
        assertThat(chart.ofKind("Secret")).isEmpty();
        for (Map<String, Object> workload : chart.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                for (Object item : list(container, "env")) {
                    Map<String, Object> env = asMap(item);
                    String envName = (String) env.get("name");
                    if (SECRET_NAME.matcher(envName).matches()) {
                        assertThat(env).as(name(workload) + " " + envName).doesNotContainKey("value");
                        assertThat(map(env, "valueFrom", "secretKeyRef")).as(name(workload) + " " + envName)
                                .containsKeys("name", "key");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void pods_run_as_non_root_with_a_read_only_root_filesystem_and_a_writable_tmp(String set, List<Object> values) {
        RenderedChart chart = RenderedChart.render(values);

        for (Map<String, Object> workload : chart.workloads()) {
            Map<String, Object> pod = podSpec(workload);
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as(name(workload)).isEqualTo(true);
            assertThat(at(pod, "automountServiceAccountToken")).as(name(workload)).isEqualTo(false);
            for (Map<String, Object> container : containers(workload)) {
                String where = name(workload) + "/" + container.get("name");
                assertThat(at(container, "securityContext", "runAsNonRoot")).as(where).isEqualTo(true);
                assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).as(where).isEqualTo(true);
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as(where).isEqualTo(false);
                assertThat(list(container, "volumeMounts")).as(where)
                        .anySatisfy(m -> assertThat(asMap(m)).containsEntry("mountPath", "/tmp"));
            }
            String tmpVolume = list(containers(workload).get(0), "volumeMounts").stream().map(RenderedChart::asMap)
                    .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> (String) m.get("name"))
                    .findFirst().orElseThrow();
            assertThat(list(pod, "volumes")).as(name(workload)).anySatisfy(v -> {
                assertThat(asMap(v)).containsEntry("name", tmpVolume);
                assertThat(asMap(v)).containsKey("emptyDir");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void aviary_images_are_pinned_to_the_charts_app_version(String set, List<Object> values) {
        RenderedChart chart = RenderedChart.render(values);
        String appVersion = RenderedChart.appVersion();

        List<String> images = chart.apps().stream().map(w -> (String) container(w).get("image")).toList();
        assertThat(images).hasSize(4).allSatisfy(image -> {
            assertThat(AVIARY_IMAGES).anySatisfy(repository -> assertThat(image).contains("/" + repository + ":"));
            assertThat(image).endsWith(":" + appVersion);
        });
        // other images (the topics Job's Kafka tools) are pinned too: never a moving tag
        chart.workloads().stream().flatMap(w -> containers(w).stream()).map(c -> (String) c.get("image"))
                .forEach(image -> assertThat(image).matches(".+:[^:/]+$").doesNotEndWith(":latest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void the_heap_follows_the_container_memory_limit(String set, List<Object> values) {
        RenderedChart chart = RenderedChart.render(values);

        for (Map<String, Object> app : chart.apps()) {
            assertThat(RenderedChart.envValue(container(app), "JAVA_TOOL_OPTIONS")).as(name(app))
                    .contains("-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp")
                    .doesNotContain("-Xmx");
        }
    }
}
