package io.aviary.agent.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The real machine, through oshi: whatever it reports, a hardware id resolves the same way twice. */
class OshiHardwareFactsTest {

    @Test
    void resolvingOnThisMachineIsStable() {
        HardwareIdResolver resolver = new HardwareIdResolver(new OshiHardwareFacts());

        assertThat(resolver.resolve()).isEqualTo(resolver.resolve());
        resolver.resolve().ifPresent(id -> assertThat(id).matches("sha256:[0-9a-f]{64}"));
    }
}
