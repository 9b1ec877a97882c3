package io.aviary.agent.identity;

import java.util.List;

/** The raw facts a hardware id is made of; {@link OshiHardwareFacts} reads them from the machine. */
public interface HardwareFacts {

    /** The SMBIOS/platform UUID as reported (may be a placeholder, empty, or {@code null}). */
    String hardwareUuid();

    /** The machine's network interfaces. */
    List<NetworkInterfaceFacts> networkInterfaces();
}
