package io.aviary.cli.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.Inputs;
import io.aviary.cli.http.Api;
import io.aviary.cli.output.Formats;
import io.aviary.cli.output.Output;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an AREA from a JSON or YAML file (the POST /api/v1/areas body), or from options; "
                + "prints its id, and for a webhook trigger its URL and secret (shown only this once).",
                "Example: aviary areas create --name site-watch --action http.poll "
                        + "--param url=https://example.org --every 5m --reaction log "
                        + "--reaction-param message=changed"})
public final class AreaCreateCommand extends ApiCommand {

    /** What to do when fire times were missed (the platform was down). */
    enum Misfire { FIRE_ONCE_NOW, SKIP }

    static final class Trigger {
        @Option(names = "--cron", paramLabel = "EXPR",
                description = "fire on this Spring cron expression (6 fields: s m h dom mon dow)")
        String cron;

        @Option(names = "--every", paramLabel = "INTERVAL", description = "fire every INTERVAL (30s, 5m, 2h, "
                + "PT30S; at least 1s)")
        String every;

        @Option(names = "--webhook", description = "fire on each signed POST to the AREA's webhook URL")
        boolean webhook;
    }

    /** One reaction: {@code --reaction TYPE} starts it, the options after it belong to it. */
    static final class Reaction {
        @Option(names = "--reaction", required = true, paramLabel = "TYPE",
                description = "a reaction type (http.post, task.create, log); repeat for several")
        String type;

        @Option(names = "--reaction-param", paramLabel = "KEY=VALUE",
                description = "a parameter of that reaction: key=text or key:=json")
        List<String> params;

        @Option(names = "--when", paramLabel = "CONDITION",
                description = "run that reaction only if this condition on the action's output holds, e.g. "
                        + "\"output.status >= 500\"")
        String condition;

        @Option(names = "--reaction-connection", paramLabel = "NAME", description = "a stored connection it uses")
        String connection;
    }

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "the definition (JSON or YAML), - "
            + "for stdin; only --name may be given with it (it replaces the file's)")
    String file;

    @Option(names = "--name", description = "the AREA's name")
    String name;

    @Option(names = "--action", paramLabel = "TYPE", description = "action type: http.poll, webhook.received, "
            + "timer.tick")
    String actionType;

    @Option(names = "--service", description = "the action's service (default: the type's prefix, e.g. http)")
    String service;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "an action parameter: key=text or "
            + "key:=json (repeatable)")
    List<String> params;

    @Option(names = "--connection", paramLabel = "NAME", description = "a stored connection the action uses")
    String connection;

    @ArgGroup(exclusive = true)
    Trigger trigger;

    @Option(names = "--zone", defaultValue = "UTC", description = "time zone of --cron (default UTC)")
    String zone;

    @Option(names = "--misfire", description = "after missed fire times: FIRE_ONCE_NOW or SKIP")
    Misfire misfire;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Reaction> reactions;

    @Option(names = "--max-attempts", description = "attempts of each action/reaction task (default 3)")
    Integer maxAttempts;

    @Option(names = "--initial-backoff-ms", description = "first retry delay (default 500)")
    Long initialBackoffMs;

    @Option(names = "--backoff-multiplier", description = "retry delay growth (default 2.0)")
    Double multiplier;

    @Option(names = "--max-backoff-ms", description = "longest retry delay (default 60000)")
    Long maxBackoffMs;

    @Override
    protected int execute(CommandContext context) {
        ObjectNode body = file != null ? fromFile(context) : fromOptions();
        JsonNode answer = context.api().post(Api.COMMAND, AreasCommand.AREAS, body);
        Output out = context.output();
        out.emit(answer, () -> {
            out.line(answer.path("areaId").asText());
            JsonNode webhook = answer.path("webhook");
            if (webhook.isObject()) {
                out.line("Webhook URL:    " + Formats.text(webhook.path("url")));
                out.line("Webhook secret: " + Formats.text(webhook.path("secret")));
                out.note("The secret is shown only now: keep it where the sender can use it.");
            }
        });
        return ExitCodes.OK;
    }

    ObjectNode fromFile(CommandContext context) {
        if (actionType != null || service != null || params != null || connection != null || trigger != null
                || misfire != null || reactions != null || maxAttempts != null || initialBackoffMs != null
                || multiplier != null || maxBackoffMs != null) {
            throw CliException.usage("Give the definition either in --file or as options, not both "
                    + "(only --name may override the file's)");
        }
        ObjectNode body = AreaDefinition.parse(Inputs.read(file, context.env().stdin()),
                "-".equals(file) ? "stdin" : file);
        if (name != null) {
            body.put("name", name);
        }
        return body;
    }

    ObjectNode fromOptions() {
        if (name == null || actionType == null || trigger == null) {
            throw CliException.usage("Without --file, give --name, --action and one of --cron, --every, "
                    + "--webhook");
        }
        String misfireName = misfire == null ? null : misfire.name();
        ObjectNode triggerNode;
        if (trigger.cron != null) {
            triggerNode = AreaDefinition.cron(trigger.cron, zone, misfireName);
        } else if (trigger.every != null) {
            triggerNode = AreaDefinition.interval(Intervals.millis(trigger.every), misfireName);
        } else {
            triggerNode = AreaDefinition.webhook();
        }
        List<ObjectNode> reactionNodes = new ArrayList<>();
        if (reactions != null) {
            reactions.forEach(r -> reactionNodes.add(AreaDefinition.reaction(r.type, r.params, r.condition,
                    r.connection)));
        }
        return AreaDefinition.of(name, AreaDefinition.action(actionType, service, params, connection),
                triggerNode, reactionNodes,
                AreaDefinition.retryPolicy(maxAttempts, initialBackoffMs, multiplier, maxBackoffMs));
    }
}
