package io.aviary.infra;

import io.aviary.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.aviary.infra.EmbeddedStack.KAFKA_BOOTSTRAP_ENV;
import static io.aviary.infra.EmbeddedStack.MONGODB_URI_ENV;
import static io.aviary.infra.EmbeddedStack.POSTGRES_URL_ENV;
import static org.assertj.core.api.Assertions.assertThat;

class ExternalKafkaTopicsTest {

    @Test
    void anExternalBrokerWithoutThePlatformTopicsGetsThem() throws Exception {
        // given a bare broker (no topics) named by the variable
        EmbeddedStack shared = EmbeddedStack.shared();
        try (KafkaBroker bare = KafkaBroker.start(0, null);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bare.bootstrap()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(Topics.EVENTS);
            Map<String, String> env = Map.of(KAFKA_BOOTSTRAP_ENV, bare.bootstrap(),
                    POSTGRES_URL_ENV, shared.postgresJdbcUrl(), MONGODB_URI_ENV, shared.mongoUri());

            // when a stack starts with it
            try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackOptions.forTests().withEventPartitions(2), env::get)) {

                // then it started no broker, yet both topics exist there with a leader per partition
                assertThat(stack.embeddedServers()).isEmpty();
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.EVENTS, Topics.WORKER_LIVENESS))
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.get(Topics.EVENTS).partitions()).hasSize(2)
                        .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
                assertThat(topics.get(Topics.WORKER_LIVENESS).partitions()).hasSize(KafkaTopics.LIVENESS_PARTITIONS);
            }
        }
    }
}
