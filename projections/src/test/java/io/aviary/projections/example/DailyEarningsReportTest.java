package io.aviary.projections.example;

import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.EconomyScenario;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.RandomEconomy;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import io.aviary.projections.kafka.EventTopics;
import org.assertj.core.groups.Tuple;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The outside consumer example against the embedded broker: it reads a topic from the beginning (with every event
 * written twice, as at-least-once delivery may) and reports the same daily earnings as the platform's
 * {@code analytics_daily} read model (what {@code GET /api/v1/analytics/earnings} serves) for the same events.
 */
class DailyEarningsReportTest {

    @Test
    void reportOfTheScenarioMatchesTheHandComputedEarnings() {
        // given
        String topic = EventTopics.create("earnings-report", 3);
        List<ProjectedEvent> events = EconomyScenario.feed().events();
        EventTopics.produce(topic, events);
        EventTopics.produce(topic, events);

        // when
        List<DailyEarningsReport.Day> report = DailyEarningsReport.read(EmbeddedStack.shared().kafkaBootstrap(), topic);

        // then
        assertThat(report).extracting(DailyEarningsReport.Day::date, DailyEarningsReport.Day::feesCharged,
                        DailyEarningsReport.Day::rewardsPaid, DailyEarningsReport.Day::earnings)
                .containsExactly(
                        tuple(LocalDate.parse("2026-01-30"), 60L, 95L, -35L),
                        tuple(LocalDate.parse("2026-01-31"), 48L, 60L, -12L),
                        tuple(LocalDate.parse("2026-02-01"), 48L, 39L, 9L),
                        tuple(LocalDate.parse("2026-02-02"), 33L, 56L, -23L));
        String printed = print(report);
        assertThat(printed).contains("2026-02-01           48           39            9")
                .contains("total", "-61");
    }

    @Test
    void reportOfARandomHistoryAgreesWithTheReadModel() {
        // given a random history on a topic, and the same events projected by the platform's projector
        String topic = EventTopics.create("earnings-report-random", 4);
        List<ProjectedEvent> events = RandomEconomy.generate(17, 6, 2_000).events();
        EventTopics.produce(topic, events);
        try (ReadModelStore store = new ReadModelStore("earnings_report")) {
            new ReadModelProjector(store.database()).apply(events);
            List<Document> days = store.documents("analytics_daily").stream()
                    .filter(day -> day.getLong("charges") + day.getLong("tasksCompleted") > 0).toList();

            // when
            List<DailyEarningsReport.Day> report =
                    DailyEarningsReport.read(EmbeddedStack.shared().kafkaBootstrap(), topic);

            // then
            List<Tuple> expected = days.stream()
                    .map(day -> tuple(LocalDate.parse(day.getString("date")), day.getLong("earnings"))).toList();
            assertThat(report).hasSizeGreaterThan(3)
                    .extracting(DailyEarningsReport.Day::date, DailyEarningsReport.Day::earnings)
                    .containsExactlyElementsOf(expected);
        }
    }

    private static String print(List<DailyEarningsReport.Day> report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DailyEarningsReport.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
