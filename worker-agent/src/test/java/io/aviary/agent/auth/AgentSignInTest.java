package io.aviary.agent.auth;

import io.aviary.agent.AgentJson;
import io.aviary.agent.command.CommandHttp;
import io.aviary.agent.identity.AgentIdentity;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.events.worker.WorkerIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sign-in decisions against the fake command API (real HTTP on localhost). */
class AgentSignInTest {

    @TempDir
    Path stateDir;

    private final FakeCommandApi api = new FakeCommandApi();
    private final AgentAuthClient client = new AgentAuthClient(new CommandHttp(api.url(), AgentJson.newMapper(),
            Duration.ofMillis(10), Duration.ofMillis(50)), Clock.systemUTC());
    private final AgentIdentity identity = new AgentIdentity("signer", WorkerIds.forName("signer"), "sha256:hw-1");

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void savedCredentialsWinOverAnEnrolmentTokenWhichStaysUnspent() throws InterruptedException {
        // given an agent that enrolled
        signIn(api.issueEnrolmentToken()).signIn(identity);
        String unused = api.issueEnrolmentToken();

        // when it signs in again with another enrolment token at hand
        AgentSignIn.SignedIn again = signIn(unused).signIn(identity);

        // then the saved credentials were used, and the token could still enrol another agent
        assertThat(again.credentials().workerId()).isEqualTo(identity.workerId());
        assertThat(api.enrolments()).isEqualTo(1);
        assertThat(client.enrol(unused, "another", "sha256:hw-2").credentials().workerId())
                .isEqualTo(WorkerIds.forName("another"));
    }

    @Test
    void credentialsOfAnotherWorkerAreNotUsedAndWithoutATokenThatIsFatal() throws InterruptedException {
        signIn(api.issueEnrolmentToken()).signIn(identity);
        AgentIdentity renamed = new AgentIdentity("renamed", WorkerIds.forName("renamed"), identity.hardwareId());

        assertThatThrownBy(() -> signIn("").signIn(renamed))
                .isInstanceOf(AgentAuthException.class)
                .hasMessageContaining(identity.workerId())
                .hasMessageContaining("AVIARY_AGENT_ENROLMENT_TOKEN");
    }

    @Test
    void credentialsTheCommandSideRefusesAreFatalWithAHint() throws InterruptedException {
        signIn(api.issueEnrolmentToken()).signIn(identity);
        CredentialsStore store = new CredentialsStore(stateDir, AgentJson.newMapper());
        store.save(new AgentCredentials(identity.workerId(), "guessed-secret", identity.hardwareId()));

        assertThatThrownBy(() -> signIn("").signIn(identity))
                .isInstanceOf(AgentAuthException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("enrol again");
    }

    @Test
    void credentialsCopiedToOtherHardwareAreRefused() throws InterruptedException {
        AgentCredentials enrolled = signIn(api.issueEnrolmentToken()).signIn(identity).credentials();
        AgentIdentity elsewhere = new AgentIdentity(identity.name(), identity.workerId(), "sha256:other-machine");
        new CredentialsStore(stateDir, AgentJson.newMapper()).save(new AgentCredentials(enrolled.workerId(),
                enrolled.agentSecret(), elsewhere.hardwareId()));

        assertThatThrownBy(() -> signIn("").signIn(elsewhere))
                .isInstanceOf(AgentAuthException.class)
                .hasMessageContaining("403");
    }

    private AgentSignIn signIn(String enrolmentToken) {
        return new AgentSignIn(new CredentialsStore(stateDir, AgentJson.newMapper()), client, enrolmentToken);
    }
}
