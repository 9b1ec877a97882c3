package io.aviary.command.area.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.security.SecurityLog;
import io.aviary.command.support.Areas;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.FireSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed deliveries on the running application: a valid one fires the AREA (202, {@code AreaFired} with the body);
 * a bad or missing signature is 401 with nothing recorded and one security log line; a replayed delivery id fires
 * once; a hook over its rate limit answers 429 with {@code Retry-After}; a body over the cap 413. The secret is never
 * stored in clear.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;

    private String areaId;
    private String path;
    private String secret;

    @BeforeEach
    void webhookArea() {
        JsonNode created = Areas.create(api(), Areas.webhook("deploys", "github"));
        areaId = created.get("areaId").asText();
        secret = created.get("webhook").get("secret").asText();
        path = URI.create(created.get("webhook").get("url").asText()).getPath();
    }

    private ResponseEntity<JsonNode> deliver(String to, byte[] body, String signature, String deliveryId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set(WebhookSignature.HEADER, signature);
        }
        if (deliveryId != null) {
            headers.set(WebhookSignature.DELIVERY_HEADER, deliveryId);
        }
        return http.exchange(to, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> deliverSigned(byte[] body, String deliveryId) {
        return deliver(path, body, WebhookSignature.sign(secret, body), deliveryId);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_creation_answer_shows_the_url_and_the_secret_once_and_it_is_stored_encrypted() {
        assertThat(path).startsWith("/webhooks/github/");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        byte[] stored = jdbc.queryForObject("SELECT secret FROM area_webhooks WHERE area_id = ?", byte[].class,
                areaId);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(Areas.events(eventStore, areaId).toString()).doesNotContain(secret);
    }

    @Test
    void a_validly_signed_delivery_fires_the_area_with_its_body() {
        // when a delivery is signed with the secret over its raw bytes
        byte[] body = json("{\"ref\":\"main\",\"commits\":2}");
        ResponseEntity<JsonNode> answer = deliverSigned(body, "delivery-1");

        // then 202, and the AREA fired once with the body as payload
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getBody().get("executionId").asText()).isNotBlank();
        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).singleElement().satisfies(fired -> {
            assertThat(fired.source()).isEqualTo(FireSource.WEBHOOK);
            assertThat(fired.fireId()).isEqualTo("delivery-1");
            assertThat(fired.deliveryId()).isEqualTo("delivery-1");
            assertThat(fired.scheduledFor()).isNull();
            assertThat(fired.payload()).isEqualTo(Map.of("ref", "main", "commits", 2));
            assertThat(fired.executionId()).isEqualTo(answer.getBody().get("executionId").asText());
        });
    }

    @Test
    void a_body_that_is_not_a_json_object_is_kept_as_raw_text() {
        byte[] body = json("[1,2,3]");

        assertThat(deliverSigned(body, "raw-1").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).singleElement()
                .satisfies(fired -> assertThat(fired.payload()).isEqualTo(Map.of("raw", "[1,2,3]")));
    }

    @Test
    void a_bad_or_missing_signature_is_401_records_nothing_and_logs_one_security_line(CapturedOutput output) {
        byte[] body = json("{\"ref\":\"main\"}");
        String otherSecret = "not-" + secret;

        ResponseEntity<JsonNode> wrongKey = deliver(path, body, WebhookSignature.sign(otherSecret, body), "d-1");
        ResponseEntity<JsonNode> missing = deliver(path, body, null, "d-2");
        ResponseEntity<JsonNode> otherBody = deliver(path, json("{\"ref\":\"evil\"}"),
                WebhookSignature.sign(secret, body), "d-3");
        ResponseEntity<JsonNode> notHex = deliver(path, body, "sha256=zz", "d-4");

        assertThat(Arrays.asList(wrongKey, missing, otherBody, notHex))
                .allSatisfy(answer -> {
                    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
                    assertThat(answer.getHeaders().getContentType().toString()).contains("problem+json");
                });
        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).isEmpty();
        String hookId = path.substring(path.lastIndexOf('/') + 1);
        assertThat(output.getAll().lines().filter(line -> line.contains(SecurityLog.NAME)
                && line.contains("Webhook delivery refused") && line.contains(hookId))).hasSize(4);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void a_replayed_delivery_id_fires_once_and_is_still_accepted() {
        byte[] body = json("{\"n\":1}");

        ResponseEntity<JsonNode> first = deliverSigned(body, "same-delivery");
        ResponseEntity<JsonNode> again = deliverSigned(body, "same-delivery");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getBody().get("duplicate").asBoolean()).isTrue();
        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).hasSize(1);
    }

    @Test
    void a_hook_over_its_rate_limit_answers_429_with_retry_after() {
        // given the hook took its limit of deliveries this period
        for (int i = 0; i < WEBHOOK_LIMIT; i++) {
            assertThat(deliverSigned(json("{\"i\":" + i + "}"), "burst-" + i).getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
        }

        // when one more arrives
        ResponseEntity<JsonNode> over = deliverSigned(json("{\"i\":99}"), "burst-99");

        // then it is refused for now, saying when to come back, and did not fire
        assertThat(over.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(over.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).hasSize(WEBHOOK_LIMIT);
        // and another hook is not affected
        JsonNode other = Areas.create(api(), Areas.webhook("other", "github"));
        byte[] body = json("{}");
        assertThat(deliver(URI.create(other.get("webhook").get("url").asText()).getPath(), body,
                WebhookSignature.sign(other.get("webhook").get("secret").asText(), body), "x-1").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void an_oversized_body_is_413_and_fires_nothing() {
        byte[] big = new byte[256 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');

        ResponseEntity<JsonNode> answer = deliverSigned(big, "big-1");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).isEmpty();
    }

    @Test
    void an_unknown_hook_or_another_service_is_404() {
        byte[] body = json("{}");
        String hookId = path.substring(path.lastIndexOf('/') + 1);

        assertThat(deliver("/webhooks/github/" + UUID.randomUUID(), body, WebhookSignature.sign(secret, body), "u-1")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(deliver("/webhooks/gitlab/" + hookId, body, WebhookSignature.sign(secret, body), "u-2")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).isEmpty();
    }

    @Test
    void without_a_delivery_id_a_signed_delivery_is_400() {
        assertThat(deliverSigned(json("{}"), null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void after_a_rotation_only_the_new_secret_signs_and_a_paused_area_does_not_fire() {
        // when the secret is rotated
        ResponseEntity<JsonNode> rotated = api().post("/api/v1/areas/" + areaId + "/webhook/rotate", null,
                api().adminToken());
        assertThat(rotated.getStatusCode()).isEqualTo(HttpStatus.OK);
        String newSecret = rotated.getBody().get("secret").asText();
        assertThat(URI.create(rotated.getBody().get("url").asText()).getPath()).isEqualTo(path);

        // then the old one is refused and the new one accepted
        byte[] body = json("{}");
        assertThat(deliver(path, body, WebhookSignature.sign(secret, body), "r-1").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(deliver(path, body, WebhookSignature.sign(newSecret, body), "r-2").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        // and once paused, a delivery is 409; once deleted, 404
        assertThat(api().post("/api/v1/areas/" + areaId + "/pause", null, api().adminToken()).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(deliver(path, body, WebhookSignature.sign(newSecret, body), "r-3").getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(api().exchange(HttpMethod.DELETE, "/api/v1/areas/" + areaId, null,
                io.aviary.command.support.TestApi.bearer(api().adminToken())).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(deliver(path, body, WebhookSignature.sign(newSecret, body), "r-4").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(Areas.events(eventStore, areaId, AreaFired.class)).hasSize(1);
    }
}
