package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.events.user.Role;
import io.aviary.reliability.Figures;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile data that is valid input: injection strings and Mongo operators as task types, payload keys and values,
 * label keys, idempotency keys, worker labels and AREA names. The command side may accept it (it is only data);
 * then it must come out of the read models exactly as it went in, a filter on it must match it literally (an
 * operator in a query parameter is a string, not a query), and the projections must keep going. Expression
 * injection in AREA conditions is refused, and nothing ever evaluates an injected command (the canary file).
 */
class InjectedDataTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void hostile_but_valid_data_comes_out_of_the_read_models_verbatim_and_filters_match_it_literally() {
        Attackers attackers = Attackers.get();
        List<String[]> manager = attackers.as(Role.MANAGER).headers();
        List<String> values = new ArrayList<>(Hostile.STRINGS);
        values.add("{\"$ne\": null}");
        values.add(".*");
        Map<String, ObjectNode> sent = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        int refused = 0;

        // when a manager submits a task per hostile string, with operators and dotted keys in its payload
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String type = "attack-" + attackers.run() + "-" + i + "-" + value;
            ObjectNode payload = hostilePayload(value);
            ObjectNode body = NODES.objectNode();
            body.put("type", type.length() > 200 ? type.substring(0, 200) : type);
            body.set("payload", payload);
            body.putObject("requiredLabels").put("$where", value.isBlank() ? "x" : value).put("a.b", "c");
            body.put("idempotencyKey", "attack-" + attackers.run() + "-" + i + value.substring(0, Math.min(100,
                    value.length())));
            RawHttp.Response answer = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/tasks", body,
                    manager);
            assertThat(answer.status()).as("%s: %s", value, answer.abbreviated()).isIn(202, 400);
            if (answer.status() == 202) {
                sent.put(answer.json().path("taskId").asText(), payload);
                types.put(answer.json().path("taskId").asText(), body.path("type").asText());
            } else {
                assertThat(answer.problemViolation()).isNull();
                refused++;
            }
        }
        // and an admin registers a worker whose labels are operators and dotted keys
        String workerName = "attack-labels-" + attackers.run();
        Map<String, String> labels = Map.of("$where", "sleep(1000)", "a.b", "{\"$gt\": \"\"}", "$gt", "");
        RawHttp.Response worker = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/workers",
                Map.of("name", workerName, "hardwareId", "attack-hw-labels-" + attackers.run(), "slots", 1,
                        "maxQueue", 0, "taskTypes", List.of("attack-never-" + attackers.run()), "labels", labels),
                attackers.as(Role.ADMIN).headers());
        assertThat(worker.status()).as(worker.abbreviated()).isEqualTo(202);
        String workerId = worker.json().path("workerId").asText();

        // then every accepted task reads back exactly as sent, and a filter by its type finds it and only it
        assertThat(sent).as("accepted hostile tasks").hasSizeGreaterThan(values.size() / 2);
        for (Map.Entry<String, ObjectNode> task : sent.entrySet()) {
            JsonNode read = await("task " + task.getKey() + " in the read model").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> Calls.query("/api/v1/tasks/" + task.getKey(), manager),
                            answer -> answer.status() == 200).json();
            assertThat(read.path("payload")).as("payload of %s", types.get(task.getKey())).isEqualTo(task.getValue());
            assertThat(read.path("type").asText()).isEqualTo(types.get(task.getKey()));
            RawHttp.Response filtered = Calls.query("/api/v1/tasks?type="
                    + URLEncoder.encode(types.get(task.getKey()), StandardCharsets.UTF_8), manager);
            assertThat(filtered.status()).isEqualTo(200);
            assertThat(filtered.json().path("items").findValuesAsText("taskId")).containsExactly(task.getKey());
        }
        JsonNode readWorker = await("the worker in the read model").atMost(Duration.ofSeconds(60))
                .until(() -> Calls.query("/api/v1/workers/" + workerId, manager), a -> a.status() == 200).json();
        assertThat(readWorker.path("labels")).isEqualTo(Calls.JSON.valueToTree(labels));
        for (String operator : List.of("{\"$ne\":null}", "{\"$gt\":\"\"}", ".*", "{\"$regex\":\".*\"}")) {
            RawHttp.Response byName = Calls.query("/api/v1/workers?name=" + URLEncoder.encode(operator,
                    StandardCharsets.UTF_8), manager);
            assertThat(byName.status()).isEqualTo(200);
            assertThat(byName.json().path("total").asLong()).as("workers named %s", operator).isZero();
        }

        // and expressions that reach for Java are refused in AREA conditions; nothing ran them anywhere
        int conditionsRefused = 0;
        for (String condition : List.of("T(java.lang.Runtime).getRuntime().exec('touch " + Hostile.canary() + "')",
                "new java.io.File('" + Hostile.canary() + "').createNewFile()", "#this.getClass().forName('x')",
                "''.getClass().forName('java.lang.Runtime')", "@environment.getProperty('x')",
                "#{T(java.lang.System).exit(1)}")) {
            RawHttp.Response area = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/areas",
                    Map.of("name", "attack-condition", "action", Map.of("service", "attack", "type",
                                    "webhook.received"), "trigger", Map.of("kind", "WEBHOOK"),
                            "reactions", List.of(Map.of("type", "log", "params", Map.of("message", "{{7*7}}"),
                                    "condition", condition))), manager);
            assertThat(area.status()).as("condition %s: %s", condition, area.abbreviated()).isEqualTo(400);
            assertThat(area.problemViolation()).isNull();
            conditionsRefused++;
        }
        assertThat(Path.of(Hostile.canary())).doesNotExist();
        Figures.of("attack: hostile data round trip").put("tasks accepted", sent.size()).put("refused", refused)
                .put("read back verbatim", sent.size()).put("injected conditions refused", conditionsRefused).report();

        // cleanup: no task waits forever, the worker goes
        sent.keySet().forEach(id -> Calls.command(InetAddress.getLoopbackAddress(), "POST",
                "/api/v1/tasks/" + id + "/cancel", Map.of("reason", "end of test"), manager));
        Calls.command(InetAddress.getLoopbackAddress(), "DELETE", "/api/v1/workers/" + workerId, null, manager);
    }

    private static ObjectNode hostilePayload(String value) {
        ObjectNode payload = NODES.objectNode();
        payload.put("value", value);
        if (!value.isEmpty()) {
            payload.put(value, "as a key");
        }
        payload.putObject("$where").put("$gt", "");
        payload.putNull("$ne");
        payload.put("a.b.c", 1);
        payload.putObject("nested").put("x.y", "{\"$in\": []}").putArray("$in").add(value);
        payload.putObject("__proto__").put("polluted", true);
        payload.putArray("list").addObject().put("$regex", ".*");
        return payload;
    }
}
