package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.reliability.ReliabilityPlatform;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent enrolled through the API, as a real one would (one-time enrolment token, name, hardware id), but with no
 * process behind it: the tests speak for it.
 *
 * @param name        its worker name
 * @param hardwareId  the hardware it enrolled on
 * @param workerId    its worker id
 * @param agentSecret its long-lived secret
 * @param accessToken its access token
 */
record FakeAgent(String name, String hardwareId, String workerId, String agentSecret, String accessToken) {

    static FakeAgent enrol(ReliabilityPlatform platform, String name, String hardwareId) {
        RawHttp.Response created = Calls.command(InetAddress.getLoopbackAddress(), "POST",
                "/api/v1/agents/enrolment-tokens", Map.of("name", name),
                RawHttp.headers("Authorization", "Bearer " + platform.adminToken()));
        assertThat(created.status()).as("enrolment token: %s", created.abbreviated()).isEqualTo(201);
        String enrolmentToken = created.json().path("token").asText();
        KnownSecrets.add("enrolment token of " + name, enrolmentToken);
        RawHttp.Response enrolled = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/agents/enrol",
                Map.of("enrolmentToken", enrolmentToken, "name", name, "hardwareId", hardwareId),
                RawHttp.headers("X-Aviary-Hardware-Id", hardwareId));
        assertThat(enrolled.status()).as("enrolment: %s", enrolled.abbreviated()).isEqualTo(200);
        JsonNode body = enrolled.json();
        FakeAgent agent = new FakeAgent(name, hardwareId, body.path("workerId").asText(),
                body.path("agentSecret").asText(), body.path("accessToken").asText());
        KnownSecrets.add("agent secret of " + name, agent.agentSecret());
        KnownSecrets.add("access token of agent " + name, agent.accessToken());
        return agent;
    }

    /** Bearer token and hardware id header, as every agent request carries them. */
    List<String[]> headers() {
        return RawHttp.headers("Authorization", "Bearer " + accessToken, "X-Aviary-Hardware-Id", hardwareId);
    }

    /** Registers its worker for task types no real agent runs. */
    RawHttp.Response register(String... taskTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("hardwareId", hardwareId);
        body.put("slots", 1);
        body.put("maxQueue", 1);
        body.put("taskTypes", List.of(taskTypes));
        return Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/workers", body, headers());
    }
}
