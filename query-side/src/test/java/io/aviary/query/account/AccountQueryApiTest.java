package io.aviary.query.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.infra.EmbeddedStack;
import io.aviary.query.ApiCalls;
import io.aviary.query.security.TestIdentityProvider;
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
import java.util.UUID;

import static io.aviary.query.ApiCalls.longs;
import static io.aviary.query.ApiCalls.texts;
import static io.aviary.query.EconomyFixtures.ALICE;
import static io.aviary.query.EconomyFixtures.BOB;
import static io.aviary.query.EconomyFixtures.CAROL;
import static io.aviary.query.EconomyFixtures.T5;
import static io.aviary.query.EconomyFixtures.T9;
import static io.aviary.query.EconomyFixtures.account;
import static io.aviary.query.EconomyFixtures.aliceAudit;
import static io.aviary.query.EconomyFixtures.cycle;
import static io.aviary.query.EconomyFixtures.cycleAccount;
import static io.aviary.query.ReadModelFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

/** Accounts, their audit log and billing cycles over fixture documents, called with the roles of the matrix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountQueryApiTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final String DATABASE = stack.newDatabaseName("account_api");
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String ACCOUNTANT = IDP.forRoles("ACCOUNTANT");
    private static final String ADMIN = IDP.forRoles("ADMIN");
    private static final String MANAGER = IDP.forRoles("MANAGER");
    private static final String ALICE_HERSELF = IDP.forWorker("alice");

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
            db.getCollection("workers").insertMany(List.of(worker("alice", "AVAILABLE", List.of("noop"), 1),
                    worker("bob", "AVAILABLE", List.of("noop"), 2)));
            db.getCollection("accounts").insertMany(List.of(
                    account(ALICE, -17, 74, 131, 74, "2026-01-30T09:00:02Z", "2026-02-02T10:00:20Z"),
                    account(BOB, -8, 49, 46, 5, "2026-01-30T10:00:01Z", "2026-02-02T09:00:30Z"),
                    account(CAROL, 2, 66, 73, 5, "2026-01-30T11:00:30Z", "2026-02-02T08:00:12Z")));
            db.getCollection("account_audit").insertMany(aliceAudit());
            db.getCollection("billing_cycles").insertOne(cycle("2026-01-30", "2026-01-31T00:05:00Z",
                    cycleAccount(ALICE, 45, 45, "2026-01-31T00:05:00Z"),
                    cycleAccount(BOB, 5, 5, "2026-01-31T00:05:00Z"),
                    cycleAccount(CAROL, -15, 0, "2026-01-31T00:05:00Z")));
        }
    }

    @BeforeEach
    void calls() {
        api = new ApiCalls(http, json);
    }

    @Test
    void accountantListsEveryAccountByWorkerIdWithNames() {
        JsonNode page = api.ok("/api/v1/accounts", ACCOUNTANT);

        List<String> sorted = List.of(ALICE, BOB, CAROL).stream().sorted().toList();
        assertThat(texts(page.get("items"), "workerId")).containsExactlyElementsOf(sorted);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        JsonNode alice = page.get("items").get(sorted.indexOf(ALICE));
        assertThat(alice.get("workerName").asText()).isEqualTo("alice");
        assertThat(alice.get("balance").asLong()).isEqualTo(-17);
        assertThat(alice.get("totals").get("credited").asLong()).isEqualTo(131);
        assertThat(page.get("items").get(sorted.indexOf(CAROL)).get("workerName").isNull()).isTrue();

        JsonNode second = api.ok("/api/v1/accounts?size=2&page=1", ADMIN);
        assertThat(texts(second.get("items"), "workerId")).containsExactly(sorted.get(2));
        assertThat(second.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void oneAccountShowsBalanceTotalsAndLastMovement() {
        JsonNode alice = api.ok("/api/v1/accounts/" + ALICE, ACCOUNTANT);

        assertThat(alice.get("balance").asLong()).isEqualTo(-17);
        assertThat(alice.get("totals").get("charged").asLong()).isEqualTo(74);
        assertThat(alice.get("totals").get("paidOut").asLong()).isEqualTo(74);
        assertThat(alice.get("lastMovementAt").asText()).isEqualTo("2026-02-02T10:00:20Z");
        assertThat(alice.get("lastClosedCycle").asText()).isEqualTo("2026-02-01");
    }

    @Test
    void auditListsEverySignedMovementNewestFirstInPages() {
        JsonNode first = api.ok("/api/v1/accounts/" + ALICE + "/audit?size=5", ACCOUNTANT);
        JsonNode third = api.ok("/api/v1/accounts/" + ALICE + "/audit?size=5&page=2", ACCOUNTANT);

        assertThat(first.get("total").asLong()).isEqualTo(12);
        assertThat(longs(first.get("items"), "amount")).containsExactly(-17L, -19L, 39L, -20L, -10L);
        assertThat(texts(first.get("items"), "kind")).containsExactly("charge", "payout", "credit", "charge",
                "payout");
        JsonNode charge = first.get("items").get(0);
        assertThat(charge.get("taskId").asText()).isEqualTo(T9);
        assertThat(charge.get("reason").asText()).isEqualTo("assignment");
        assertThat(charge.get("at").asText()).isEqualTo("2026-02-02T10:00:20Z");
        assertThat(charge.get("balanceAfter").asLong()).isEqualTo(-17);
        assertThat(first.get("items").get(1).get("cycleDate").asText()).isEqualTo("2026-02-01");
        // the oldest two: t1's charge and credit were on the first day
        assertThat(longs(third.get("items"), "amount")).containsExactly(40L, -10L);
    }

    @Test
    void auditIsFilteredByDay() {
        JsonNode saturday = api.ok("/api/v1/accounts/" + ALICE + "/audit?from=2026-01-31&to=2026-01-31", ACCOUNTANT);
        JsonNode weekend = api.ok("/api/v1/accounts/" + ALICE + "/audit?from=2026-01-31&to=2026-02-01", ADMIN);
        JsonNode before = api.ok("/api/v1/accounts/" + ALICE + "/audit?from=2025-12-01&to=2025-12-31", ADMIN);

        assertThat(longs(saturday.get("items"), "amount")).containsExactly(22L, -12L, -45L);
        assertThat(texts(saturday.get("items"), "taskId")).containsExactly(T5, T5, "null");
        assertThat(weekend.get("total").asLong()).isEqualTo(6);
        assertThat(before.get("items")).isEmpty();
        assertThat(before.get("total").asLong()).isZero();
    }

    @Test
    void aWorkerReadsOnlyTheirOwnAccount() {
        assertThat(api.ok("/api/v1/accounts/" + ALICE, ALICE_HERSELF).get("balance").asLong()).isEqualTo(-17);
        assertThat(api.ok("/api/v1/accounts/" + ALICE + "/audit", ALICE_HERSELF).get("total").asLong())
                .isEqualTo(12);
        api.problem("/api/v1/accounts/" + BOB, ALICE_HERSELF, HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/accounts/" + BOB + "/audit", ALICE_HERSELF, HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/accounts/" + UUID.randomUUID(), ALICE_HERSELF, HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/accounts", ALICE_HERSELF, HttpStatus.FORBIDDEN, null);
    }

    @Test
    void managersAndAnonymousCallersAreTurnedAway() {
        api.problem("/api/v1/accounts", MANAGER, HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/accounts/" + ALICE, MANAGER, HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/billing-cycles?date=2026-01-30", MANAGER, HttpStatus.FORBIDDEN, null);
        api.problem("/api/v1/accounts", null, HttpStatus.UNAUTHORIZED, null);
        api.problem("/api/v1/accounts/" + ALICE + "/audit", null, HttpStatus.UNAUTHORIZED, null);
    }

    @Test
    void unknownAccountsAre404AndBadDaysAre400() {
        api.problem("/api/v1/accounts/" + UUID.randomUUID(), ACCOUNTANT, HttpStatus.NOT_FOUND, "No account");
        api.problem("/api/v1/accounts/" + UUID.randomUUID() + "/audit", ACCOUNTANT, HttpStatus.NOT_FOUND,
                "No account");
        JsonNode badFrom = api.problem("/api/v1/accounts/" + ALICE + "/audit?from=2026-02-30", ACCOUNTANT,
                HttpStatus.BAD_REQUEST, "'from'");
        assertThat(badFrom.get("parameter").asText()).isEqualTo("from");
        api.problem("/api/v1/accounts/" + ALICE + "/audit?from=2026-02-02&to=2026-02-01", ACCOUNTANT,
                HttpStatus.BAD_REQUEST, "'to' (2026-02-01) is before 'from' (2026-02-02)");
        api.problem("/api/v1/accounts/" + ALICE + "/audit?from=2000-01-01&to=2026-01-01", ACCOUNTANT,
                HttpStatus.BAD_REQUEST, "longer than");
        api.problem("/api/v1/accounts?size=0", ACCOUNTANT, HttpStatus.BAD_REQUEST, null);
    }

    @Test
    void billingCycleListsBalancesAtCloseAndPayouts() {
        JsonNode cycle = api.ok("/api/v1/billing-cycles?date=2026-01-30", ACCOUNTANT);

        assertThat(cycle.get("date").asText()).isEqualTo("2026-01-30");
        assertThat(cycle.get("closedAt").asText()).isEqualTo("2026-01-31T00:05:00Z");
        assertThat(cycle.get("negativeBalances").asLong()).isEqualTo(1);
        assertThat(cycle.get("paidOut").asLong()).isEqualTo(50);
        assertThat(cycle.get("total").asLong()).isEqualTo(3);
        JsonNode items = cycle.get("items");
        int carol = texts(items, "workerId").indexOf(CAROL);
        assertThat(items.get(carol).get("balance").asLong()).isEqualTo(-15);
        assertThat(items.get(carol).get("payout").asLong()).isZero();
        assertThat(items.get(texts(items, "workerId").indexOf(ALICE)).get("workerName").asText()).isEqualTo("alice");
        assertThat(api.ok("/api/v1/billing-cycles?date=2026-01-30&size=2&page=1", ADMIN).get("items")).hasSize(1);
    }

    @Test
    void billingCycleOfADayNotClosedIs404AndABadDateIs400() {
        api.problem("/api/v1/billing-cycles?date=2026-02-02", ACCOUNTANT, HttpStatus.NOT_FOUND, "2026-02-02");
        api.problem("/api/v1/billing-cycles?date=yesterday", ACCOUNTANT, HttpStatus.BAD_REQUEST, "'date'");
        api.problem("/api/v1/billing-cycles", ACCOUNTANT, HttpStatus.BAD_REQUEST, "date");
    }
}
