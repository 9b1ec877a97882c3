package io.aviary.cli.task;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.KeyValues;
import picocli.CommandLine.Option;

import java.util.List;

/** The payload options shared by {@code submit} and {@code bulk --count}. */
final class PayloadOptions {

    @Option(names = "--payload", paramLabel = "JSON", description = "the payload, a JSON object")
    String payload;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
            description = "a payload field: key=text or key:=json (repeatable; over --payload)")
    List<String> params;

    ObjectNode payload() {
        ObjectNode object = payload == null ? JsonNodeFactory.instance.objectNode()
                : KeyValues.object(payload, "--payload");
        object.setAll(KeyValues.parse(params, "--param"));
        return object;
    }
}
