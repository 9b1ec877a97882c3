package io.aviary.cli.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.CommandGroup;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.PageOptions;
import io.aviary.cli.http.Api;
import io.aviary.cli.http.QueryString;
import io.aviary.cli.output.Details;
import io.aviary.cli.output.Formats;
import io.aviary.cli.output.Output;
import io.aviary.cli.output.Pages;
import io.aviary.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.Map;

@Command(name = "billing", mixinStandardHelpOptions = true, description = "Billing cycles: close a day, show one.",
        subcommands = {BillingCommand.Close.class, BillingCommand.Show.class})
public final class BillingCommand extends CommandGroup {

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = {"Close a day's billing cycle for every account: positive balances are paid out, "
                    + "negative ones carry over. Closing a day again changes nothing (ACCOUNTANT, ADMIN).",
                    "Exit 7 when some accounts failed to close: run it again to retry them."})
    static final class Close extends ApiCommand {

        @Option(names = "--date", paramLabel = "DAY",
                description = "the day to close, e.g. 2026-01-30 (default: yesterday in the billing zone)")
        LocalDate date;

        @Override
        protected int execute(CommandContext context) {
            Object body = date == null ? null : Map.of("date", date.toString());
            JsonNode r = context.api().post(Api.COMMAND, "/api/v1/billing-cycles/close", body);
            Output out = context.output();
            out.emit(r, () -> out.line("Closed the billing cycle of " + r.path("date").asText() + ": "
                    + r.path("accounts").asInt() + " accounts, " + r.path("closed").asInt() + " closed now, "
                    + r.path("failed").asInt() + " failed"));
            if (r.path("failed").asInt() > 0) {
                throw new CliException(ExitCodes.UNAVAILABLE, r.path("failed").asInt()
                        + " accounts failed to close (see the command-side log); closing again retries them");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A closed cycle: each account's balance at the close and its payout (ACCOUNTANT, ADMIN).")
    static final class Show extends ApiCommand {

        @Option(names = "--date", paramLabel = "DAY", required = true, description = "the cycle's day")
        LocalDate date;

        @Mixin
        PageOptions paging;

        @Override
        protected int execute(CommandContext context) {
            JsonNode c = context.api().get(Api.QUERY, QueryString.path("/api/v1/billing-cycles")
                    .param("date", date).param("page", paging.page).param("size", paging.size).toString());
            Output out = context.output();
            out.emit(c, () -> {
                out.details(new Details()
                        .add("Date", c.path("date").asText())
                        .add("Closed", Formats.instant(c.path("closedAt")))
                        .add("Accounts closed", c.path("accountsClosed").asLong())
                        .add("Negative balances", c.path("negativeBalances").asLong())
                        .add("Paid out", c.path("paidOut").asLong()));
                Table table = new Table("worker", "worker id", "balance", "payout", "closed", "paid");
                c.path("items").forEach(a -> table.row(Formats.text(a.path("workerName")),
                        a.path("workerId").asText(), a.path("balance").isNumber() ? a.path("balance").asLong() : null,
                        a.path("payout").isNumber() ? a.path("payout").asLong() : null,
                        Formats.instant(a.path("closedAt")), Formats.instant(a.path("paidAt"))));
                if (!table.isEmpty()) {
                    out.section("Accounts");
                    out.table(table);
                }
                out.line(Pages.footer(c, "accounts"));
            });
            return ExitCodes.OK;
        }
    }
}
