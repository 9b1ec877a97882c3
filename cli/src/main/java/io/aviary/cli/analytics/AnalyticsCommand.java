package io.aviary.cli.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CommandContext;
import io.aviary.cli.CommandGroup;
import io.aviary.cli.DateOptions;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.http.Api;
import io.aviary.cli.http.QueryString;
import io.aviary.cli.output.Formats;
import io.aviary.cli.output.Output;
import io.aviary.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = "Management earnings and fleet statistics, per UTC day (ADMIN, MANAGER).",
        subcommands = {AnalyticsCommand.Earnings.class, AnalyticsCommand.Fleet.class})
public final class AnalyticsCommand extends CommandGroup {

    @Command(name = "earnings", mixinStandardHelpOptions = true,
            description = "Earnings per day: fees charged minus rewards paid (default: the last 7 days).")
    static final class Earnings extends ApiCommand {

        @Mixin
        DateOptions dates;

        @Override
        protected int execute(CommandContext context) {
            JsonNode e = context.api().get(Api.QUERY, QueryString.path("/api/v1/analytics/earnings")
                    .param("from", dates.from).param("to", dates.to).toString());
            Output out = context.output();
            out.emit(e, () -> {
                Table table = new Table("date", "earnings", "fees charged", "rewards paid", "tasks completed");
                e.path("items").forEach(d -> table.row(d.path("date").asText(), d.path("earnings").asLong(),
                        d.path("feesCharged").asLong(), d.path("rewardsPaid").asLong(),
                        d.path("tasksCompleted").asLong()));
                out.table(table);
                out.line("Total " + e.path("total").asLong() + " from " + e.path("from").asText() + " to "
                        + e.path("to").asText());
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "fleet", mixinStandardHelpOptions = true,
            description = "Per task type: throughput, outcome rates, dispatch latency and queue wait; worker "
                    + "utilisation (default: today).")
    static final class Fleet extends ApiCommand {

        @Mixin
        DateOptions dates;

        @Override
        protected int execute(CommandContext context) {
            JsonNode f = context.api().get(Api.QUERY, QueryString.path("/api/v1/analytics/fleet")
                    .param("from", dates.from).param("to", dates.to).toString());
            Output out = context.output();
            out.emit(f, () -> {
                out.line("Fleet from " + f.path("from").asText() + " to " + f.path("to").asText() + " ("
                        + f.path("hours").asLong() + " h)");
                Table types = new Table("task type", "created", "completed", "per hour", "success", "failure",
                        "dead", "cancelled", "dispatch p50", "dispatch p95", "wait p50", "wait p95");
                f.path("taskTypes").forEach(t -> types.row(t.path("taskType").asText(), t.path("created").asLong(),
                        t.path("completed").asLong(), Formats.decimal(t.path("throughputPerHour"), 1),
                        Formats.percent(t.path("rates").path("success")),
                        Formats.percent(t.path("rates").path("failure")), t.path("deadLettered").asLong(),
                        t.path("cancelled").asLong(),
                        Formats.durationMs(t.path("dispatchLatencyMs").path("p50")),
                        Formats.durationMs(t.path("dispatchLatencyMs").path("p95")),
                        Formats.durationMs(t.path("queueWaitMs").path("p50")),
                        Formats.durationMs(t.path("queueWaitMs").path("p95"))));
                if (!types.isEmpty()) {
                    out.section("Task types");
                    out.table(types);
                }
                JsonNode utilisation = f.path("utilisation");
                Table workers = new Table("worker", "worker id", "attempts", "busy", "utilisation");
                utilisation.path("workers").forEach(w -> workers.row(Formats.text(w.path("workerName")),
                        w.path("workerId").asText(), w.path("attempts").asLong(),
                        Formats.durationMs(w.path("busyMs")), Formats.percent(w.path("utilisation"))));
                if (!workers.isEmpty()) {
                    out.section("Utilisation (average " + Formats.percent(utilisation.path("average")) + ")");
                    out.table(workers);
                }
                if (types.isEmpty() && workers.isEmpty()) {
                    out.line("No activity in this range");
                }
            });
            return ExitCodes.OK;
        }
    }
}
