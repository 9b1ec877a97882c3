package io.aviary.cli.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.CommandGroup;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.http.Api;
import io.aviary.cli.http.ApiClient;
import io.aviary.cli.http.QueryString;
import io.aviary.cli.output.Details;
import io.aviary.cli.output.Formats;
import io.aviary.cli.output.Output;
import io.aviary.cli.output.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "Read models: rebuild one from the start of the event topic, or see how a rebuild stands "
                + "(ADMIN).",
        subcommands = {ProjectionsCommand.Rebuild.class, ProjectionsCommand.Status.class})
public final class ProjectionsCommand extends CommandGroup {

    static final String NAMES = "tasks, workers, worker_queues, accounts, account_audit, billing_cycles, "
            + "analytics_daily, analytics_fleet";
    /** How often a followed rebuild is asked for its progress. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Rebuild a read model into fresh collections and swap them in; the old one serves "
                    + "meanwhile. Follows the progress (a bar with rate and ETA on stderr) until DONE or FAILED.",
                    "Exit 7 when it FAILED; 6 when a rebuild of it is running already."})
    static final class Rebuild extends ApiCommand {

        @Parameters(paramLabel = "NAME", description = "the read model: " + NAMES)
        String name;

        @Option(names = "--no-wait", description = "start it and return at once")
        boolean noWait;

        @Override
        protected int execute(CommandContext context) {
            JsonNode started = context.api().post(Api.PROJECTIONS, path(name).segment("rebuild").toString(), null);
            return noWait ? report(context, started) : follow(context, name);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "How the last rebuild of a read model stands (IDLE, RUNNING, DONE, FAILED).")
    static final class Status extends ApiCommand {

        @Parameters(paramLabel = "NAME", description = "the read model: " + NAMES)
        String name;

        @Option(names = {"-f", "--follow"}, description = "follow a running rebuild until it ends")
        boolean follow;

        @Override
        protected int execute(CommandContext context) {
            return follow ? follow(context, name)
                    : report(context, context.api().get(Api.PROJECTIONS, path(name).toString()));
        }
    }

    private static QueryString path(String name) {
        return QueryString.path("/api/v1/admin/projections").segment(name);
    }

    /** Polls the progress until the rebuild ends, drawing it on stderr; answers the exit code of the end state. */
    static int follow(CommandContext context, String name) {
        ApiClient api = context.api();
        Output out = context.output();
        Progress progress = Progress.start(out.err(), context.env().stderrIsTerminal(), "rebuilding " + name);
        JsonNode state = api.get(Api.PROJECTIONS, path(name).toString());
        while ("RUNNING".equals(state.path("state").asText())) {
            progress.label(label(name, state));
            progress.update(state.path("processed").asLong(), state.path("total").asLong(),
                    state.path("eventsPerSecond").asDouble());
            pause();
            state = api.get(Api.PROJECTIONS, path(name).toString());
        }
        progress.label(label(name, state));
        progress.finish(state.path("processed").asLong(), state.path("total").asLong(),
                state.path("eventsPerSecond").asDouble());
        return report(context, state);
    }

    private static String label(String name, JsonNode state) {
        String phase = state.path("phase").asText("");
        return "rebuilding " + name + (phase.isEmpty() || "null".equals(phase)
                ? "" : " (" + phase.toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
    }

    private static int report(CommandContext context, JsonNode p) {
        Output out = context.output();
        out.emit(p, () -> out.details(new Details()
                .add("Read model", p.path("name").asText())
                .add("State", Formats.text(p.path("state")) + (p.path("phase").isTextual()
                        ? " (" + p.path("phase").asText() + ")" : ""))
                .add("Processed", p.path("processed").asLong() + " of " + p.path("total").asLong() + " offsets")
                .add("Rate", Formats.rate(p.path("eventsPerSecond").asDouble()))
                .add("Started", Formats.instant(p.path("startedAt")))
                .add("Finished", Formats.instant(p.path("finishedAt")))
                .add("Collections", String.join(", ", collections(p)))
                .add("Error", Formats.text(p.path("error")))));
        if ("FAILED".equals(p.path("state").asText())) {
            throw new CliException(ExitCodes.UNAVAILABLE, "The rebuild of " + p.path("name").asText()
                    + " FAILED: " + Formats.text(p.path("error")) + " (the live read model was left as it was)");
        }
        return ExitCodes.OK;
    }

    private static List<String> collections(JsonNode p) {
        List<String> names = new ArrayList<>();
        p.path("collections").forEach(c -> names.add(c.asText()));
        return names;
    }

    /** Waits between two progress polls; a rebuild takes seconds, so twice a second is live enough and cheap. */
    private static void pause() {
        try {
            // The rebuild API has no push channel (no stream of progress): polling is the only way to follow it.
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "Interrupted");
        }
    }
}
