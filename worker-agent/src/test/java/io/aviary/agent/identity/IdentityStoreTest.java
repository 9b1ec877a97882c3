package io.aviary.agent.identity;

import io.aviary.agent.AgentJson;
import io.aviary.events.worker.WorkerIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityStoreTest {

    @TempDir
    Path stateDir;

    @Test
    void theHardwareIdIsComputedOnceAndPersisted() throws Exception {
        // given a machine whose facts are read through a counter
        AtomicInteger reads = new AtomicInteger();
        HardwareFacts facts = countingFacts("4C4C4544-0042-3510-8052-B4C04F4E4D32", reads);

        // when the identity is created, then loaded again by a "restarted" agent on a machine that now reads differently
        AgentIdentity first = new IdentityStore(stateDir, AgentJson.newMapper())
                .loadOrCreate("agent-a", new HardwareIdResolver(facts));
        AgentIdentity afterRestart = new IdentityStore(stateDir, AgentJson.newMapper())
                .loadOrCreate("agent-a", new HardwareIdResolver(countingFacts("unknown", reads)));

        // then the same identity comes back, read from identity.json, and the hardware was read once
        assertThat(afterRestart).isEqualTo(first);
        assertThat(first.workerId()).isEqualTo(WorkerIds.forName("agent-a"));
        assertThat(first.hardwareId()).startsWith("sha256:");
        assertThat(reads).hasValue(1);
        assertThat(Files.readString(stateDir.resolve("identity.json")))
                .contains("\"name\"", "agent-a", first.workerId(), first.hardwareId());
    }

    @Test
    void withoutUsableHardwareARandomIdIsPersistedAndReused() {
        HardwareIdResolver nothingUsable = new HardwareIdResolver(HardwareIdResolverTest.facts(
                "00000000-0000-0000-0000-000000000000",
                List.of(new NetworkInterfaceFacts("lo", "00:00:00:00:00:00", true, false))));

        AgentIdentity first = new IdentityStore(stateDir, AgentJson.newMapper()).loadOrCreate("agent-b", nothingUsable);
        AgentIdentity again = new IdentityStore(stateDir, AgentJson.newMapper()).loadOrCreate("agent-b", nothingUsable);

        assertThat(first.hardwareId()).matches("sha256:[0-9a-f]{64}");
        assertThat(again.hardwareId()).isEqualTo(first.hardwareId());
    }

    @Test
    void aRenamedAgentKeepsTheMachinesHardwareId() {
        HardwareIdResolver resolver = new HardwareIdResolver(HardwareIdResolverTest.facts(
                "4C4C4544-0042-3510-8052-B4C04F4E4D32", List.of()));
        AgentIdentity old = new IdentityStore(stateDir, AgentJson.newMapper()).loadOrCreate("old-name", resolver);

        AgentIdentity renamed = new IdentityStore(stateDir, AgentJson.newMapper()).loadOrCreate("new-name", resolver);

        assertThat(renamed.name()).isEqualTo("new-name");
        assertThat(renamed.workerId()).isEqualTo(WorkerIds.forName("new-name"));
        assertThat(renamed.hardwareId()).isEqualTo(old.hardwareId());
    }

    @Test
    void anUnreadableIdentityFileStopsTheAgentInsteadOfInventingANewId() throws Exception {
        Files.writeString(stateDir.resolve("identity.json"), "{not json");

        assertThatThrownBy(() -> new IdentityStore(stateDir, AgentJson.newMapper())
                .loadOrCreate("agent-c", new HardwareIdResolver(HardwareIdResolverTest.facts(null, List.of()))))
                .hasMessageContaining("identity.json");
    }

    private static HardwareFacts countingFacts(String uuid, AtomicInteger reads) {
        return new HardwareFacts() {
            @Override
            public String hardwareUuid() {
                reads.incrementAndGet();
                return uuid;
            }

            @Override
            public List<NetworkInterfaceFacts> networkInterfaces() {
                return List.of(new NetworkInterfaceFacts("eth0", "52:54:00:12:34:56", false, false));
            }
        };
    }
}
