package io.aviary.projections.account;

import com.mongodb.client.model.Filters;
import io.aviary.projections.apply.EconomyFeed;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.RandomEconomy;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.aviary.projections.apply.Deliveries.applyInRandomBatches;
import static io.aviary.projections.apply.Deliveries.interleave;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: for a random (seeded) history, delivered interleaved, in random batches and then all over again, every
 * account's balance equals the sum of its audit log's signed amounts (and the aggregate's own balance), and the
 * charges and credits of all accounts add up to minus the management earnings of all days.
 */
class BalancePropertyTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 11, 2026, 99_991})
    void balancesEqualTheSumOfTheAuditLog(long seed) {
        // given
        EconomyFeed feed = RandomEconomy.generate(seed, 4, 1_500);
        List<ProjectedEvent> events = feed.events();
        Random random = new Random(seed);
        try (ReadModelStore store = new ReadModelStore("balance_property")) {
            ReadModelProjector projector = new ReadModelProjector(store.database());

            // when
            applyInRandomBatches(projector, interleave(events, random), random);
            applyInRandomBatches(projector, interleave(events, random), random);

            // then
            long chargesAndCredits = 0;
            long payouts = 0;
            for (String worker : feed.workers()) {
                List<Document> movements = new ArrayList<>();
                // day documents (no movements of their own here) and buckets alike
                store.database().getCollection("account_audit").find(Filters.eq("workerId", worker))
                        .forEach(day -> movements.addAll(day.getList("movements", Document.class, List.of())));
                long audited = movements.stream().mapToLong(m -> m.getLong("amount")).sum();
                Document account = store.document("accounts", worker);
                assertThat(account.getLong("balance")).as("balance of %s", worker)
                        .isEqualTo(audited)
                        .isEqualTo(feed.balance(worker));
                assertThat(account.getLong("movements")).isEqualTo(movements.size());
                chargesAndCredits += movements.stream().filter(m -> !m.getString("kind").equals("payout"))
                        .mapToLong(m -> m.getLong("amount")).sum();
                payouts -= movements.stream().filter(m -> m.getString("kind").equals("payout"))
                        .mapToLong(m -> m.getLong("amount")).sum();
            }
            List<Document> days = store.documents("analytics_daily");
            assertThat(days).hasSizeGreaterThan(3);
            assertThat(chargesAndCredits).isEqualTo(-days.stream().mapToLong(d -> d.getLong("earnings")).sum());
            assertThat(payouts).isEqualTo(days.stream().mapToLong(d -> d.getLong("paidOut")).sum());
        }
    }
}
