package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.user.Role;
import io.aviary.reliability.ReliabilityPlatform;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who the attack tests act as, on the shared platform: a user of each person role (ADMIN, MANAGER, ACCOUNTANT,
 * WORKER) with a known password, an enrolled agent (AGENT) that never registers as a worker, and the callers without
 * a valid token (anonymous, garbage, a token signed with a key of our own, an unsigned {@code alg: none} token).
 * Created once per JVM. Every secret handed out here is recorded in {@link KnownSecrets} for the secrets scan.
 */
final class Attackers {

    /** A way of calling: the headers it adds, and the role its token grants (null: no valid token). */
    record Identity(String name, Role role, List<String[]> headers) {

        boolean authenticated() {
            return role != null;
        }
    }

    private static final Duration RELOGIN_AFTER = Duration.ofMinutes(10);
    private static Attackers shared;

    private final ReliabilityPlatform platform;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<Role, String> usernames = new EnumMap<>(Role.class);
    private final Map<Role, String> passwords = new EnumMap<>(Role.class);
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final Map<Role, Instant> loggedInAt = new EnumMap<>(Role.class);
    private final FakeAgent agent;
    private final String forgedToken;
    private final String unsignedToken;

    private Attackers(ReliabilityPlatform platform) {
        this.platform = platform;
        KnownSecrets.add("admin password", platform.adminPassword());
        for (Role role : List.of(Role.MANAGER, Role.ACCOUNTANT, Role.WORKER, Role.ADMIN)) {
            String username = "attack-" + role.name().toLowerCase() + "-" + run;
            String password = "attack-pw-" + UUID.randomUUID();
            createUser(username, password, role);
            usernames.put(role, username);
            passwords.put(role, password);
            KnownSecrets.add(role + " password", password);
        }
        agent = FakeAgent.enrol(platform, "attack-agent-" + run, "attack-hw-" + run);
        forgedToken = forged(platform);
        unsignedToken = unsigned();
    }

    static synchronized Attackers get() {
        if (shared == null) {
            shared = new Attackers(ReliabilityPlatform.get());
        }
        return shared;
    }

    ReliabilityPlatform platform() {
        return platform;
    }

    /** The random part of this run's names. */
    String run() {
        return run;
    }

    /** Every identity: no token, three kinds of invalid token, each person role, the agent, the agent elsewhere. */
    List<Identity> all() {
        List<Identity> all = new ArrayList<>();
        all.add(new Identity("anonymous", null, List.of()));
        all.add(new Identity("garbage token", null, RawHttp.headers("Authorization", "Bearer not.a.jwt")));
        all.add(new Identity("basic auth", null, RawHttp.headers("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))));
        all.add(new Identity("forged token", null, RawHttp.headers("Authorization", "Bearer " + forgedToken)));
        all.add(new Identity("alg none token", null, RawHttp.headers("Authorization", "Bearer " + unsignedToken)));
        for (Role role : List.of(Role.ADMIN, Role.MANAGER, Role.ACCOUNTANT, Role.WORKER)) {
            all.add(as(role));
        }
        all.add(agentIdentity());
        all.add(new Identity("agent on other hardware", Role.AGENT, RawHttp.headers(
                "Authorization", "Bearer " + agent.accessToken(), "X-Aviary-Hardware-Id", "spoofed-" + run)));
        return all;
    }

    /** A person with exactly this role (ADMIN, MANAGER, ACCOUNTANT or WORKER). */
    synchronized Identity as(Role role) {
        return new Identity(role.name(), role, RawHttp.headers("Authorization", "Bearer " + token(role)));
    }

    Identity agentIdentity() {
        return new Identity("AGENT", Role.AGENT, agent.headers());
    }

    FakeAgent agent() {
        return agent;
    }

    String username(Role role) {
        return usernames.get(role);
    }

    String password(Role role) {
        return passwords.get(role);
    }

    /** A fresh access token of that role's user (logged in again after ten minutes). */
    synchronized String token(Role role) {
        Instant at = loggedInAt.get(role);
        if (at == null || Instant.now().isAfter(at.plus(RELOGIN_AFTER))) {
            JsonNode login = login(usernames.get(role), passwords.get(role));
            tokens.put(role, login.path("accessToken").asText());
            loggedInAt.put(role, Instant.now());
            KnownSecrets.add(role + " access token", login.path("accessToken").asText());
            KnownSecrets.add(role + " refresh token", login.path("refreshToken").asText());
        }
        return tokens.get(role);
    }

    /** Logs in (from 127.0.0.1, as a good client would), asserting success; the answer has both tokens. */
    JsonNode login(String username, String password) {
        RawHttp.Response answer = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/login",
                Map.of("username", username, "password", password), List.of());
        assertThat(answer.status()).as("login of %s: %s", username, answer.abbreviated()).isEqualTo(200);
        return answer.json();
    }

    /** Creates a user as admin. */
    String createUser(String username, String password, Role... roles) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("roles", List.of(roles).stream().map(Role::name).toList());
        RawHttp.Response answer = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/users", body,
                RawHttp.headers("Authorization", "Bearer " + platform.adminToken()));
        assertThat(answer.status()).as("create user %s: %s", username, answer.abbreviated()).isEqualTo(201);
        return answer.json().path("userId").asText();
    }

    static int port(String url) {
        return URI.create(url).getPort();
    }

    /** A well-formed RS256 token with every claim an admin token has, signed with a key the platform never saw. */
    private static String forged(ReliabilityPlatform platform) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            String kid = currentKid(platform);
            String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
            String payload = b64(adminClaims());
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned() {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(adminClaims()) + ".";
    }

    private static String adminClaims() {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"aviary\",\"sub\":\"" + UUID.randomUUID() + "\",\"preferred_username\":\"admin\","
                + "\"roles\":[\"ADMIN\",\"MANAGER\",\"ACCOUNTANT\",\"WORKER\",\"AGENT\"],\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String currentKid(ReliabilityPlatform platform) {
        RawHttp.Response jwks = Calls.command(InetAddress.getLoopbackAddress(), "GET", "/.well-known/jwks.json", null,
                List.of());
        return jwks.json().path("keys").path(0).path("kid").asText("unknown");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
