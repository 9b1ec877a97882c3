package io.aviary.command.support;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs without a lock: {@link UUID#randomUUID()} draws from one shared {@code SecureRandom},
 * whose lock every HTTP thread and event processor of command-side queued on (message ids of every command and
 * event, task ids; ADR 16). Each thread here has its own {@code SHA1PRNG}, seeded once from the operating system, so
 * the ids are as unpredictable and as unique as before.
 */
public final class RandomUuids {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomUuids::newRandom);

    private RandomUuids() {
    }

    public static UUID next() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    private static SecureRandom newRandom() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(SecureRandom.getSeed(32)); // from the operating system, once per thread
            return random;
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
