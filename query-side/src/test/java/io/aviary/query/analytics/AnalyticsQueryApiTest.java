package io.aviary.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.infra.EmbeddedStack;
import io.aviary.query.ApiCalls;
import io.aviary.query.security.TestIdentityProvider;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static io.aviary.query.ApiCalls.longs;
import static io.aviary.query.ApiCalls.texts;
import static io.aviary.query.EconomyFixtures.ALICE;
import static io.aviary.query.EconomyFixtures.BOB;
import static io.aviary.query.EconomyFixtures.CAROL;
import static io.aviary.query.EconomyFixtures.T1;
import static io.aviary.query.EconomyFixtures.T4;
import static io.aviary.query.EconomyFixtures.T6;
import static io.aviary.query.EconomyFixtures.T8;
import static io.aviary.query.EconomyFixtures.account;
import static io.aviary.query.EconomyFixtures.busy;
import static io.aviary.query.EconomyFixtures.day;
import static io.aviary.query.EconomyFixtures.days;
import static io.aviary.query.EconomyFixtures.histogram;
import static io.aviary.query.EconomyFixtures.hour;
import static io.aviary.query.EconomyFixtures.none;
import static io.aviary.query.EconomyFixtures.task;
import static io.aviary.query.EconomyFixtures.typeStats;
import static io.aviary.query.ReadModelFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytics API over the documents the projections write for their four-day scenario (2026-01-30 .. 02-02,
 * across a month boundary; ISO week 5 ends on Sunday 02-01), with expectations computed by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsQueryApiTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final String DATABASE = stack.newDatabaseName("analytics_api");
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String MANAGER = IDP.forRoles("MANAGER");
    private static final String ADMIN = IDP.forRoles("ADMIN");
    private static final String LATE_TIE = task("late-tie");

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    private ApiCalls api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> DATABASE);
        IDP.register(registry);
    }

    @BeforeAll
    static void readModels() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase db = client.getDatabase(DATABASE);
            db.getCollection("analytics_daily").insertMany(days());
            // Thursday of week 6: a task as expensive as t8, completed later, so t8 keeps the week
            db.getCollection("analytics_daily").insertOne(
                    day("2026-02-05", 20, 35, 1, 0, 0, null, LATE_TIE, 35, "2026-02-05T07:00:00Z"));
            db.getCollection("accounts").insertMany(List.of(
                    account(ALICE, -17, 74, 131, 74, "2026-01-30T09:00:02Z", "2026-02-02T10:00:20Z"),
                    account(BOB, -8, 49, 46, 5, "2026-01-30T10:00:01Z", "2026-02-02T09:00:30Z"),
                    account(CAROL, 2, 66, 73, 5, "2026-01-30T11:00:30Z", "2026-02-02T08:00:12Z")));
            db.getCollection("workers").insertOne(worker("alice", "AVAILABLE", List.of("noop", "http"), 1));
            db.getCollection("analytics_fleet").insertMany(fleetHours());
        }
    }

    /**
     * The scenario's hours: dispatch latencies (created -> first start) noop 5 s, 3 s, 30 m 5 s, 11 s, 20 h;
     * http 60 s, 4 s, 2 s; busy time alice 60 s, bob 35 s, carol 70 s.
     */
    private static List<Document> fleetHours() {
        return List.of(
                hour("2026-01-30T09", List.of(typeStats("noop", 1, 1, 1, 0, 0, histogram(5_000, 5_000),
                        histogram(2_000, 2_000))), List.of(busy(ALICE, 5_000))),
                hour("2026-01-30T10", List.of(typeStats("noop", 1, 1, 0, 1, 0, histogram(3_000, 5_000),
                        histogram(1_000, 1_000))), List.of(busy(BOB, 5_000))),
                hour("2026-01-30T11", List.of(typeStats("http", 1, 1, 1, 0, 1, histogram(60_000, 60_000),
                        histogram(9_000, 10_000, 30_000, 30_000))), List.of(busy(ALICE, 15_000), busy(CAROL, 30_000))),
                hour("2026-01-31T09", List.of(typeStats("noop", 1, 1, 1, 0, 0, histogram(1_805_000, 3_600_000),
                        histogram(10_000, 10_000))), List.of(busy(CAROL, 30_000))),
                hour("2026-01-31T15", List.of(typeStats("http", 1, 1, 1, 0, 0, histogram(4_000, 5_000),
                        histogram(2_000, 2_000))), List.of(busy(ALICE, 20_000))),
                hour("2026-02-01T12", List.of(typeStats("noop", 1, 1, 1, 0, 0, histogram(11_000, 20_000),
                        histogram(1_000, 1_000))), List.of(busy(ALICE, 20_000))),
                hour("2026-02-01T13", List.of(typeStats("noop", 1, 0, 0, 0, 0, none(), histogram(1_000, 1_000))),
                        List.of()),
                hour("2026-02-01T14", List.of(typeStats("http", 1, 0, 0, 0, 0, none(), histogram(5_000, 5_000))),
                        List.of()),
                hour("2026-02-02T08", List.of(typeStats("http", 1, 1, 1, 0, 0, histogram(2_000, 2_000),
                        histogram(1_000, 1_000))), List.of(busy(CAROL, 10_000))),
                hour("2026-02-02T09", List.of(typeStats("noop", 0, 1, 0, 1, 0, histogram(72_000_000, 86_400_000),
                        none())), List.of(busy(BOB, 30_000))),
                hour("2026-02-02T10", List.of(typeStats("http", 0, 0, 0, 0, 0, none(), histogram(20_000, 20_000))),
                        List.of()));
    }

    @BeforeEach
    void calls() {
        api = new ApiCalls(http, json);
    }

    @Test
    void earningsPerDayAreFeesMinusRewardsWithZeroForQuietDays() {
        JsonNode earnings = api.ok("/api/v1/analytics/earnings?from=2026-01-29&to=2026-02-03", MANAGER);

        assertThat(texts(earnings.get("items"), "date")).containsExactly("2026-01-29", "2026-01-30", "2026-01-31",
                "2026-02-01", "2026-02-02", "2026-02-03");
        assertThat(longs(earnings.get("items"), "earnings")).containsExactly(0L, -35L, -12L, 9L, -23L, 0L);
        assertThat(longs(earnings.get("items"), "feesCharged")).containsExactly(0L, 60L, 48L, 48L, 33L, 0L);
        assertThat(longs(earnings.get("items"), "rewardsPaid")).containsExactly(0L, 95L, 60L, 39L, 56L, 0L);
        assertThat(earnings.get("total").asLong()).isEqualTo(-61);
    }

    @Test
    void negativeBalancesComeFromTheCycleCloseOrFromTheAccountsWhileOpen() {
        JsonNode friday = api.ok("/api/v1/analytics/negative-balances?date=2026-01-30", MANAGER);
        JsonNode sunday = api.ok("/api/v1/analytics/negative-balances?date=2026-02-01", ADMIN);
        JsonNode monday = api.ok("/api/v1/analytics/negative-balances?date=2026-02-02", MANAGER);

        assertThat(friday.get("count").asLong()).isEqualTo(1);
        assertThat(friday.get("closed").asBoolean()).isTrue();
        assertThat(sunday.get("count").asLong()).isEqualTo(2);
        // Monday's cycle is open: alice -17 and bob -8 are negative now
        assertThat(monday.get("count").asLong()).isEqualTo(2);
        assertThat(monday.get("closed").asBoolean()).isFalse();
        assertThat(monday.get("date").asText()).isEqualTo("2026-02-02");
    }

    @Test
    void mostExpensiveTaskOfADayAWeekAndAMonthAcrossTheMonthBoundary() {
        assertTask("period=day&at=2026-01-31", T4, 38, "2026-01-31", "2026-01-31");
        // ISO week 5 runs Monday 01-26 to Sunday 02-01 and spans both months
        assertTask("period=week&at=2026-02-01", T1, 40, "2026-01-26", "2026-02-01");
        // week 6: t8 (35) and a later task of the same reward: the earlier completion wins
        assertTask("period=week&at=2026-02-02", T8, 35, "2026-02-02", "2026-02-08");
        assertTask("period=month&at=2026-01-15", T1, 40, "2026-01-01", "2026-01-31");
        assertTask("period=month&at=2026-02-28", T6, 39, "2026-02-01", "2026-02-28");
        JsonNode day = api.ok("/api/v1/analytics/most-expensive-task?period=day&at=2026-01-30", MANAGER);
        assertThat(day.get("completedAt").asText()).isEqualTo("2026-01-30T09:00:10Z");
    }

    @Test
    void aPeriodWithoutCompletedTasksHasNoMostExpensiveTask() {
        JsonNode march = api.ok("/api/v1/analytics/most-expensive-task?period=month&at=2026-03-10", MANAGER);

        assertThat(march.get("taskId").isNull()).isTrue();
        assertThat(march.get("completionReward").isNull()).isTrue();
        assertThat(march.get("from").asText()).isEqualTo("2026-03-01");
        assertThat(march.get("to").asText()).isEqualTo("2026-03-31");
    }

    @Test
    void fleetPercentilesComeFromTheMergedBucketsOfTheRange() {
        JsonNode fleet = api.ok("/api/v1/analytics/fleet?from=2026-01-30&to=2026-02-02", MANAGER);

        assertThat(fleet.get("hours").asLong()).isEqualTo(96);
        assertThat(texts(fleet.get("taskTypes"), "taskType")).containsExactly("http", "noop");
        JsonNode http = fleet.get("taskTypes").get(0);
        JsonNode noop = fleet.get("taskTypes").get(1);
        // noop: 5 s and 3 s (<= 5 s), 11 s (<= 20 s), 30 m 5 s (<= 1 h), 20 h (<= 24 h, max 20 h)
        assertThat(noop.get("dispatchLatencyMs").get("count").asLong()).isEqualTo(5);
        assertThat(noop.get("dispatchLatencyMs").get("p50").asLong()).isEqualTo(20_000);
        assertThat(noop.get("dispatchLatencyMs").get("p95").asLong()).isEqualTo(72_000_000);
        assertThat(noop.get("dispatchLatencyMs").get("p99").asLong()).isEqualTo(72_000_000);
        // http: 2 s, 4 s (<= 5 s), 60 s
        assertThat(http.get("dispatchLatencyMs").get("p50").asLong()).isEqualTo(5_000);
        assertThat(http.get("dispatchLatencyMs").get("p95").asLong()).isEqualTo(60_000);
        assertThat(http.get("dispatchLatencyMs").get("mean").asLong()).isEqualTo(22_000);
        // http waits: 30 s, 9 s, 2 s, 5 s, 1 s, 20 s -> p50 is the 3rd: <= 5 s
        assertThat(http.get("queueWaitMs").get("count").asLong()).isEqualTo(6);
        assertThat(http.get("queueWaitMs").get("p50").asLong()).isEqualTo(5_000);
        assertThat(http.get("queueWaitMs").get("p99").asLong()).isEqualTo(30_000);
    }

    @Test
    void fleetThroughputOutcomeRatesAndUtilisation() {
        JsonNode fleet = api.ok("/api/v1/analytics/fleet?from=2026-01-30&to=2026-02-02", ADMIN);

        JsonNode http = fleet.get("taskTypes").get(0);
        JsonNode noop = fleet.get("taskTypes").get(1);
        assertThat(noop.get("completed").asLong()).isEqualTo(5);
        assertThat(noop.get("throughputPerHour").asDouble()).isCloseTo(5 / 96.0, within(1e-9));
        assertThat(noop.get("rates").get("success").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(noop.get("rates").get("warning").asDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(http.get("attempts").get("failure").asLong()).isEqualTo(1);
        assertThat(http.get("rates").get("failure").asDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(http.get("created").asLong()).isEqualTo(4);

        JsonNode workers = fleet.get("utilisation").get("workers");
        int alice = texts(workers, "workerId").indexOf(ALICE);
        assertThat(longs(workers, "busyMs")).containsExactlyInAnyOrder(60_000L, 35_000L, 70_000L);
        assertThat(workers.get(alice).get("workerName").asText()).isEqualTo("alice");
        assertThat(workers.get(alice).get("utilisation").asDouble()).isCloseTo(60_000 / (96 * 3_600_000.0),
                within(1e-12));
        assertThat(fleet.get("utilisation").get("average").asDouble())
                .isCloseTo(165_000 / 3.0 / (96 * 3_600_000.0), within(1e-12));
    }

    @Test
    void fleetOfOneDayReadsOnlyItsHours() {
        JsonNode monday = api.ok("/api/v1/analytics/fleet?from=2026-02-02&to=2026-02-02", MANAGER);

        assertThat(monday.get("hours").asLong()).isEqualTo(24);
        JsonNode http = monday.get("taskTypes").get(0);
        assertThat(http.get("dispatchLatencyMs").get("p50").asLong()).isEqualTo(2_000);
        assertThat(http.get("queueWaitMs").get("max").asLong()).isEqualTo(20_000);
        assertThat(longs(monday.get("utilisation").get("workers"), "busyMs")).containsExactlyInAnyOrder(10_000L,
                30_000L);
    }

    @Test
    void badDatesPeriodsAndRangesAre400sThatNameTheParameter() {
        assertThat(api.problem("/api/v1/analytics/earnings?from=2026-13-01", MANAGER, HttpStatus.BAD_REQUEST,
                "'from'").get("parameter").asText()).isEqualTo("from");
        api.problem("/api/v1/analytics/earnings?from=2026-02-02&to=2026-01-30", MANAGER, HttpStatus.BAD_REQUEST,
                "'to'");
        api.problem("/api/v1/analytics/earnings?from=2024-01-01&to=2026-01-30", MANAGER, HttpStatus.BAD_REQUEST,
                "longer than 366 days");
        api.problem("/api/v1/analytics/negative-balances?date=30.01.2026", MANAGER, HttpStatus.BAD_REQUEST,
                "'date'");
        assertThat(api.problem("/api/v1/analytics/most-expensive-task?period=year", MANAGER,
                HttpStatus.BAD_REQUEST, "'period'").get("parameter").asText()).isEqualTo("period");
        api.problem("/api/v1/analytics/most-expensive-task?period=week&at=soon", MANAGER, HttpStatus.BAD_REQUEST,
                "'at'");
        api.problem("/api/v1/analytics/fleet?from=2026-01-01&to=2026-12-31", MANAGER, HttpStatus.BAD_REQUEST,
                "longer than 92 days");
    }

    @Test
    void analyticsAreForAdminsAndManagersOnly() {
        api.problem("/api/v1/analytics/earnings", IDP.forRoles("ACCOUNTANT"), HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/analytics/fleet", IDP.forWorker("alice"), HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/analytics/negative-balances", null, HttpStatus.UNAUTHORIZED, null);
    }

    private void assertTask(String query, String taskId, long reward, String from, String to) {
        JsonNode task = api.ok("/api/v1/analytics/most-expensive-task?" + query, MANAGER);
        assertThat(task.get("taskId").asText()).as(query).isEqualTo(taskId);
        assertThat(task.get("completionReward").asLong()).as(query).isEqualTo(reward);
        assertThat(task.get("from").asText()).as(query).isEqualTo(from);
        assertThat(task.get("to").asText()).as(query).isEqualTo(to);
    }
}
