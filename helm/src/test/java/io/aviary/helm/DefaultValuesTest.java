package io.aviary.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.aviary.helm.RenderedChart.asMap;
import static io.aviary.helm.RenderedChart.at;
import static io.aviary.helm.RenderedChart.container;
import static io.aviary.helm.RenderedChart.env;
import static io.aviary.helm.RenderedChart.envValue;
import static io.aviary.helm.RenderedChart.list;
import static io.aviary.helm.RenderedChart.map;
import static io.aviary.helm.RenderedChart.str;
import static org.assertj.core.api.Assertions.assertThat;

/** The chart with its defaults: external servers, apps wired to each other, agents scaled by an HPA. */
class DefaultValuesTest {

    private final RenderedChart chart = RenderedChart.defaults();

    @Test
    void renders_the_four_apps_with_their_services_and_nothing_optional() {
        assertThat(chart.ofKind("Deployment")).extracting(RenderedChart::name).containsExactlyInAnyOrder(
                "aviary-command-side", "aviary-projections", "aviary-query-side", "aviary-worker-agent");
        assertThat(chart.ofKind("Service")).extracting(RenderedChart::name).containsExactlyInAnyOrder(
                "aviary-command-side", "aviary-projections", "aviary-query-side", "aviary-worker-agent");
        assertThat(chart.ofKind("ServiceAccount")).extracting(RenderedChart::name).containsExactly("aviary");
        assertThat(chart.ofKind("NetworkPolicy")).hasSize(4);
        assertThat(chart.ofKind("Ingress")).isEmpty();
        assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
        assertThat(chart.ofKind("PrometheusRule")).isEmpty();
        assertThat(chart.ofKind("KafkaTopic")).isEmpty();
    }

    @Test
    void apps_listen_on_their_standard_ports_and_services_point_at_them() {
        Map<String, Integer> ports = Map.of("aviary-command-side", 8080, "aviary-query-side", 8081,
                "aviary-projections", 8082, "aviary-worker-agent", 8090);

        ports.forEach((name, port) -> {
            Map<String, Object> deployment = chart.get("Deployment", name);
            assertThat(envValue(container(deployment), "SERVER_PORT")).isEqualTo(port.toString());
            Map<String, Object> service = chart.get("Service", name);
            assertThat(asMap(list(service, "spec", "ports").get(0))).containsEntry("port", port)
                    .containsEntry("targetPort", "http");
            // the Service selects exactly the pods of its Deployment
            assertThat(map(deployment, "spec", "template", "metadata", "labels"))
                    .containsAllEntriesOf(map(service, "spec", "selector"));
        });
    }

    @Test
    void command_side_reads_postgres_credentials_and_the_admin_password_from_secrets() {
        Map<String, Object> command = container(chart.get("Deployment", "aviary-command-side"));

        assertThat(envValue(command, "AVIARY_POSTGRES_URL")).isEqualTo("jdbc:postgresql://postgresql:5432/aviary");
        assertSecretRef(command, "AVIARY_POSTGRES_USER", "aviary-postgresql", "username");
        assertSecretRef(command, "AVIARY_POSTGRES_PASSWORD", "aviary-postgresql", "password");
        assertSecretRef(command, "AVIARY_ADMIN_PASSWORD", "aviary-auth", "admin-password");
        assertSecretRef(command, "AVIARY_SECRETS_KEY", "aviary-auth", "secrets-key");
        // profile prod refuses to start without them: a missing key must stop the pod from starting, visibly
        assertThat(map(env(command, "AVIARY_SECRETS_KEY").orElseThrow(), "valueFrom", "secretKeyRef"))
                .doesNotContainKey("optional");
        assertThat(envValue(command, "SPRING_PROFILES_ACTIVE")).isEqualTo("prod");
        assertThat(envValue(command, "AVIARY_KAFKA_BOOTSTRAP")).isEqualTo("kafka:9092");
        // the topics are declared by the chart, so the app must not create them
        assertThat(envValue(command, "AVIARY_KAFKA_CREATETOPICS")).isEqualTo("false");
        assertThat(envValue(command, "AVIARY_QUERY_BASE_URL")).isEqualTo("http://aviary-query-side:8081");
    }

    @Test
    void read_side_apps_reach_mongodb_and_verify_tokens_against_the_command_side() {
        for (String name : List.of("aviary-projections", "aviary-query-side")) {
            Map<String, Object> app = container(chart.get("Deployment", name));
            assertThat(envValue(app, "AVIARY_MONGODB_URI")).isEqualTo("mongodb://mongodb:27017/");
            assertThat(envValue(app, "AVIARY_MONGO_DATABASE")).isEqualTo("aviary");
            assertThat(envValue(app, "AVIARY_COMMAND_URL")).isEqualTo("http://aviary-command-side:8080");
        }
        Map<String, Object> projections = container(chart.get("Deployment", "aviary-projections"));
        assertThat(envValue(projections, "AVIARY_KAFKA_BOOTSTRAP")).isEqualTo("kafka:9092");
    }

    @Test
    void agents_have_a_fixed_management_port_a_per_pod_name_and_a_writable_state_dir() {
        Map<String, Object> deployment = chart.get("Deployment", "aviary-worker-agent");
        Map<String, Object> agent = container(deployment);

        assertThat(envValue(agent, "SERVER_PORT")).isEqualTo("8090");
        assertThat(str(env(agent, "AVIARY_AGENT_NAME").orElseThrow(), "valueFrom", "fieldRef", "fieldPath"))
                .isEqualTo("metadata.name");
        assertThat(envValue(agent, "AVIARY_AGENT_STATE_DIR")).isEqualTo("/var/lib/aviary/agents/$(AVIARY_AGENT_NAME)");
        assertThat(envValue(agent, "AVIARY_COMMAND_URL")).isEqualTo("http://aviary-command-side:8080");
        // no task types given: the agent's own default (every built-in type) applies
        assertThat(env(agent, "AVIARY_AGENT_TASK_TYPES")).isEmpty();
        assertSecretRef(agent, "AVIARY_AGENT_ENROLMENT_TOKEN", "aviary-agent-enrolment", "token");
        // the state dir is a volume (the root filesystem is read-only): an emptyDir unless persistence is on
        assertThat(list(agent, "volumeMounts")).anySatisfy(m -> assertThat(asMap(m))
                .containsEntry("name", "state").containsEntry("mountPath", "/var/lib/aviary/agents"));
        assertThat(list(deployment, "spec", "template", "spec", "volumes")).anySatisfy(v -> {
            assertThat(asMap(v)).containsEntry("name", "state").containsKey("emptyDir");
        });
    }

    @Test
    void one_agent_runs_without_autoscaling_and_single_replicas_get_no_disruption_budget() {
        Map<String, Object> deployment = chart.get("Deployment", "aviary-worker-agent");

        assertThat(at(deployment, "spec", "replicas")).isEqualTo(1);
        assertThat(chart.ofKind("HorizontalPodAutoscaler")).isEmpty();
        // a PDB on a single pod would only block node drains
        assertThat(chart.ofKind("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void network_policies_keep_projections_and_agents_private_and_the_apis_reachable() {
        Map<String, Object> projections = chart.get("NetworkPolicy", "aviary-projections");
        Map<String, Object> command = chart.get("NetworkPolicy", "aviary-command-side");

        // projections: only this release's pods (and the listed peers) on its port
        assertThat(list(projections, "spec", "ingress")).hasSize(1).allSatisfy(rule ->
                assertThat(list(asMap(rule), "from")).isNotEmpty());
        assertThat(map(asMap(list(asMap(list(projections, "spec", "ingress").get(0)), "from").get(0)),
                "podSelector", "matchLabels")).containsEntry("app.kubernetes.io/instance", "aviary");
        // command-side: additionally open to anyone on its port (allowExternal)
        assertThat(list(command, "spec", "ingress")).anySatisfy(rule -> {
            assertThat(asMap(rule)).doesNotContainKey("from");
            assertThat(asMap(list(asMap(rule), "ports").get(0))).containsEntry("port", 8080);
        });
        assertThat(list(command, "spec", "policyTypes")).containsExactly("Ingress");
    }

    @Test
    void jvm_options_are_values() {
        RenderedChart custom = RenderedChart.render(List.of("jvm.maxRamPercentage=60",
                "commandSide.jvmOptions=-XX:+UseG1GC"));

        String command = envValue(container(custom.get("Deployment", "aviary-command-side")), "JAVA_TOOL_OPTIONS");
        String query = envValue(container(custom.get("Deployment", "aviary-query-side")), "JAVA_TOOL_OPTIONS");
        assertThat(command).contains("-XX:MaxRAMPercentage=60", "-XX:+UseG1GC");
        assertThat(query).contains("-XX:MaxRAMPercentage=60").doesNotContain("-XX:+UseG1GC");
    }

    @Test
    void an_external_identity_provider_and_explicit_urls_reach_the_apps_that_read_them() {
        RenderedChart custom = RenderedChart.render(List.of(
                "auth.oidc.issuerUri=https://keycloak.example.org/realms/aviary",
                "auth.oidc.rolesClaim=realm_access.roles", "auth.oidc.audience=aviary-api",
                "config.commandUrl=http://command.internal:8080",
                "config.jwksUrl=http://command.internal:8080/.well-known/jwks.json"));

        Map<String, Object> command = container(custom.get("Deployment", "aviary-command-side"));
        Map<String, Object> query = container(custom.get("Deployment", "aviary-query-side"));
        Map<String, Object> projections = container(custom.get("Deployment", "aviary-projections"));
        Map<String, Object> agent = container(custom.get("Deployment", "aviary-worker-agent"));
        for (Map<String, Object> app : List.of(command, query)) {
            assertThat(envValue(app, "AVIARY_OIDC_ISSUER_URI")).isEqualTo("https://keycloak.example.org/realms/aviary");
            assertThat(envValue(app, "AVIARY_OIDC_ROLES_CLAIM")).isEqualTo("realm_access.roles");
        }
        assertThat(envValue(query, "AVIARY_OIDC_AUDIENCE")).isEqualTo("aviary-api");
        assertThat(env(projections, "AVIARY_OIDC_ISSUER_URI")).isEmpty();
        for (Map<String, Object> app : List.of(query, projections)) {
            assertThat(envValue(app, "AVIARY_JWKS_URL")).isEqualTo("http://command.internal:8080/.well-known/jwks.json");
        }
        assertThat(envValue(agent, "AVIARY_COMMAND_URL")).isEqualTo("http://command.internal:8080");
        // without an issuer, nothing OIDC is set
        assertThat(env(container(chart.get("Deployment", "aviary-query-side")), "AVIARY_OIDC_ISSUER_URI")).isEmpty();
    }

    static void assertSecretRef(Map<String, Object> container, String envName, String secret, String key) {
        Map<String, Object> ref = map(env(container, envName).orElseThrow(() -> new AssertionError("no " + envName)),
                "valueFrom", "secretKeyRef");
        assertThat(ref).as(envName).containsEntry("name", secret).containsEntry("key", key);
    }
}
