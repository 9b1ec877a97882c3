package io.aviary.agent.identity;

/**
 * What the hardware id needs to know about one network interface.
 *
 * @param name     interface name, e.g. {@code eth0}
 * @param mac      MAC address as {@code aa:bb:cc:dd:ee:ff}, or empty
 * @param loopback whether it is a loopback interface
 * @param virtual  whether the OS or the MAC's vendor prefix marks it as virtual
 */
public record NetworkInterfaceFacts(String name, String mac, boolean loopback, boolean virtual) {
}
