package io.aviary.agent.support;

import io.aviary.agent.AgentJson;
import io.aviary.agent.auth.AgentAuthClient;
import io.aviary.agent.auth.AgentTokens;
import io.aviary.agent.command.CommandApiClient;
import io.aviary.agent.command.CommandHttp;

import java.time.Clock;
import java.time.Duration;

/** A command API client enrolled with the fake command API, for tests that drive the agent's parts directly. */
public final class SignedInClient {

    private SignedInClient() {
    }

    /** Enrols {@code name} (with a made-up hardware id) and returns a client that sends its token. */
    public static CommandApiClient enrol(FakeCommandApi api, String name) {
        CommandHttp http = new CommandHttp(api.url(), AgentJson.newMapper(), Duration.ofMillis(10),
                Duration.ofMillis(50));
        AgentAuthClient auth = new AgentAuthClient(http, Clock.systemUTC());
        String hardwareId = "sha256:test-hardware-of-" + name;
        try {
            AgentAuthClient.Enrolment enrolment = auth.enrol(api.issueEnrolmentToken(), name, hardwareId);
            // not started: the fake's tokens live 15 minutes, longer than any such test; a 401 still renews
            AgentTokens tokens = new AgentTokens(auth, enrolment.credentials(), enrolment.accessToken(),
                    Clock.systemUTC(), error -> {
                    });
            return new CommandApiClient(http, tokens, hardwareId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
