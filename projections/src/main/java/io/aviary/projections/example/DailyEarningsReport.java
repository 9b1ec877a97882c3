package io.aviary.projections.example;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.events.AviaryEvent;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * An analytics consumer that is not part of the platform: it reads {@code aviary.events} from the beginning with plain
 * kafka-clients, decodes the CloudEvents binary-mode headers itself ({@code ce_type}, {@code ce_aviaryseq}), turns
 * the JSON data into events-schema records with Jackson, and prints management earnings per UTC day
 * (fees charged − rewards paid, DESIGN §5) - the same figures as {@code GET /api/v1/analytics/earnings}.
 *
 * <p>Delivery is at-least-once, so it skips an account event whose sequence it has seen for that account. Not wired
 * into the projections app; run it on its own (see projections/READ_MODELS.md):
 * <pre>
 * java -cp projections/target/aviary-projections.jar \
 *      -Dloader.main=io.aviary.projections.example.DailyEarningsReport \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --bootstrap localhost:9092
 * </pre>
 * Options: {@code --bootstrap host:port} (default {@code AVIARY_KAFKA_BOOTSTRAP} or {@code localhost:9092}),
 * {@code --topic name} (default {@code aviary.events}).
 */
public final class DailyEarningsReport {

    /** One day of the report. */
    public record Day(LocalDate date, long feesCharged, long rewardsPaid) {

        public long earnings() {
            return feesCharged - rewardsPaid;
        }
    }

    private static final String TYPE_HEADER = "ce_type";
    private static final String SEQUENCE_HEADER = "ce_aviaryseq";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, Long> lastSequence = new HashMap<>();
    private final Map<LocalDate, long[]> days = new TreeMap<>();

    public static void main(String[] args) {
        quietLogging();
        Map<String, String> options = options(args);
        String bootstrap = options.getOrDefault("bootstrap",
                Optional.ofNullable(System.getenv("AVIARY_KAFKA_BOOTSTRAP")).orElse("localhost:9092"));
        String topic = options.getOrDefault("topic", Topics.EVENTS);
        print(read(bootstrap, topic), System.out);
    }

    /** Reads the topic from the beginning up to its end offsets at the start, and returns the report. */
    public static List<Day> read(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "daily-earnings-report");
        DailyEarningsReport report = new DailyEarningsReport();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            // No consumer group: a report reads everything every time and commits nothing.
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        report.accept(record);
                    }
                }
            }
        }
        return report.days();
    }

    /** Counts one record if it is a charge or credit not seen before; anything else is skipped. */
    void accept(ConsumerRecord<String, byte[]> record) {
        String type = header(record, TYPE_HEADER);
        String sequence = header(record, SEQUENCE_HEADER);
        if (type == null || sequence == null || record.value() == null) {
            return;
        }
        Optional<EventCatalog.EventType> known = EventCatalog.byCloudEventType(type);
        if (known.isEmpty() || !AccountEvent.class.isAssignableFrom(known.get().eventClass())) {
            return;
        }
        try {
            AviaryEvent event = json.readValue(record.value(), known.get().eventClass());
            long seq = Long.parseLong(sequence.trim());
            Long seen = lastSequence.get(event.aggregateId());
            if (seen != null && seq <= seen) {
                return; // a redelivered or replayed event: counted already
            }
            lastSequence.put(event.aggregateId(), seq);
            if (event instanceof AccountCharged charged) {
                day(charged.chargedAt().atOffset(ZoneOffset.UTC).toLocalDate())[0] += charged.amount();
            } else if (event instanceof AccountCredited credited) {
                day(credited.creditedAt().atOffset(ZoneOffset.UTC).toLocalDate())[1] += credited.amount();
            }
        } catch (Exception e) {
            System.err.println("skipping " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + e);
        }
    }

    List<Day> days() {
        return days.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** Prints one line per day: date, fees, rewards, earnings; then the total. */
    public static void print(List<Day> days, PrintStream out) {
        out.printf("%-10s %12s %12s %12s%n", "date", "fees", "rewards", "earnings");
        long total = 0;
        for (Day day : days) {
            out.printf("%-10s %12d %12d %12d%n", day.date(), day.feesCharged(), day.rewardsPaid(), day.earnings());
            total += day.earnings();
        }
        out.printf("%-10s %12s %12s %12d%n", "total", "", "", total);
    }

    private long[] day(LocalDate date) {
        return days.computeIfAbsent(date, d -> new long[2]);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Outside Spring, logback starts with its basic configuration (DEBUG to stdout), and kafka-clients would print its
     * whole configuration into the report.
     */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
