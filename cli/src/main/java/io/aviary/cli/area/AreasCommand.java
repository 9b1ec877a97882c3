package io.aviary.cli.area;

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


@Command(name = "areas", mixinStandardHelpOptions = true,
        description = "AREA automations (an action, its trigger, reactions): create, list, inspect, executions, "
                + "pause, resume (ADMIN, MANAGER).",
        subcommands = {AreaCreateCommand.class, AreasCommand.ListAreas.class, AreasCommand.Show.class,
                AreasCommand.Executions.class, AreasCommand.Pause.class, AreasCommand.Resume.class})
public final class AreasCommand extends CommandGroup {

    static final String AREAS = "/api/v1/areas";

    @Command(name = "list", mixinStandardHelpOptions = true, description = "AREAs, newest first, with state and "
            + "fire times.")
    static final class ListAreas extends ApiCommand {

        @Option(names = "--state", description = "only in this state: ACTIVE, PAUSED or DELETED")
        String state;

        @Mixin
        PageOptions paging;

        @Override
        protected int execute(CommandContext context) {
            JsonNode page = context.api().get(Api.QUERY, QueryString.path(AREAS).param("state", state)
                    .param("page", paging.page).param("size", paging.size).toString());
            Output out = context.output();
            out.emit(page, () -> {
                Table table = new Table("id", "name", "state", "action", "trigger", "version", "executions",
                        "last status", "next fire");
                page.path("items").forEach(a -> table.row(a.path("areaId").asText(), Formats.text(a.path("name")),
                        Formats.text(a.path("state")), Formats.text(AreaViews.actionType(a)), AreaViews.triggerKind(a),
                        a.path("version").isNumber() ? a.path("version").asInt() : null,
                        a.path("executions").isNumber() ? a.path("executions").asLong() : null,
                        Formats.text(a.path("lastExecution").path("status")), Formats.instant(a.path("nextFireAt"))));
                if (!table.isEmpty()) {
                    out.table(table);
                }
                out.line(Pages.footer(page, "AREAs"));
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "An AREA's current definition and state.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "AREA", description = "AREA id")
        String areaId;

        @Override
        protected int execute(CommandContext context) {
            JsonNode a = context.api().get(Api.QUERY, QueryString.path(AREAS).segment(areaId).toString());
            Output out = context.output();
            out.emit(a, () -> {
                JsonNode action = a.path("action");
                JsonNode last = a.path("lastExecution");
                out.details(new Details()
                        .add("AREA", a.path("areaId").asText(areaId))
                        .add("Name", Formats.text(a.path("name")))
                        .add("Owner", Formats.text(a.path("owner")))
                        .add("State", Formats.text(a.path("state")))
                        .add("Version", Formats.text(a.path("version")))
                        .add("Action", Formats.text(action.path("service")) + " / "
                                + Formats.text(action.path("type")) + " " + Formats.text(action.path("params"))
                                + (action.path("connection").isTextual()
                                ? " (connection " + action.path("connection").asText() + ")" : ""))
                        .add("Trigger", AreaViews.trigger(a.path("trigger")))
                        .add("Retry", AreaViews.retry(a.path("retryPolicy")))
                        .add("Webhook URL", Formats.text(a.path("webhook").path("url")))
                        .add("Last fire", Formats.instant(a.path("lastFireAt")))
                        .add("Next fire", Formats.instant(a.path("nextFireAt")))
                        .add("Executions", Formats.text(a.path("executions")))
                        .add("Last execution", last.isObject() ? Formats.text(last.path("status")) + " at "
                                + Formats.instant(last.path("firedAt")) : Formats.NONE));
                Table reactions = new Table("#", "type", "when", "params", "connection");
                int[] position = {0};
                a.path("reactions").forEach(r -> reactions.row(
                        r.path("index").isNumber() ? r.path("index").asInt() : position[0],
                        Formats.text(r.path("type")), Formats.text(r.path("condition")),
                        Formats.text(r.path("params")), Formats.text(r.path("connection"))));
                if (!reactions.isEmpty()) {
                    out.section("Reactions");
                    out.table(reactions);
                }
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "executions", mixinStandardHelpOptions = true,
            description = "An AREA's executions, newest first: action and reactions with outcome and duration.")
    static final class Executions extends ApiCommand {

        @Parameters(paramLabel = "AREA", description = "AREA id")
        String areaId;

        @Mixin
        PageOptions paging;

        @Override
        protected int execute(CommandContext context) {
            JsonNode page = context.api().get(Api.QUERY, QueryString.path(AREAS).segment(areaId)
                    .segment("executions").param("page", paging.page).param("size", paging.size).toString());
            Output out = context.output();
            out.emit(page, () -> {
                Table table = new Table("#", "execution", "version", "source", "fired", "status", "action",
                        "reactions", "duration");
                page.path("items").forEach(e -> table.row(
                        e.path("number").isNumber() ? e.path("number").asLong() : null, e.path("executionId").asText(),
                        e.path("version").isNumber() ? e.path("version").asInt() : null,
                        Formats.text(e.path("source")), Formats.instant(e.path("firedAt")),
                        Formats.text(e.path("status")), AreaViews.action(e.path("action")),
                        AreaViews.reactions(e), Formats.durationMs(e.path("durationMs"))));
                if (!table.isEmpty()) {
                    out.table(table);
                }
                out.line(Pages.footer(page, "executions"));
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop an AREA firing until resumed.")
    static final class Pause extends ApiCommand {

        @Parameters(paramLabel = "AREA", description = "AREA id")
        String areaId;

        @Override
        protected int execute(CommandContext context) {
            return change(context, areaId, "pause", "Paused");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused AREA fire again.")
    static final class Resume extends ApiCommand {

        @Parameters(paramLabel = "AREA", description = "AREA id")
        String areaId;

        @Override
        protected int execute(CommandContext context) {
            return change(context, areaId, "resume", "Resumed");
        }
    }

    private static int change(CommandContext context, String areaId, String verb, String done) {
        JsonNode answer = context.api().post(Api.COMMAND, QueryString.path(AREAS).segment(areaId).segment(verb)
                .toString(), null);
        context.output().emit(answer, () -> context.output().line(done + " AREA " + areaId));
        return ExitCodes.OK;
    }
}
