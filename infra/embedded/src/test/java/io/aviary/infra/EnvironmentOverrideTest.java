package io.aviary.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.aviary.infra.EmbeddedStack.KAFKA_BOOTSTRAP_ENV;
import static io.aviary.infra.EmbeddedStack.MONGODB_URI_ENV;
import static io.aviary.infra.EmbeddedStack.POSTGRES_PASSWORD_ENV;
import static io.aviary.infra.EmbeddedStack.POSTGRES_URL_ENV;
import static io.aviary.infra.EmbeddedStack.POSTGRES_USER_ENV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentOverrideTest {

    @Test
    void aStackWhoseVariablesPointAtRunningServersStartsNoServerOfItsOwn() throws Exception {
        // given the variables point at the servers of the shared stack
        EmbeddedStack running = EmbeddedStack.shared();
        Map<String, String> env = Map.of(
                POSTGRES_URL_ENV, running.postgresJdbcUrl(),
                POSTGRES_USER_ENV, running.postgresUser(),
                POSTGRES_PASSWORD_ENV, running.postgresPassword(),
                KAFKA_BOOTSTRAP_ENV, running.kafkaBootstrap(),
                MONGODB_URI_ENV, running.mongoUri());

        // when a second stack starts with them
        try (EmbeddedStack second = EmbeddedStack.start(EmbeddedStackOptions.forTests(), env::get)) {

            // then it started nothing and hands out the external addresses
            assertThat(second.embeddedServers()).isEmpty();
            assertThat(second.postgresJdbcUrl()).isEqualTo(running.postgresJdbcUrl());
            assertThat(second.postgresUser()).isEqualTo(running.postgresUser());
            assertThat(second.postgresPassword()).isEqualTo(running.postgresPassword());
            assertThat(second.kafkaBootstrap()).isEqualTo(running.kafkaBootstrap());
            assertThat(second.mongoUri()).isEqualTo(running.mongoUri());
            assertThatThrownBy(second::stopKafka).isInstanceOf(IllegalStateException.class);
        }

        // and closing it left the external servers running
        try (Connection connection = DriverManager.getConnection(
                running.postgresJdbcUrl(), running.postgresUser(), running.postgresPassword())) {
            assertThat(connection.isValid(5)).isTrue();
        }
        try (MongoClient client = MongoClients.create(running.mongoUri())) {
            assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
                    .isIn(1, 1.0);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, running.kafkaBootstrap()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void credentialsInExternalAddressesStayOutOfTheLog() {
        assertThat(EmbeddedStack.withoutSecrets("mongodb://reader:s3cret@db.example:27017/?authSource=admin"))
                .isEqualTo("mongodb://***@db.example:27017/?authSource=admin");
        assertThat(EmbeddedStack.withoutSecrets("jdbc:postgresql://pg:5432/aviary?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://pg:5432/aviary?user=app&password=***&ssl=true");
        assertThat(EmbeddedStack.withoutSecrets("broker-1:9092,broker-2:9092")).isEqualTo("broker-1:9092,broker-2:9092");
    }

    @Test
    void blankVariablesCountAsUnset() {
        // given a blank Kafka variable and the other two pointing at the shared stack
        EmbeddedStack running = EmbeddedStack.shared();
        Map<String, String> env = Map.of(
                POSTGRES_URL_ENV, running.postgresJdbcUrl(),
                KAFKA_BOOTSTRAP_ENV, "  ",
                MONGODB_URI_ENV, running.mongoUri());

        // when a stack starts with them, then only Kafka is embedded
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackOptions.forTests(), env::get)) {
            assertThat(stack.embeddedServers()).containsExactly(EmbeddedStack.Server.KAFKA);
            assertThat(stack.kafkaBootstrap()).isNotEqualTo(running.kafkaBootstrap());
            assertThat(stack.postgresUser()).isEmpty();
        }
    }
}
