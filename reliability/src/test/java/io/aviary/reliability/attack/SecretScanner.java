package io.aviary.reliability.attack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Looks for secrets in everything the platform stores or prints: every table of the event-store database (the
 * event store's payloads and metadata included), every record of {@code aviary.events} (value and headers), every
 * document of every Mongo database, every app log. Text is compared byte for byte (ISO-8859-1), so a secret is found
 * in JSON, bytea and logs alike. For a JWT its signature alone is looked for too (a token cut in a log line).
 */
final class SecretScanner {

    /**
     * One secret found somewhere.
     *
     * @param what  which secret
     * @param where the table/collection/topic/file
     */
    record Hit(String what, String where) {
    }

    /** Figures of a scan: items read per place, and the hits. */
    static final class Report {
        final Map<String, Long> scanned = new LinkedHashMap<>();
        final TreeSet<String> hits = new TreeSet<>();
        int needles;

        void count(String place, long items) {
            scanned.merge(place, items, Long::sum);
        }
    }

    private final Map<String, String> needles = new LinkedHashMap<>();

    SecretScanner(Map<String, String> secrets) {
        secrets.forEach((secret, what) -> {
            needles.put(secret, what);
            String[] parts = secret.split("\\.");
            if (parts.length == 3 && parts[2].length() >= 20) {
                needles.put(parts[2], "signature of " + what);
            }
        });
    }

    Report scanAll(Path logDir) {
        Report report = new Report();
        report.needles = needles.size();
        scanPostgres(report);
        scanTopic("aviary.events", report);
        scanMongo(report);
        scanLogs(logDir, report);
        return report;
    }

    private void look(String text, String where, Report report) {
        for (Map.Entry<String, String> needle : needles.entrySet()) {
            if (text.contains(needle.getKey())) {
                report.hits.add(needle.getValue() + " in " + where);
            }
        }
    }

    void scanPostgres(Report report) {
        try (Connection connection = PlatformState.jdbc()) {
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                            + "AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            connection.setAutoCommit(false); // lets the driver stream big tables with a fetch size
            for (String table : tables) {
                long count = 0;
                try (Statement statement = connection.createStatement()) {
                    statement.setFetchSize(500);
                    try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                        ResultSetMetaData meta = rows.getMetaData();
                        while (rows.next()) {
                            count++;
                            StringBuilder row = new StringBuilder();
                            for (int c = 1; c <= meta.getColumnCount(); c++) {
                                Object value = rows.getObject(c);
                                row.append(value instanceof byte[] bytes
                                        ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value))
                                        .append('\u0000');
                            }
                            look(row.toString(), "PostgreSQL table " + table, report);
                        }
                    }
                }
                report.count("PostgreSQL rows (" + tables.size() + " tables)", count);
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("scanning PostgreSQL: " + e.getMessage(), e);
        }
    }

    void scanTopic(String topic, Report report) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 3 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    count++;
                    StringBuilder text = new StringBuilder();
                    if (record.key() != null) {
                        text.append(new String(record.key(), StandardCharsets.ISO_8859_1)).append('\u0000');
                    }
                    if (record.value() != null) {
                        text.append(new String(record.value(), StandardCharsets.ISO_8859_1)).append('\u0000');
                    }
                    for (Header header : record.headers()) {
                        text.append(header.key()).append('=').append(header.value() == null ? ""
                                : new String(header.value(), StandardCharsets.ISO_8859_1)).append('\u0000');
                    }
                    look(text.toString(), "Kafka topic " + topic, report);
                }
            }
        }
        report.count("Kafka records of " + topic, count);
    }

    void scanMongo(Report report) {
        long count = 0;
        try (MongoClient client = MongoClients.create(EmbeddedStack.shared().mongoUri())) {
            for (String name : client.listDatabaseNames()) {
                if (List.of("admin", "local", "config").contains(name)) {
                    continue;
                }
                MongoDatabase database = client.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    for (Document document : database.getCollection(collection).find()) {
                        count++;
                        look(document.toJson(), "Mongo " + name + "." + collection, report);
                    }
                }
            }
        }
        report.count("Mongo documents", count);
    }

    void scanLogs(Path logDir, Report report) {
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                look(text, "log " + file.getFileName(), report);
                report.count("log lines", text.lines().count());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
