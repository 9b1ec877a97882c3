package io.aviary.helm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.aviary.helm.RenderedChart.asMap;
import static io.aviary.helm.RenderedChart.container;
import static io.aviary.helm.RenderedChart.env;
import static io.aviary.helm.RenderedChart.envValue;
import static io.aviary.helm.RenderedChart.list;
import static io.aviary.helm.RenderedChart.map;
import static io.aviary.helm.RenderedChart.podSpec;
import static io.aviary.helm.RenderedChart.str;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ci/daemonset-values.yaml}: one agent per labelled node, its state on a shared claim, egress restricted. */
class AgentDaemonSetValuesTest {

    private final RenderedChart chart = RenderedChart.withCiValues("daemonset-values.yaml");

    @Test
    void agents_run_as_a_daemonset_and_no_agent_deployment_or_hpa_is_rendered() {
        assertThat(chart.ofKind("DaemonSet")).extracting(RenderedChart::name).containsExactly("aviary-worker-agent");
        assertThat(chart.find("Deployment", "aviary-worker-agent")).isEmpty();
        assertThat(chart.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(chart.find("PodDisruptionBudget", "aviary-worker-agent")).isEmpty();
        // the other apps are still Deployments
        assertThat(chart.ofKind("Deployment")).hasSize(3);
    }

    @Test
    void each_agent_is_named_after_its_node_so_a_restarted_pod_is_the_same_worker() {
        Map<String, Object> daemonSet = chart.get("DaemonSet", "aviary-worker-agent");
        Map<String, Object> agent = container(daemonSet);

        assertThat(str(env(agent, "AVIARY_NODE_NAME").orElseThrow(), "valueFrom", "fieldRef", "fieldPath"))
                .isEqualTo("spec.nodeName");
        assertThat(envValue(agent, "AVIARY_AGENT_NAME")).isEqualTo("build-$(AVIARY_NODE_NAME)");
        assertThat(envValue(agent, "AVIARY_AGENT_LABELS")).isEqualTo("gpu=false,pool=build");
        assertThat(envValue(agent, "AVIARY_AGENT_TASK_TYPES")).isEqualTo("noop,http");
        assertThat(map(podSpec(daemonSet), "nodeSelector")).containsEntry("aviary.io/agent", "true");
        // a DaemonSet needs no anti-affinity preset: one pod per node already
        assertThat(map(podSpec(daemonSet), "affinity")).isEmpty();
    }

    @Test
    void the_state_dir_lives_on_the_existing_claim() {
        Map<String, Object> daemonSet = chart.get("DaemonSet", "aviary-worker-agent");

        assertThat(list(podSpec(daemonSet), "volumes")).anySatisfy(v -> {
            assertThat(asMap(v)).containsEntry("name", "state");
            assertThat(map(asMap(v), "persistentVolumeClaim")).containsEntry("claimName", "aviary-agent-state");
        });
        // an existing claim is used as is: the chart creates none
        assertThat(chart.ofKind("PersistentVolumeClaim")).isEmpty();
    }

    @Test
    void restricted_egress_still_allows_dns_and_the_listed_servers() {
        Map<String, Object> policy = chart.get("NetworkPolicy", "aviary-worker-agent");

        assertThat(list(policy, "spec", "policyTypes")).containsExactly("Ingress", "Egress");
        assertThat(list(policy, "spec", "egress")).anySatisfy(rule -> assertThat(list(asMap(rule), "ports"))
                .anySatisfy(p -> assertThat(asMap(p)).containsEntry("port", 53)));
        assertThat(list(policy, "spec", "egress")).anySatisfy(rule -> assertThat(list(asMap(rule), "ports"))
                .anySatisfy(p -> assertThat(asMap(p)).containsEntry("port", 9092)));
    }
}
