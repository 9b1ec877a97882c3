package io.aviary.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.Inputs;
import io.aviary.cli.http.Api;
import io.aviary.cli.http.Problems;
import io.aviary.cli.output.Formats;
import io.aviary.cli.output.Output;
import io.aviary.cli.output.Progress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "bulk", mixinStandardHelpOptions = true,
        description = {"Submit many tasks, from a JSON-lines file (one POST /api/v1/tasks body per line) or "
                + "N copies of one task, in batches (POST /api/v1/tasks:batch), with progress (rate, ETA) on "
                + "stderr (ADMIN, MANAGER).",
                "Prints a summary; --output json adds every task id."})
public final class BulkCommand extends ApiCommand {

    /** Tasks the server takes in one request at most. */
    static final int MAX_BATCH = 1_000;
    static final String BATCH = TasksCommand.TASKS + ":batch";

    static final class Source {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "JSON-lines file, - for stdin")
        String file;

        @Option(names = {"-n", "--count"}, paramLabel = "N", description = "submit N tasks of --type")
        Integer count;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-t", "--type"}, defaultValue = "noop", description = "task type with --count "
            + "(default noop)")
    String type;

    @Mixin
    PayloadOptions payload;

    @Option(names = "--concurrency", defaultValue = "4", description = "requests in flight (default 4)")
    int concurrency;

    @Option(names = "--batch-size", defaultValue = "500", paramLabel = "N",
            description = "tasks per request, 1 to 1000 (default 500)")
    int batchSize;

    @Override
    protected int execute(CommandContext context) {
        List<ObjectNode> requests = requests(context);
        if (concurrency < 1) {
            throw CliException.usage("--concurrency must be 1 or more");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw CliException.usage("--batch-size must be between 1 and " + MAX_BATCH);
        }
        Output out = context.output();
        Progress progress = Progress.start(out.err(), context.env().stderrIsTerminal(), "submitting");
        BulkSubmit.Result result = BulkSubmit.run(requests, concurrency, batchSize,
                batch -> submit(context, batch), progress);
        result.errors().entrySet().stream().limit(10).forEach(e ->
                out.note("task " + e.getKey() + " of " + requests.size() + ": " + e.getValue()));
        if (result.errors().size() > 10) {
            out.note("… and " + (result.errors().size() - 10) + " more failures");
        }
        ObjectNode summary = JsonNodeFactory.instance.objectNode()
                .put("requested", requests.size())
                .put("submitted", result.submitted())
                .put("failed", result.failed())
                .put("skipped", result.skipped())
                .put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        ArrayNode ids = summary.putArray("taskIds");
        result.taskIds().forEach(ids::add);
        out.emit(summary, () -> out.line(summaryLine(requests.size(), result)));
        return result.exitCode();
    }

    /** One {@code POST /api/v1/tasks:batch}; each task answered by its own result. */
    private static List<BulkSubmit.Item> submit(CommandContext context, List<ObjectNode> batch) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("tasks").addAll(batch);
        JsonNode answer = context.api().post(Api.COMMAND, BATCH, body);
        List<BulkSubmit.Item> items = new ArrayList<>(batch.size());
        for (JsonNode result : answer.path("results")) {
            int status = result.path("status").asInt(500);
            items.add(status == 202 ? BulkSubmit.Item.submitted(result.path("taskId").asText())
                    : BulkSubmit.Item.refused(status, Problems.line(status, result.toString())));
        }
        return items;
    }

    private List<ObjectNode> requests(CommandContext context) {
        if (source.file != null) {
            var matched = spec.commandLine().getParseResult();
            if (matched.hasMatchedOption("--type") || matched.hasMatchedOption("--payload")
                    || matched.hasMatchedOption("--param")) {
                throw CliException.usage("--type, --payload and --param go with --count; with --file, each line "
                        + "is a whole task");
            }
            String text = Inputs.read(source.file, context.env().stdin());
            return TaskLines.parse(text, "-".equals(source.file) ? "stdin" : source.file);
        }
        if (source.count < 1) {
            throw CliException.usage("--count must be 1 or more");
        }
        List<ObjectNode> requests = new ArrayList<>(source.count);
        ObjectNode template = JsonNodeFactory.instance.objectNode().put("type", type);
        template.set("payload", payload.payload());
        for (int i = 0; i < source.count; i++) {
            requests.add(template.deepCopy());
        }
        return requests;
    }

    private static String summaryLine(int requested, BulkSubmit.Result result) {
        double seconds = Math.max(result.seconds(), 0.001);
        String line = String.format(Locale.ROOT, "Submitted %d of %d tasks in %s (%s)", result.submitted(),
                requested, Formats.durationMs(Math.round(seconds * 1000)),
                Formats.rate(result.submitted() / seconds));
        if (result.failed() > 0) {
            line += ", " + result.failed() + " failed";
        }
        if (result.skipped() > 0) {
            line += ", " + result.skipped() + " not sent after a failure that would repeat";
        }
        return line;
    }
}
