package io.aviary.projections.apply;

import io.aviary.projections.account.AccountAuditProjection;
import io.aviary.projections.account.AccountProjection;
import io.aviary.projections.analytics.DailyAnalyticsProjection;
import io.aviary.projections.analytics.FleetAnalyticsProjection;
import io.aviary.projections.area.AreaProjection;
import io.aviary.projections.billing.BillingCycleProjection;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every read model that can be rebuilt, with the collections its projection writes and the ones a rebuild swaps in.
 * {@code tasks}, {@code workers} and {@code worker_queues} come from one projection (queues and last outcomes are
 * derived from the task changes the {@code tasks} documents gate), so rebuilding one of them replays all three
 * into fresh collections and swaps in only the one asked for. {@code analytics_fleet} keeps the per-task timings
 * it needs in {@code analytics_task_timings}, which is swapped together with it. {@code areas},
 * {@code area_executions} and {@code area_deliveries} are one projection as well (the {@code areas} document numbers
 * and routes the executions and deliveries), so each is rebuilt by replaying all three.
 */
public enum ReadModel {

    TASKS("tasks", TaskWorkerProjection.COLLECTIONS, List.of("tasks"), TaskWorkerProjection::new),
    WORKERS("workers", TaskWorkerProjection.COLLECTIONS, List.of("workers"), TaskWorkerProjection::new),
    WORKER_QUEUES("worker_queues", TaskWorkerProjection.COLLECTIONS, List.of("worker_queues"),
            TaskWorkerProjection::new),
    ACCOUNTS("accounts", List.of(AccountProjection.COLLECTION), List.of(AccountProjection.COLLECTION),
            AccountProjection::new),
    ACCOUNT_AUDIT("account_audit", List.of(AccountAuditProjection.COLLECTION),
            List.of(AccountAuditProjection.COLLECTION), AccountAuditProjection::new),
    BILLING_CYCLES("billing_cycles", List.of(BillingCycleProjection.COLLECTION),
            List.of(BillingCycleProjection.COLLECTION), BillingCycleProjection::new),
    ANALYTICS_DAILY("analytics_daily", List.of(DailyAnalyticsProjection.COLLECTION),
            List.of(DailyAnalyticsProjection.COLLECTION), DailyAnalyticsProjection::new),
    ANALYTICS_FLEET("analytics_fleet", FleetAnalyticsProjection.COLLECTIONS, FleetAnalyticsProjection.COLLECTIONS,
            FleetAnalyticsProjection::new),
    AREAS("areas", AreaProjection.COLLECTIONS, List.of(AreaProjection.AREAS), AreaProjection::new),
    AREA_EXECUTIONS("area_executions", AreaProjection.COLLECTIONS, List.of(AreaProjection.EXECUTIONS),
            AreaProjection::new),
    AREA_DELIVERIES("area_deliveries", AreaProjection.COLLECTIONS, List.of(AreaProjection.DELIVERIES),
            AreaProjection::new);

    /** One projection per group of read models that are written together (what the live projector runs). */
    static final List<ReadModel> ONE_PER_PROJECTION =
            List.of(TASKS, ACCOUNTS, ACCOUNT_AUDIT, BILLING_CYCLES, ANALYTICS_DAILY, ANALYTICS_FLEET, AREAS);

    private final String modelName;
    private final List<String> written;
    private final List<String> swapped;
    private final Function<CollectionResolver, BatchProjection> factory;

    ReadModel(String modelName, List<String> written, List<String> swapped,
              Function<CollectionResolver, BatchProjection> factory) {
        this.modelName = modelName;
        this.written = written;
        this.swapped = swapped;
        this.factory = factory;
    }

    /** The name in the API and the live collection's name, e.g. {@code analytics_daily}. */
    public String modelName() {
        return modelName;
    }

    /** Every collection the model's projection writes (logical names). */
    public List<String> writtenCollections() {
        return written;
    }

    /** The collections a rebuild replaces; the other written ones are scratch copies, dropped after the swap. */
    public List<String> swappedCollections() {
        return swapped;
    }

    /** A projection that writes this model's collections as {@code collections} resolves them. */
    public BatchProjection projection(CollectionResolver collections) {
        return factory.apply(collections);
    }

    /** The model with this API name ({@code accounts}), if any. */
    public static Optional<ReadModel> byName(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(model -> model.modelName.equals(wanted)).findFirst();
    }
}
