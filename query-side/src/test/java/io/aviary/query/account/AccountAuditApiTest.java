package io.aviary.query.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.events.worker.WorkerIds;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.aviary.query.ApiCalls.longs;
import static io.aviary.query.ApiCalls.texts;
import static io.aviary.query.EconomyFixtures.T1;
import static io.aviary.query.EconomyFixtures.account;
import static io.aviary.query.EconomyFixtures.auditDay;
import static io.aviary.query.EconomyFixtures.movement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit of a busy account (issue 12): its days are split into buckets of 500 account sequences, and days stored
 * before buckets existed hold their movements themselves. The answer is the same as for one document per day: every
 * movement once, newest first by account sequence, in pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountAuditApiTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final String DATABASE = stack.newDatabaseName("account_audit_api");
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String ACCOUNTANT = IDP.forRoles("ACCOUNTANT");
    private static final String DAVE = WorkerIds.forName("dave");
    private static final String AUDIT = "/api/v1/accounts/" + DAVE + "/audit";

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

    /**
     * dave's audit: account sequences 1..2,100, every 50th a cycle close (no movement): 2,058 movements. 2026-03-01
     * holds 1..40, stored before buckets existed; 2026-03-02 holds 41..100 the same way and 101..1,300 in buckets
     * 0..2; 2026-03-03 holds 1,301..2,100 in buckets 2..4 (bucket 2 is on both days).
     */
    @BeforeAll
    static void readModels() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase db = client.getDatabase(DATABASE);
            db.getCollection("accounts").insertOne(
                    account(DAVE, 0, 0, 0, 0, "2026-03-01T00:00:01Z", "2026-03-03T00:35:00Z"));
            List<Document> audit = new ArrayList<>();
            audit.addAll(auditDay(DAVE, "2026-03-01", movements("2026-03-01", 1, 40), List.of()));
            audit.addAll(auditDay(DAVE, "2026-03-02", movements("2026-03-02", 41, 100),
                    movements("2026-03-02", 101, 1_300)));
            audit.addAll(auditDay(DAVE, "2026-03-03", List.of(), movements("2026-03-03", 1_301, 2_100)));
            db.getCollection("account_audit").insertMany(audit);
        }
    }

    @BeforeEach
    void calls() {
        api = new ApiCalls(http, json);
    }

    @Test
    void everyPageTogetherListsEveryMovementOnceNewestFirstAcrossBucketsAndDays() {
        String range = AUDIT + "?from=2026-03-01&to=2026-03-03";

        // when every page is read, in pages of 500 and of 173 (cut inside documents and across days)
        List<Long> byFiveHundred = allPages(range, 500);
        List<Long> by173 = allPages(range, 173);

        // then each lists every movement once, by account sequence, newest first
        assertThat(byFiveHundred).containsExactlyElementsOf(sequences(2_100, 1));
        assertThat(by173).isEqualTo(byFiveHundred);
    }

    @Test
    void aPageReportsTheTotalAndTheLastPageEndsWithTheOldestMovement() {
        String range = AUDIT + "?from=2026-03-01&to=2026-03-03";

        JsonNode second = api.ok(range + "&size=500&page=1", ACCOUNTANT);
        JsonNode last = api.ok(range + "&size=173&page=11", ACCOUNTANT);
        JsonNode beyond = api.ok(range + "&size=500&page=5", ACCOUNTANT);

        assertThat(second.get("total").asLong()).isEqualTo(2_058);
        // the 501st to 1,000th newest: 1,589 down to 1,080, across buckets 3, 2 (both days) and 1
        assertThat(longs(second.get("items"), "seq")).containsExactlyElementsOf(sequences(1_589, 1_080));
        assertThat(longs(last.get("items"), "seq")).containsExactlyElementsOf(sequences(158, 1));
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(2_058);
    }

    @Test
    void oneDayListsOnlyItsOwnMovementsThoseStoredBeforeBucketsLast() {
        JsonNode upgradeDay = api.ok(AUDIT + "?from=2026-03-02&to=2026-03-02&size=500&page=2", ACCOUNTANT);
        JsonNode lastDay = api.ok(AUDIT + "?from=2026-03-03&to=2026-03-03&size=500", ACCOUNTANT);

        // 2026-03-02 holds 41..1,300: its third page ends with the 60 the day document holds itself
        assertThat(upgradeDay.get("total").asLong()).isEqualTo(1_234);
        assertThat(longs(upgradeDay.get("items"), "seq")).containsExactlyElementsOf(sequences(279, 41));
        assertThat(texts(upgradeDay.get("items"), "kind")).containsOnly("charge", "credit");
        assertThat(lastDay.get("total").asLong()).isEqualTo(784);
        assertThat(longs(lastDay.get("items"), "seq")).containsExactlyElementsOf(sequences(2_100, 1_590));
    }

    private List<Long> allPages(String range, int size) {
        List<Long> sequences = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = api.ok(range + "&size=" + size + "&page=" + page, ACCOUNTANT);
            if (answer.get("items").isEmpty()) {
                return sequences;
            }
            assertThat(answer.get("items")).hasSizeLessThanOrEqualTo(size);
            assertThat(answer.get("total").asLong()).isEqualTo(2_058);
            sequences.addAll(longs(answer.get("items"), "seq"));
        }
    }

    /** Movements {@code from..to} of a day (odd sequences charges, even ones credits), no cycle closes. */
    private static List<Document> movements(String day, long from, long to) {
        List<Document> movements = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            if (seq % 50 != 0) {
                String at = Instant.parse(day + "T00:00:00Z").plusSeconds(seq).toString();
                movements.add(seq % 2 == 1
                        ? movement(seq, "charge", -3, T1, "assignment", at, -3L, null)
                        : movement(seq, "credit", 3, T1, "completion", at, 0L, null));
            }
        }
        return movements;
    }

    /** The movements' sequences from {@code newest} down to {@code oldest}. */
    private static List<Long> sequences(long newest, long oldest) {
        return LongStream.rangeClosed(oldest, newest).map(seq -> newest + oldest - seq)
                .filter(seq -> seq % 50 != 0).boxed().toList();
    }
}
