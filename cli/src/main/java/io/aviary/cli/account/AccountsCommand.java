package io.aviary.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CommandContext;
import io.aviary.cli.CommandGroup;
import io.aviary.cli.DateOptions;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.PageOptions;
import io.aviary.cli.http.Api;
import io.aviary.cli.http.QueryString;
import io.aviary.cli.output.Details;
import io.aviary.cli.output.Formats;
import io.aviary.cli.output.Output;
import io.aviary.cli.output.Pages;
import io.aviary.cli.output.Table;
import io.aviary.cli.worker.WorkerRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Workers' accounts: balances and the audit log of every money movement.",
        subcommands = {AccountsCommand.ListAccounts.class, AccountsCommand.Show.class, AccountsCommand.Audit.class})
public final class AccountsCommand extends CommandGroup {

    private static final String ACCOUNTS = "/api/v1/accounts";

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every account with its balance (ACCOUNTANT, ADMIN).")
    static final class ListAccounts extends ApiCommand {

        @Mixin
        PageOptions paging;

        @Override
        protected int execute(CommandContext context) {
            JsonNode page = context.api().get(Api.QUERY, QueryString.path(ACCOUNTS).param("page", paging.page)
                    .param("size", paging.size).toString());
            Output out = context.output();
            out.emit(page, () -> {
                Table table = new Table("worker", "worker id", "balance", "charged", "credited", "paid out",
                        "movements", "last closed");
                page.path("items").forEach(a -> table.row(Formats.text(a.path("workerName")),
                        a.path("workerId").asText(), a.path("balance").asLong(),
                        a.path("totals").path("charged").asLong(), a.path("totals").path("credited").asLong(),
                        a.path("totals").path("paidOut").asLong(), a.path("movements").asLong(),
                        Formats.text(a.path("lastClosedCycle"))));
                if (!table.isEmpty()) {
                    out.table(table);
                }
                out.line(Pages.footer(page, "accounts"));
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A worker's account (ACCOUNTANT, ADMIN; a WORKER their own).")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "WORKER", description = "worker name or id")
        String worker;

        @Override
        protected int execute(CommandContext context) {
            JsonNode a = context.api().get(Api.QUERY, QueryString.path(ACCOUNTS).segment(WorkerRef.id(worker))
                    .toString());
            context.output().emit(a, () -> context.output().details(new Details()
                    .add("Worker", Formats.text(a.path("workerName")) + " (" + a.path("workerId").asText() + ")")
                    .add("Account", a.path("accountId").asText())
                    .add("Balance", a.path("balance").asLong())
                    .add("Charged", a.path("totals").path("charged").asLong())
                    .add("Credited", a.path("totals").path("credited").asLong())
                    .add("Paid out", a.path("totals").path("paidOut").asLong())
                    .add("Movements", a.path("movements").asLong())
                    .add("Opened", Formats.instant(a.path("openedAt")))
                    .add("Last movement", Formats.instant(a.path("lastMovementAt")))
                    .add("Last closed cycle", Formats.text(a.path("lastClosedCycle")))));
            return ExitCodes.OK;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Every movement of a worker's account, newest first (ACCOUNTANT, ADMIN; a WORKER their "
                    + "own).")
    static final class Audit extends ApiCommand {

        @Parameters(paramLabel = "WORKER", description = "worker name or id")
        String worker;

        @Mixin
        DateOptions dates;

        @Mixin
        PageOptions paging;

        @Override
        protected int execute(CommandContext context) {
            JsonNode page = context.api().get(Api.QUERY, QueryString.path(ACCOUNTS).segment(WorkerRef.id(worker))
                    .segment("audit").param("from", dates.from).param("to", dates.to)
                    .param("page", paging.page).param("size", paging.size).toString());
            Output out = context.output();
            out.emit(page, () -> {
                Table table = new Table("at", "kind", "amount", "reason", "task", "attempt", "balance after",
                        "cycle");
                page.path("items").forEach(m -> table.row(Formats.instant(m.path("at")), m.path("kind").asText(),
                        m.path("amount").asLong(), Formats.text(m.path("reason")), Formats.text(m.path("taskId")),
                        m.path("attempt").isNumber() ? m.path("attempt").asInt() : null,
                        m.path("balanceAfter").isNumber() ? m.path("balanceAfter").asLong() : null,
                        Formats.text(m.path("cycleDate"))));
                if (!table.isEmpty()) {
                    out.table(table);
                }
                out.line(Pages.footer(page, "movements"));
            });
            return ExitCodes.OK;
        }
    }
}
