package io.aviary.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.CommandGroup;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.KeyValues;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Tasks: submit one or many, list, inspect, cancel, shuffle.",
        subcommands = {TasksCommand.Submit.class, BulkCommand.class, TasksCommand.ListTasks.class,
                TasksCommand.Show.class, TasksCommand.Cancel.class, TasksCommand.Shuffle.class})
public final class TasksCommand extends CommandGroup {

    static final String TASKS = "/api/v1/tasks";

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Submit a task; prints its id (ADMIN, MANAGER).")
    static final class Submit extends ApiCommand {

        @Option(names = {"-t", "--type"}, required = true, description = "task type, e.g. noop, sleep, http")
        String type;

        @Mixin
        PayloadOptions payload;

        @Option(names = "--priority", description = "higher runs first (default 0)")
        Integer priority;

        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "a label the worker must carry "
                + "(repeatable)")
        Map<String, String> labels;

        @Option(names = "--max-attempts", description = "failed attempts before dead-lettering (default 3)")
        Integer maxAttempts;

        @Option(names = "--timeout-ms", description = "how long one attempt may take (default 60000)")
        Long timeoutMs;

        @Option(names = "--idempotency-key", paramLabel = "KEY",
                description = "submitting the same key again answers the first task's id and creates nothing")
        String idempotencyKey;

        @Override
        protected int execute(CommandContext context) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", type);
            body.set("payload", payload.payload());
            if (priority != null) {
                body.put("priority", priority);
            }
            if (labels != null) {
                ObjectNode required = body.putObject("requiredLabels");
                labels.forEach(required::put);
            }
            if (maxAttempts != null) {
                body.put("maxAttempts", maxAttempts);
            }
            if (timeoutMs != null) {
                body.put("timeoutMs", timeoutMs);
            }
            if (idempotencyKey != null) {
                body.put("idempotencyKey", idempotencyKey);
            }
            JsonNode answer = context.api().post(Api.COMMAND, TASKS, body);
            // taken, but it may wait without end: say so on stderr, the id stays alone on stdout
            answer.path("warnings").forEach(warning -> context.output().note("warning: " + warning.asText()));
            context.output().emit(answer, () -> context.output().line(answer.path("taskId").asText()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Tasks, newest first.")
    static final class ListTasks extends ApiCommand {

        @Option(names = "--status", description = "QUEUED, ASSIGNED, RUNNING, COMPLETED, RETRY_SCHEDULED, "
                + "DEAD_LETTERED or CANCELLED")
        String status;

        @Option(names = {"-t", "--type"}, description = "only this task type")
        String type;

        @Option(names = "--worker", paramLabel = "WORKER", description = "only tasks of this worker (name or id)")
        String worker;

        @Mixin
        PageOptions paging;

        @Override
        protected int execute(CommandContext context) {
            JsonNode page = context.api().get(Api.QUERY, QueryString.path(TASKS).param("status", status)
                    .param("type", type).param("workerId", worker == null ? null : WorkerRef.id(worker))
                    .param("page", paging.page).param("size", paging.size).toString());
            Output out = context.output();
            out.emit(page, () -> {
                Table table = new Table("id", "type", "status", "outcome", "attempt", "worker", "created");
                page.path("items").forEach(t -> table.row(t.path("taskId").asText(), t.path("type").asText(),
                        Formats.text(t.path("status")), Formats.text(t.path("outcome")), t.path("attempt").asInt(),
                        Formats.text(t.path("workerId")), Formats.instant(t.path("createdAt"))));
                if (!table.isEmpty()) {
                    out.table(table);
                }
                out.line(Pages.footer(page, "tasks"));
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A task with its timeline and, while it waits for a worker, why.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "TASK", description = "task id")
        String taskId;

        @Override
        protected int execute(CommandContext context) {
            JsonNode t = context.api().get(Api.QUERY, QueryString.path(TASKS).segment(taskId).toString());
            Output out = context.output();
            out.emit(t, () -> {
                String outcome = t.path("outcome").isTextual() ? " (" + t.path("outcome").asText() + ")" : "";
                Details details = new Details()
                        .add("Task", t.path("taskId").asText())
                        .add("Type", t.path("type").asText())
                        .add("Status", Formats.text(t.path("status")) + outcome);
                // only a task that waits for a worker has a reason; the others get no line
                JsonNode waiting = t.path("waitingReason").path("message");
                if (waiting.isTextual()) {
                    details.add("Waiting", waiting.asText());
                }
                out.details(details
                        .add("Attempt", t.path("attempt").asInt() + " (failures " + t.path("failures").asInt()
                                + " of " + t.path("maxAttempts").asInt() + " allowed)")
                        .add("Worker", Formats.text(t.path("workerId")))
                        .add("Priority", t.path("priority").asInt())
                        .add("Fee / reward", t.path("assignmentFee").asInt() + " / "
                                + t.path("completionReward").asInt())
                        .add("Created", Formats.instant(t.path("createdAt")))
                        .add("Updated", Formats.instant(t.path("updatedAt")))
                        .add("Not before", Formats.instant(t.path("notBefore")))
                        .add("Message", Formats.text(t.path("message")))
                        .add("Payload", Formats.text(t.path("payload")))
                        .add("Output", Formats.text(t.path("output"))));
                Table timeline = new Table("at", "event", "status", "attempt", "worker", "detail");
                t.path("timeline").forEach(e -> timeline.row(Formats.instant(e.path("at")),
                        Formats.text(e.path("event")), Formats.text(e.path("status")),
                        e.path("attempt").isNumber() ? e.path("attempt").asInt() : null,
                        Formats.text(e.path("workerId")), Formats.text(e.path("detail"))));
                if (!timeline.isEmpty()) {
                    out.section("Timeline");
                    out.table(timeline);
                }
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a task that has not finished (ADMIN, MANAGER); 409 (exit 6) if it has.")
    static final class Cancel extends ApiCommand {

        @Parameters(paramLabel = "TASK", description = "task id")
        String taskId;

        @Option(names = "--reason", description = "why, for the task's timeline")
        String reason;

        @Override
        protected int execute(CommandContext context) {
            Map<String, Object> body = reason == null ? Map.of() : Map.of("reason", reason);
            JsonNode answer = context.api().post(Api.COMMAND,
                    QueryString.path(TASKS).segment(taskId).segment("cancel").toString(), body);
            context.output().emit(answer, () -> context.output().line("Cancelled task " + taskId));
            return ExitCodes.OK;
        }
    }

    @Command(name = "shuffle", mixinStandardHelpOptions = true,
            description = "Move every open task that is not running to a random eligible worker (ADMIN, MANAGER).")
    static final class Shuffle extends ApiCommand {

        @Override
        protected int execute(CommandContext context) {
            JsonNode r = context.api().post(Api.COMMAND, TASKS + "/shuffle", null);
            Output out = context.output();
            out.emit(r, () -> {
                out.line(Formats.text(r.path("message")));
                out.details(new Details()
                        .add("Reassigned", r.path("reassigned").asInt())
                        .add("Assigned", r.path("assigned").asInt())
                        .add("Running (stayed)", r.path("skippedRunning").asInt())
                        .add("No eligible worker", r.path("withoutEligibleWorker").asInt())
                        .add("Refused (changed meanwhile)", r.path("rejected").asInt()));
            });
            return ExitCodes.OK;
        }
    }
}
