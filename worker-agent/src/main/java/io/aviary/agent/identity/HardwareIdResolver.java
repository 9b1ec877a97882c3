package io.aviary.agent.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives the hardware id that binds a worker name to a machine: SHA-256 over the platform UUID and the MAC of the
 * first physical interface, as {@code sha256:<hex>}. Hashing keeps the raw serials off the wire and out of the event
 * log.
 *
 * <p>Board vendors and hypervisors ship placeholder UUIDs that thousands of machines share (all zeros, all F, the AMI
 * sample {@code 03000200-0400-0500-0006-000700080009}, filler strings such as "To Be Filled By O.E.M."). Such a value
 * would let two machines claim one name, so it is ignored and the MAC alone is used. Without a usable MAC either, the
 * caller falls back to a random id kept in the state dir ({@link IdentityStore}).
 */
public final class HardwareIdResolver {

    /**
     * Known placeholders (compared lower-case, after trimming): the SMBIOS "not present"/"not set" patterns, the sample
     * values of common firmware (also listed by osquery's {@code kPlaceholderHardwareUUIDList}) and the filler strings
     * of the DMI tables.
     */
    static final Set<String> PLACEHOLDER_UUIDS = Set.of(
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "03000200-0400-0500-0006-000700080009",
            "00020003-0004-0005-0006-000700080009",
            "03020100-0504-0706-0809-0a0b0c0d0e0f",
            "10000000-0000-8000-0040-000000000000",
            "unknown", "not settable", "not specified", "not present", "not available", "not applicable",
            "default string", "to be filled by o.e.m.", "to be filled by oem", "o.e.m.", "none", "null", "n/a",
            "system serial number", "0", "0000000000", "123456789", "0123456789");

    /** A UUID of one repeated hex digit (all zeros, all F, ...) carries no identity either. */
    private static final Pattern REPEATED_DIGIT = Pattern.compile("^([0-9a-f])(\\1|-)*$");

    /** Interfaces of bridges, tunnels and container networks: their MACs are random or shared, not the machine's. */
    private static final List<String> VIRTUAL_NAME_PREFIXES = List.of(
            "docker", "veth", "br-", "virbr", "vmnet", "vboxnet", "cni", "flannel", "cali", "tun", "tap", "wg", "zt",
            "utun", "awdl", "llw", "bridge", "vnet", "kube", "lxc", "lxd");

    private final HardwareFacts facts;

    public HardwareIdResolver(HardwareFacts facts) {
        this.facts = facts;
    }

    /** The hardware id, or empty when neither a real UUID nor a physical MAC is available. */
    public Optional<String> resolve() {
        Optional<String> uuid = usableUuid(facts.hardwareUuid());
        Optional<String> mac = firstPhysicalMac(facts.networkInterfaces());
        if (uuid.isPresent() && mac.isPresent()) {
            return Optional.of(sha256("uuid:" + uuid.get() + "|mac:" + mac.get()));
        }
        if (uuid.isPresent()) {
            return Optional.of(sha256("uuid:" + uuid.get()));
        }
        return mac.map(m -> sha256("mac:" + m));
    }

    /** Whether a reported platform UUID is a known placeholder (or no value at all). */
    public static boolean isPlaceholder(String uuid) {
        if (uuid == null) {
            return true;
        }
        String normalized = uuid.trim().toLowerCase(Locale.ROOT);
        return normalized.isEmpty() || PLACEHOLDER_UUIDS.contains(normalized)
                || REPEATED_DIGIT.matcher(normalized).matches();
    }

    /** {@code sha256:} followed by the lower-case hex SHA-256 of the text. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static Optional<String> usableUuid(String uuid) {
        return isPlaceholder(uuid) ? Optional.empty() : Optional.of(uuid.trim().toLowerCase(Locale.ROOT));
    }

    /** Sorted by name so that the choice does not depend on the order the OS lists interfaces in. */
    private static Optional<String> firstPhysicalMac(List<NetworkInterfaceFacts> interfaces) {
        return interfaces.stream()
                .filter(nif -> !nif.loopback() && !nif.virtual() && !hasVirtualName(nif.name()))
                .map(nif -> new NetworkInterfaceFacts(nif.name(), normalizeMac(nif.mac()), false, false))
                .filter(nif -> isUsableMac(nif.mac()))
                .min(Comparator.comparing(NetworkInterfaceFacts::name))
                .map(NetworkInterfaceFacts::mac);
    }

    private static boolean hasVirtualName(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return VIRTUAL_NAME_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    private static String normalizeMac(String mac) {
        return mac == null ? "" : mac.trim().toLowerCase(Locale.ROOT).replace('-', ':');
    }

    private static boolean isUsableMac(String mac) {
        String digits = mac.replace(":", "");
        return digits.length() == 12 && !digits.chars().allMatch(c -> c == '0') && !digits.equals("ffffffffffff");
    }
}
