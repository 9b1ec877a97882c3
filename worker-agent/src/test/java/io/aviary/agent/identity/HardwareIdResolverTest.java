package io.aviary.agent.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HardwareIdResolverTest {

    private static final String REAL_UUID = "4C4C4544-0042-3510-8052-B4C04F4E4D32";
    private static final NetworkInterfaceFacts ETH0 =
            new NetworkInterfaceFacts("eth0", "52:54:00:12:34:56", false, false);

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "00000000-0000-0000-0000-000000000000", "03000200-0400-0500-0006-000700080009",
            "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "ffffffff-ffff-ffff-ffff-ffffffffffff", "unknown", "UNKNOWN",
            "Not Settable", "Default string", "To Be Filled By O.E.M.", "03020100-0504-0706-0809-0A0B0C0D0E0F",
            "11111111-1111-1111-1111-111111111111"})
    void placeholderUuidsAreRejectedAndTheMacAloneIsUsed(String placeholder) {
        // given a machine reporting a placeholder UUID and one physical interface
        HardwareIdResolver resolver = new HardwareIdResolver(facts(placeholder, List.of(ETH0)));

        // when its hardware id is resolved
        String id = resolver.resolve().orElseThrow();

        // then it is the hash of the MAC only
        assertThat(HardwareIdResolver.isPlaceholder(placeholder)).isTrue();
        assertThat(id).isEqualTo(HardwareIdResolver.sha256("mac:52:54:00:12:34:56"));
    }

    @Test
    void aRealUuidIsCombinedWithTheMacAndHashed() {
        HardwareIdResolver resolver = new HardwareIdResolver(facts(REAL_UUID, List.of(ETH0)));

        String id = resolver.resolve().orElseThrow();

        assertThat(id).matches("sha256:[0-9a-f]{64}")
                .isEqualTo(HardwareIdResolver.sha256("uuid:" + REAL_UUID.toLowerCase() + "|mac:52:54:00:12:34:56"))
                .doesNotContainIgnoringCase(REAL_UUID);
    }

    @Test
    void theIdIsStableAcrossCallsAndInterfaceOrder() {
        NetworkInterfaceFacts eth1 = new NetworkInterfaceFacts("eth1", "52:54:00:aa:bb:cc", false, false);

        String first = new HardwareIdResolver(facts(REAL_UUID, List.of(ETH0, eth1))).resolve().orElseThrow();
        String again = new HardwareIdResolver(facts(REAL_UUID, List.of(ETH0, eth1))).resolve().orElseThrow();
        String reordered = new HardwareIdResolver(facts(REAL_UUID, List.of(eth1, ETH0))).resolve().orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(reordered).isEqualTo(first);
    }

    @Test
    void loopbackVirtualAndContainerInterfacesDoNotCount() {
        // given only interfaces that are not the machine's own
        List<NetworkInterfaceFacts> interfaces = List.of(
                new NetworkInterfaceFacts("lo", "00:00:00:00:00:00", true, false),
                new NetworkInterfaceFacts("docker0", "02:42:ac:11:00:01", false, false),
                new NetworkInterfaceFacts("veth12ab", "ae:12:34:56:78:9a", false, false),
                new NetworkInterfaceFacts("vmnet8", "00:50:56:c0:00:08", false, true),
                new NetworkInterfaceFacts("eth9", "", false, false));

        // when resolved with a placeholder UUID, then nothing is usable: the caller falls back to a random id
        assertThat(new HardwareIdResolver(facts("unknown", interfaces)).resolve()).isEmpty();
        // and with a real UUID, the UUID alone is used
        assertThat(new HardwareIdResolver(facts(REAL_UUID, interfaces)).resolve())
                .contains(HardwareIdResolver.sha256("uuid:" + REAL_UUID.toLowerCase()));
    }

    @Test
    void differentMachinesGetDifferentIds() {
        String one = new HardwareIdResolver(facts(REAL_UUID, List.of(ETH0))).resolve().orElseThrow();
        String other = new HardwareIdResolver(facts("4C4C4544-0042-3510-8052-B4C04F4E4D33", List.of(ETH0)))
                .resolve().orElseThrow();

        assertThat(one).isNotEqualTo(other);
    }

    static HardwareFacts facts(String uuid, List<NetworkInterfaceFacts> interfaces) {
        return new HardwareFacts() {
            @Override
            public String hardwareUuid() {
                return uuid;
            }

            @Override
            public List<NetworkInterfaceFacts> networkInterfaces() {
                return interfaces;
            }
        };
    }
}
