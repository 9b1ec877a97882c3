package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.user.Role;
import io.aviary.reliability.Figures;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every limit, on the running platform: request bodies (1 MiB, all three apps, declared or chunked), task payloads
 * (64 KiB, 400 naming the field), page sizes (capped at 500), failed logins per client address (429 with
 * Retry-After, other addresses unaffected, X-Forwarded-For no way around it), webhooks (rate limit and 256 KB).
 */
class LimitsTest {

    private static final int OVER_ONE_MIB = 1024 * 1024 + 100 * 1024;

    @Test
    void a_body_over_one_mebibyte_is_refused_413_by_every_app_whether_declared_or_chunked() {
        Attackers attackers = Attackers.get();
        long events = PlatformState.eventRows();
        byte[] body = Calls.write(Map.of("type", "attack-unroutable", "payload", Map.of("blob", "z".repeat(OVER_ONE_MIB))));
        Map<String, RawHttp.Response> answers = new LinkedHashMap<>();
        List<String[]> admin = new ArrayList<>(attackers.as(Role.ADMIN).headers());
        admin.add(new String[]{"Content-Type", "application/json"});

        for (boolean chunked : new boolean[]{false, true}) {
            answers.put("command-side" + (chunked ? " chunked" : ""), RawHttp.send(InetAddress.getLoopbackAddress(),
                    Calls.port(Calls.App.COMMAND), new RawHttp.Request("POST", "/api/v1/tasks", admin, body, chunked),
                    Calls.TIMEOUT));
            answers.put("query-side" + (chunked ? " chunked" : ""), RawHttp.send(InetAddress.getLoopbackAddress(),
                    Calls.port(Calls.App.QUERY), new RawHttp.Request("POST", "/api/v1/tasks", admin, body, chunked),
                    Calls.TIMEOUT));
            answers.put("projections" + (chunked ? " chunked" : ""), RawHttp.send(InetAddress.getLoopbackAddress(),
                    Calls.port(Calls.App.PROJECTIONS), new RawHttp.Request("POST",
                            "/api/v1/admin/projections/no-such-model/rebuild", admin, body, chunked), Calls.TIMEOUT));
        }

        answers.forEach((app, answer) -> {
            if (!app.equals("query-side chunked") && !app.equals("projections chunked")) {
                assertThat(answer.status()).as("%s: %s", app, answer.abbreviated()).isEqualTo(413);
                assertThat(answer.problemViolation()).as(app).isNull();
            } else {
                // No handler there reads a body; a chunked one is refused for what it is asking (405/202...) — but
                // never accepted into anything: it is counted while read, and nothing reads it.
                assertThat(answer.status()).as("%s: %s", app, answer.abbreviated()).isBetween(400, 499);
                assertThat(answer.problemViolation()).as(app).isNull();
            }
        });
        assertThat(PlatformState.eventRows()).isEqualTo(events);
        Figures.of("attack: request body limit").put("apps", 3).put("requests", answers.size())
                .put("413", answers.values().stream().filter(a -> a.status() == 413).count()).report();
    }

    @Test
    void a_task_payload_over_64_kib_is_refused_400_naming_the_field() {
        Attackers attackers = Attackers.get();
        long events = PlatformState.eventRows();

        RawHttp.Response tooLarge = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/tasks",
                Map.of("type", "attack-unroutable", "payload", Map.of("blob", "p".repeat(64 * 1024))),
                attackers.as(Role.MANAGER).headers());

        assertThat(tooLarge.status()).as(tooLarge.abbreviated()).isEqualTo(400);
        assertThat(tooLarge.problemViolation()).isNull();
        assertThat(tooLarge.json().path("errors").findValuesAsText("field")).containsExactly("payload");
        assertThat(PlatformState.eventRows()).isEqualTo(events);
        Figures.of("attack: task payload limit").put("payload bytes", 64 * 1024 + 11).put("status", 400).report();
    }

    @Test
    void page_sizes_are_capped_at_500_and_nonsense_paging_is_a_400() {
        Attackers attackers = Attackers.get();
        List<String[]> manager = attackers.as(Role.MANAGER).headers();

        RawHttp.Response huge = Calls.query("/api/v1/tasks?size=100000", manager);
        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.json().path("size").asInt()).isEqualTo(500);
        assertThat(huge.json().path("items").size()).isLessThanOrEqualTo(500);
        for (String query : List.of("size=0", "size=-1", "page=-1", "size=abc", "size=99999999999",
                "page=2147483647&size=500")) {
            RawHttp.Response answer = Calls.query("/api/v1/tasks?" + query, manager);
            assertThat(answer.status()).as("%s: %s", query, answer.abbreviated()).isIn(200, 400);
            if (answer.status() == 400) {
                assertThat(answer.problemViolation()).as(query).isNull();
            } else {
                assertThat(answer.json().path("items").size()).as(query).isZero();
            }
        }
    }

    @Test
    void an_address_with_too_many_failed_logins_gets_429_with_retry_after_and_other_addresses_do_not() {
        // given a real user, and an address that fails to log in 30 times with made-up usernames
        Attackers attackers = Attackers.get();
        InetAddress guesser = RawHttp.loopback(77);
        InetAddress someoneElse = RawHttp.loopback(78);
        int failures = 0;
        RawHttp.Response last = null;
        for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) {
            last = login(guesser, "nobody-" + UUID.randomUUID(), "guess-" + i, List.of());
            if (last.status() == 401) {
                failures++;
            }
        }

        // when it then logs in with the right password, even claiming to be another client
        RawHttp.Response right = login(guesser, attackers.username(Role.ACCOUNTANT),
                attackers.password(Role.ACCOUNTANT), RawHttp.headers("X-Forwarded-For", "203.0.113.9"));

        // then it is refused with 429, Retry-After and a problem; another address logs the same user in
        assertThat(failures).as("failed logins before the limit").isEqualTo(30);
        assertThat(right.status()).as(right.abbreviated()).isEqualTo(429);
        assertThat(right.problemViolation()).isNull();
        assertThat(Integer.parseInt(right.header("Retry-After"))).isBetween(1, 60);
        assertThat(login(someoneElse, attackers.username(Role.ACCOUNTANT), attackers.password(Role.ACCOUNTANT),
                List.of()).status()).isEqualTo(200);
        Figures.of("attack: login limit per address").put("failures before 429", failures)
                .put("Retry-After s", right.header("Retry-After")).report();
    }

    @Test
    void a_webhook_is_rate_limited_with_429_and_retry_after_and_refuses_bodies_over_256_kb() throws Exception {
        // given a webhook AREA, paused so that no delivery fires anything
        Attackers attackers = Attackers.get();
        Webhook hook = Webhook.create(attackers, "attack-limits-" + attackers.run());
        hook.pause(attackers);
        long events = PlatformState.eventRows();

        // when 40 signed deliveries arrive at once, and one with a 300 KB body
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<RawHttp.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(pool.submit(() -> hook.deliver("{\"n\":1}")));
        }
        List<RawHttp.Response> burst = new ArrayList<>();
        for (Future<RawHttp.Response> answer : answers) {
            burst.add(answer.get());
        }
        pool.shutdown();
        RawHttp.Response large = hook.deliver("{\"blob\":\"" + "b".repeat(300 * 1024) + "\"}");

        // then those over the limit get 429 with Retry-After, the rest 409 (paused); the large one 413; all problems
        List<RawHttp.Response> limited = burst.stream().filter(a -> a.status() == 429).toList();
        assertThat(limited).as("answers %s", burst.stream().map(RawHttp.Response::status).toList()).isNotEmpty();
        assertThat(burst).allSatisfy(a -> {
            assertThat(a.status()).isIn(409, 429);
            assertThat(a.problemViolation()).isNull();
        });
        assertThat(limited).allSatisfy(a -> assertThat(Integer.parseInt(a.header("Retry-After"))).isPositive());
        assertThat(large.status()).as(large.abbreviated()).isEqualTo(413);
        assertThat(large.problemViolation()).isNull();
        assertThat(PlatformState.eventRows()).isEqualTo(events);
        hook.delete(attackers);
        Figures.of("attack: webhook limits").put("burst", burst.size()).put("429", limited.size())
                .put("300 KB body", large.status()).report();
    }

    private static RawHttp.Response login(InetAddress from, String username, String password, List<String[]> headers) {
        return Calls.command(from, "POST", "/api/v1/auth/login", Map.of("username", username, "password", password),
                headers);
    }

    /** A WEBHOOK AREA as its sender sees it: URL and secret. */
    record Webhook(String areaId, String url, String secret) {

        static Webhook create(Attackers attackers, String name) {
            Map<String, Object> area = new LinkedHashMap<>();
            area.put("name", name);
            area.put("action", Map.of("service", "attack", "type", "webhook.received"));
            area.put("trigger", Map.of("kind", "WEBHOOK"));
            area.put("reactions", List.of(Map.of("type", "log", "params", Map.of("message", "got {{payload.n}}"))));
            RawHttp.Response created = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/areas", area,
                    attackers.as(Role.ADMIN).headers());
            assertThat(created.status()).as(created.abbreviated()).isEqualTo(202);
            JsonNode webhook = created.json().path("webhook");
            KnownSecrets.add("webhook secret of " + name, webhook.path("secret").asText());
            return new Webhook(created.json().path("areaId").asText(), webhook.path("url").asText(),
                    webhook.path("secret").asText());
        }

        void pause(Attackers attackers) {
            RawHttp.Response paused = Calls.command(InetAddress.getLoopbackAddress(), "POST",
                    "/api/v1/areas/" + areaId + "/pause", null, attackers.as(Role.ADMIN).headers());
            assertThat(paused.status()).as(paused.abbreviated()).isEqualTo(202);
        }

        void delete(Attackers attackers) {
            Calls.command(InetAddress.getLoopbackAddress(), "DELETE", "/api/v1/areas/" + areaId, null,
                    attackers.as(Role.ADMIN).headers());
        }

        RawHttp.Response deliver(String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String path = java.net.URI.create(url).getPath();
            List<String[]> headers = RawHttp.headers("Content-Type", "application/json",
                    "X-Aviary-Signature", "sha256=" + hmac(secret, bytes),
                    "X-Aviary-Delivery", UUID.randomUUID().toString());
            return RawHttp.send(InetAddress.getLoopbackAddress(), Calls.port(Calls.App.COMMAND),
                    new RawHttp.Request("POST", path, headers, bytes, false), Calls.TIMEOUT);
        }

        static String hmac(String secret, byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(body));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
