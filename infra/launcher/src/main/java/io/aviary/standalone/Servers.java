package io.aviary.standalone;

/**
 * Where the apps find PostgreSQL, Kafka and MongoDB (embedded or external).
 *
 * @param postgresUrl      JDBC URL of the event store database
 * @param postgresUser     its user
 * @param postgresPassword its password
 * @param kafkaBootstrap   Kafka bootstrap servers
 * @param mongoUri         MongoDB connection string
 */
public record Servers(String postgresUrl, String postgresUser, String postgresPassword, String kafkaBootstrap,
                      String mongoUri) {
}
