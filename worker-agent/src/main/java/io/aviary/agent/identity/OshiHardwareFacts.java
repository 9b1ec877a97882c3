package io.aviary.agent.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/** Reads the hardware UUID and the network interfaces through oshi. Failures read as "nothing known". */
public final class OshiHardwareFacts implements HardwareFacts {

    private static final Logger log = LoggerFactory.getLogger(OshiHardwareFacts.class);

    private final HardwareAbstractionLayer hardware;

    public OshiHardwareFacts() {
        this.hardware = new SystemInfo().getHardware();
    }

    @Override
    public String hardwareUuid() {
        try {
            return hardware.getComputerSystem().getHardwareUUID();
        } catch (RuntimeException | LinkageError e) {
            // Containers and unusual platforms: oshi (or JNA under it) may not manage; the MAC fallback takes over.
            log.warn("Cannot read the hardware UUID: {}", e.toString());
            return null;
        }
    }

    @Override
    public List<NetworkInterfaceFacts> networkInterfaces() {
        List<NetworkInterfaceFacts> interfaces = new ArrayList<>();
        try {
            for (NetworkIF nif : hardware.getNetworkIFs(true)) {
                NetworkInterface java = nif.queryNetworkInterface();
                interfaces.add(new NetworkInterfaceFacts(nif.getName(), nif.getMacaddr(), isLoopback(java),
                        nif.isKnownVmMacAddr() || (java != null && java.isVirtual())));
            }
        } catch (RuntimeException | LinkageError e) {
            log.warn("Cannot list network interfaces: {}", e.toString());
        }
        return interfaces;
    }

    private static boolean isLoopback(NetworkInterface java) {
        try {
            return java != null && java.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
