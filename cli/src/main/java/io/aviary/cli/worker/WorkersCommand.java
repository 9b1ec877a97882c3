package io.aviary.cli.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.cli.ApiCommand;
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
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

@Command(name = "workers", mixinStandardHelpOptions = true, description = "The fleet: list, inspect, drain.",
        subcommands = {WorkersCommand.ListWorkers.class, WorkersCommand.Show.class, WorkersCommand.Drain.class})
public final class WorkersCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Workers, sorted by name (ADMIN, MANAGER).")
    static final class ListWorkers extends ApiCommand {

        @Option(names = "--state", description = "only in this state (AVAILABLE, WORKING, DRAINING, UPDATING, DOWN, "
                + "DEREGISTERED)")
        String state;

        @Option(names = "--name", description = "only the worker of this exact name")
        String name;

        @Option(names = "--task-type", description = "only workers accepting this task type")
        String taskType;

        @Mixin
        PageOptions paging;

        @Override
        protected int execute(CommandContext context) {
            JsonNode page = context.api().get(Api.QUERY, QueryString.path("/api/v1/workers")
                    .param("state", state).param("name", name).param("taskType", taskType)
                    .param("page", paging.page).param("size", paging.size).toString());
            Output out = context.output();
            out.emit(page, () -> {
                Table table = new Table("name", "id", "state", "slots", "max queue", "task types", "updated");
                page.path("items").forEach(w -> table.row(w.path("name").asText(), w.path("workerId").asText(),
                        Formats.text(w.path("state")), w.path("slots").asInt(), w.path("maxQueue").asInt(),
                        join(w.path("taskTypes")), Formats.instant(w.path("updatedAt"))));
                if (!table.isEmpty()) {
                    out.table(table);
                }
                out.line(Pages.footer(page, "workers"));
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A worker, with the last finished task of each type it accepts.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "WORKER", description = "worker name or id")
        String worker;

        @Override
        protected int execute(CommandContext context) {
            JsonNode w = context.api().get(Api.QUERY, QueryString.path("/api/v1/workers")
                    .segment(WorkerRef.id(worker)).toString());
            Output out = context.output();
            out.emit(w, () -> {
                out.details(new Details()
                        .add("Name", w.path("name").asText())
                        .add("Id", w.path("workerId").asText())
                        .add("State", Formats.text(w.path("state")) + reason(w))
                        .add("Slots", w.path("slots").asInt())
                        .add("Max queue", w.path("maxQueue").asInt())
                        .add("Task types", join(w.path("taskTypes")))
                        .add("Labels", labels(w.path("labels")))
                        .add("Hardware", Formats.text(w.path("hardwareId")))
                        .add("Registered", Formats.instant(w.path("registeredAt")))
                        .add("Updated", Formats.instant(w.path("updatedAt"))));
                Table outcomes = new Table("task type", "last task", "outcome", "at");
                for (Map.Entry<String, JsonNode> type : w.path("lastOutcomes").properties()) {
                    JsonNode last = type.getValue();
                    outcomes.row(type.getKey(), Formats.text(last.path("taskId")), Formats.text(last.path("outcome")),
                            Formats.instant(last.path("at")));
                }
                if (!outcomes.isEmpty()) {
                    out.section("Last outcomes");
                    out.table(outcomes);
                }
            });
            return ExitCodes.OK;
        }

        private static String reason(JsonNode w) {
            String reason = w.path("stateReason").asText("");
            return reason.isBlank() ? "" : " (" + reason + ")";
        }
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = "Drain a worker: it finishes what it holds and gets nothing new (ADMIN, MANAGER).")
    static final class Drain extends ApiCommand {

        @Parameters(paramLabel = "WORKER", description = "worker name or id")
        String worker;

        @Option(names = "--reason", description = "why, for the worker's history")
        String reason;

        @Override
        protected int execute(CommandContext context) {
            String id = WorkerRef.id(worker);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("state", "DRAINING");
            if (reason != null) {
                body.put("reason", reason);
            }
            JsonNode answer = context.api().put(Api.COMMAND,
                    QueryString.path("/api/v1/workers").segment(id).segment("state").toString(), body);
            context.output().emit(answer, () -> context.output().line("Draining worker " + worker
                    + (worker.equals(id) ? "" : " (" + id + ")")
                    + ": it finishes its tasks and takes no new ones"));
            return ExitCodes.OK;
        }
    }

    static String join(JsonNode array) {
        StringJoiner joined = new StringJoiner(",");
        array.forEach(v -> joined.add(v.asText()));
        return joined.length() == 0 ? Formats.NONE : joined.toString();
    }

    static String labels(JsonNode labels) {
        StringJoiner joined = new StringJoiner(",");
        labels.properties().forEach(e -> joined.add(e.getKey() + "=" + e.getValue().asText()));
        return joined.length() == 0 ? Formats.NONE : joined.toString();
    }
}
