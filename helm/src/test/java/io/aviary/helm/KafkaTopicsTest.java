package io.aviary.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.aviary.helm.RenderedChart.container;
import static io.aviary.helm.RenderedChart.envValue;
import static io.aviary.helm.RenderedChart.list;
import static io.aviary.helm.RenderedChart.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Topics are declared by the release (a Job or Strimzi), never auto-created by a producer. */
class KafkaTopicsTest {

    @Test
    void the_job_creates_both_topics_with_the_platform_s_settings_and_waits_for_leaders() {
        // given the Job rendered as a plain resource (as a hook, helm-java's template does not return it)
        RenderedChart chart = RenderedChart.render(List.of("kafka.topics.job.hook=false"));

        // then
        Map<String, Object> job = chart.get("Job", "aviary-kafka-topics");
        Map<String, Object> container = container(job);
        assertThat(container.get("image")).isEqualTo("docker.io/apache/kafka:3.9.2");
        assertThat(envValue(container, "AVIARY_KAFKA_BOOTSTRAP")).isEqualTo("kafka:9092");
        String script = String.join("\n", list(container, "command").stream().map(Object::toString).toList());
        assertThat(script)
                .contains("bin=/opt/kafka/bin", "\"$bin/kafka-topics.sh\"", "\"$bin/kafka-configs.sh\"")
                .contains("--create --if-not-exists --topic aviary.events --partitions 12 --replication-factor 3")
                .contains("--config retention.ms=-1")
                .contains("--create --if-not-exists --topic aviary.worker-liveness --partitions 4")
                .contains("--config cleanup.policy=compact")
                // settings of topics that already exist are made to hold
                .contains("--entity-name aviary.events --add-config min.insync.replicas=2,retention.ms=-1")
                .contains("--unavailable-partitions");
        assertThat(map(job, "metadata", "annotations")).doesNotContainKey("helm.sh/hook");
    }

    @Test
    void the_job_image_and_topic_settings_are_values() {
        RenderedChart chart = RenderedChart.render(List.of("kafka.topics.job.hook=false",
                "kafka.topics.job.image.registry=registry.example.org",
                "kafka.topics.job.image.repository=mirror/kafka", "kafka.topics.job.image.tag=3.9.1",
                "kafka.topics.job.binDir=/opt/bitnami/kafka/bin", "kafka.topics.events.partitions=24",
                "kafka.topics.replicationFactor=1", "kafka.topics.minInsyncReplicas=0",
                "kafka.topics.job.commandConfig.existingSecret=kafka-admin"));

        Map<String, Object> container = container(chart.get("Job", "aviary-kafka-topics"));
        String script = list(container, "command").get(2).toString();
        assertThat(container.get("image")).isEqualTo("registry.example.org/mirror/kafka:3.9.1");
        assertThat(script).contains("bin=/opt/bitnami/kafka/bin")
                .contains("--topic aviary.events --partitions 24 --replication-factor 1 --config retention.ms=-1")
                .doesNotContain("min.insync.replicas");
        assertThat(list(container, "volumeMounts")).anySatisfy(m ->
                assertThat(RenderedChart.asMap(m)).containsEntry("mountPath", "/etc/aviary/kafka"));
    }

    @Test
    void by_default_the_job_is_a_hook_so_no_plain_job_is_rendered() {
        // helm-java's template leaves hooks out; the plain-Job test above covers the Job's content
        assertThat(RenderedChart.defaults().ofKind("Job")).isEmpty();
    }

    @Test
    void with_provisioning_app_command_side_creates_the_topics_itself() {
        RenderedChart chart = RenderedChart.render(List.of("kafka.topics.provisioning=app",
                "kafka.topics.replicationFactor=2", "kafka.topics.job.hook=false"));

        Map<String, Object> command = container(chart.get("Deployment", "aviary-command-side"));
        assertThat(envValue(command, "AVIARY_KAFKA_CREATETOPICS")).isEqualTo("true");
        assertThat(envValue(command, "AVIARY_KAFKA_PARTITIONS")).isEqualTo("12");
        assertThat(envValue(command, "AVIARY_KAFKA_REPLICATIONFACTOR")).isEqualTo("2");
        assertThat(chart.ofKind("Job")).isEmpty();
        assertThat(chart.ofKind("KafkaTopic")).isEmpty();
    }

    @Test
    void with_provisioning_none_nothing_declares_or_creates_topics() {
        RenderedChart chart = RenderedChart.render(List.of("kafka.topics.provisioning=none",
                "kafka.topics.job.hook=false"));

        assertThat(chart.ofKind("Job")).isEmpty();
        assertThat(chart.ofKind("KafkaTopic")).isEmpty();
        assertThat(envValue(container(chart.get("Deployment", "aviary-command-side")), "AVIARY_KAFKA_CREATETOPICS"))
                .isEqualTo("false");
    }
}
