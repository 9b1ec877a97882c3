package io.aviary.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.CliException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines file of task requests: one {@code POST /api/v1/tasks} body per line
 * ({@code {"type":"sleep","payload":{"millis":500}}}); blank lines are skipped. Every line is checked before
 * anything is submitted, so a typo on line 900 does not leave 899 tasks behind.
 */
final class TaskLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskLines() {
    }

    static List<ObjectNode> parse(String text, String source) {
        List<ObjectNode> requests = new ArrayList<>();
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw CliException.usage(source + " line " + (i + 1) + ": not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw CliException.usage(source + " line " + (i + 1) + ": expected a JSON object");
            }
            if (!node.path("type").isTextual() || node.path("type").asText().isBlank()) {
                throw CliException.usage(source + " line " + (i + 1) + ": \"type\" is missing");
            }
            requests.add((ObjectNode) node);
        }
        if (requests.isEmpty()) {
            throw CliException.usage(source + " holds no task");
        }
        return requests;
    }
}
