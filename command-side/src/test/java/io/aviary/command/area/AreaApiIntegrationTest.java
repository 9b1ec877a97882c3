package io.aviary.command.area;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.Areas;
import io.aviary.command.support.TestApi;
import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.TriggerKind;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AREA command API on the running application: definitions become versioned events, invalid ones are 400
 * naming the field, and the life cycle (pause, resume, delete) follows the AREA's rules.
 */
class AreaApiIntegrationTest extends CommandSideIntegrationTest {

    /** Never due while a test runs: 03:00 on the 1st of January. */
    private static final String RARELY = "0 0 3 1 1 *";

    @Autowired
    private EventStore eventStore;

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return api().post(path, body, api().adminToken());
    }

    private ResponseEntity<JsonNode> delete(String path) {
        return api().exchange(HttpMethod.DELETE, path, null, TestApi.bearer(api().adminToken()));
    }

    private static List<String> fields(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().toString()).contains("problem+json");
        List<String> fields = new java.util.ArrayList<>();
        answer.getBody().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    @Test
    void a_definition_becomes_version_one_owned_by_its_author() {
        ResponseEntity<JsonNode> answer = post("/api/v1/areas",
                Areas.cron("nightly", RARELY, List.of(Areas.log(null), Areas.log("false"))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String areaId = answer.getBody().get("areaId").asText();
        assertThat(answer.getBody().get("version").asInt()).isEqualTo(1);
        assertThat(answer.getBody().has("webhook")).isFalse();
        assertThat(answer.getHeaders().getLocation()).hasToString("http://localhost:8081/api/v1/areas/" + areaId);
        assertThat(Areas.events(eventStore, areaId)).singleElement().isInstanceOfSatisfying(AreaScheduled.class,
                scheduled -> {
                    assertThat(scheduled.owner()).isEqualTo("admin");
                    assertThat(scheduled.trigger().kind()).isEqualTo(TriggerKind.CRON);
                    assertThat(scheduled.trigger().zone()).isEqualTo("Europe/Paris");
                    assertThat(scheduled.trigger().misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE_NOW);
                    assertThat(scheduled.reactions()).hasSize(2);
                    assertThat(scheduled.retryPolicy().maxAttempts()).isEqualTo(2);
                    assertThat(scheduled.hookId()).isNull();
                });
        delete("/api/v1/areas/" + areaId);
    }

    @Test
    void an_invalid_definition_is_400_naming_each_field() {
        Map<String, Object> badCron = Areas.cron("x", "61 * * * * *", List.of());
        Map<String, Object> badZone = new LinkedHashMap<>(Areas.cron("x", RARELY, List.of()));
        badZone.put("trigger", Map.of("kind", "CRON", "cron", RARELY, "zone", "Europe/Atlantis"));
        Map<String, Object> shortInterval = new LinkedHashMap<>(Areas.cron("x", RARELY, List.of()));
        shortInterval.put("trigger", Map.of("kind", "INTERVAL", "intervalMs", 500));
        Map<String, Object> unknownTypes = new LinkedHashMap<>(Areas.cron("x", RARELY,
                List.of(Map.of("type", "sms"))));
        unknownTypes.put("action", Map.of("service", "clock", "type", "shell"));
        Map<String, Object> badConditions = Areas.cron("x", RARELY, List.of(Areas.log("output.status == 200"),
                Areas.log("T(java.lang.Runtime).getRuntime().exec('id')"), Areas.log("output.toString() == ''"),
                Areas.log("output.a == 1 and ".repeat(40) + "true")));
        Map<String, Object> missingName = new LinkedHashMap<>(Areas.cron("x", RARELY, List.of()));
        missingName.remove("name");

        assertThat(fields(post("/api/v1/areas", badCron))).containsExactly("trigger.cron");
        assertThat(fields(post("/api/v1/areas", badZone))).containsExactly("trigger.zone");
        assertThat(fields(post("/api/v1/areas", shortInterval))).containsExactly("trigger.intervalMs");
        assertThat(fields(post("/api/v1/areas", unknownTypes))).containsExactly("action.type", "reactions[0].type");
        assertThat(fields(post("/api/v1/areas", badConditions)))
                .containsExactly("reactions[1].condition", "reactions[2].condition", "reactions[3].condition");
        assertThat(fields(post("/api/v1/areas", missingName))).containsExactly("name");
        assertThat(post("/api/v1/areas", "{\"name\":").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void updates_are_new_versions_and_the_life_cycle_follows_the_areas_rules() {
        String areaId = Areas.create(api(), Areas.cron("v1", RARELY, List.of())).get("areaId").asText();

        ResponseEntity<JsonNode> updated = api().exchange(HttpMethod.PUT, "/api/v1/areas/" + areaId,
                Areas.cron("v2", RARELY, List.of(Areas.log(null))), TestApi.bearer(api().adminToken()));
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(updated.getBody().get("version").asInt()).isEqualTo(2);
        assertThat(post("/api/v1/areas/" + areaId + "/pause", null).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("/api/v1/areas/" + areaId + "/pause", null).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("/api/v1/areas/" + areaId + "/resume", null).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("/api/v1/areas/" + areaId + "/webhook/rotate", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(delete("/api/v1/areas/" + areaId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("/api/v1/areas/" + areaId + "/resume", null).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        assertThat(Areas.events(eventStore, areaId)).extracting(Object::getClass).containsExactly(
                AreaScheduled.class, AreaUpdated.class, AreaPaused.class, AreaResumed.class, AreaDeleted.class);
    }

    @Test
    void a_trigger_cannot_become_a_webhook_and_an_unknown_area_is_404() {
        String areaId = Areas.create(api(), Areas.cron("cron", RARELY, List.of())).get("areaId").asText();

        ResponseEntity<JsonNode> toWebhook = api().exchange(HttpMethod.PUT, "/api/v1/areas/" + areaId,
                Areas.webhook("hook", "github"), TestApi.bearer(api().adminToken()));
        ResponseEntity<JsonNode> unknown = post("/api/v1/areas/" + java.util.UUID.randomUUID() + "/pause", null);

        assertThat(toWebhook.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("detail").asText()).startsWith("No AREA with id");
        delete("/api/v1/areas/" + areaId);
    }

    @Test
    void only_managers_and_admins_define_areas() {
        String manager = "mgr-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        api().createUser(manager, "manager-password-123", "MANAGER");
        String worker = "wrk-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        api().createUser(worker, "worker-password-123", "WORKER");
        String managerToken = api().login(manager, "manager-password-123").get("accessToken").asText();
        String workerToken = api().login(worker, "worker-password-123").get("accessToken").asText();

        ResponseEntity<JsonNode> byManager = api().post("/api/v1/areas", Areas.cron("m", RARELY, List.of()),
                managerToken);
        ResponseEntity<JsonNode> byWorker = api().post("/api/v1/areas", Areas.cron("w", RARELY, List.of()),
                workerToken);

        assertThat(byManager.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(Areas.events(eventStore, byManager.getBody().get("areaId").asText(), AreaScheduled.class))
                .singleElement().extracting(AreaScheduled::owner).isEqualTo(manager);
        assertThat(byWorker.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        delete("/api/v1/areas/" + byManager.getBody().get("areaId").asText());
    }
}
