package io.aviary.command.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The (task, attempt, kind) of every movement an account has booked, so that a redelivered charge or credit is
 * recognised however late it comes (a replay from the first event, a redelivery after a crash). Kept for the life of
 * the account, hence compact: a task id that is a canonical UUID (every id {@code TaskIds} makes) is kept as its 128
 * bits, attempt and kind in one int: 20 bytes per slot in three primitive arrays (open addressing, linear probing, at
 * most 60 % full: 33 to 67 bytes per key), 27 characters per key in a snapshot (20 bytes, base64). Any other task id
 * is reduced to a name-based UUID of itself (128-bit MD5): two distinct ids then collide with a probability of about
 * n²/2¹²⁹ for n keys, which is accepted.
 * <p>
 * Not thread-safe: it lives inside one aggregate instance.
 */
final class MovementKeys {

    /** What a movement did; part of the key, so a charge and a credit of one attempt are distinct. */
    enum Kind {
        CHARGE, CREDIT
    }

    private static final int ENTRY_BYTES = 20;
    private static final int INITIAL_CAPACITY = 16;

    private long[] high = new long[INITIAL_CAPACITY];
    private long[] low = new long[INITIAL_CAPACITY];
    /** {@code attempt << 1 | kind}; 0 marks a free slot (attempts start at 1). */
    private int[] tags = new int[INITIAL_CAPACITY];
    private int size;

    /** Remembers the key; {@code false} when it was known already. */
    boolean add(String taskId, int attempt, Kind kind) {
        UUID task = keyOf(taskId);
        return add(task.getMostSignificantBits(), task.getLeastSignificantBits(), tag(attempt, kind));
    }

    boolean contains(String taskId, int attempt, Kind kind) {
        UUID task = keyOf(taskId);
        return slotOf(task.getMostSignificantBits(), task.getLeastSignificantBits(), tag(attempt, kind)) >= 0;
    }

    int size() {
        return size;
    }

    /** The snapshot form: every key as 20 bytes (high, low, tag), base64. */
    @JsonValue
    String encoded() {
        ByteBuffer buffer = ByteBuffer.allocate(size * ENTRY_BYTES);
        for (int slot = 0; slot < tags.length; slot++) {
            if (tags[slot] != 0) {
                buffer.putLong(high[slot]).putLong(low[slot]).putInt(tags[slot]);
            }
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MovementKeys decode(String encoded) {
        MovementKeys keys = new MovementKeys();
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
        if (buffer.remaining() % ENTRY_BYTES != 0) {
            throw new IllegalArgumentException("not a multiple of " + ENTRY_BYTES + " bytes");
        }
        while (buffer.hasRemaining()) {
            keys.add(buffer.getLong(), buffer.getLong(), buffer.getInt());
        }
        return keys;
    }

    private boolean add(long taskHigh, long taskLow, int tag) {
        if (slotOf(taskHigh, taskLow, tag) >= 0) {
            return false;
        }
        if ((size + 1) * 5 > tags.length * 3) {
            grow();
        }
        int slot = firstSlot(taskHigh, taskLow, tag, tags.length);
        while (tags[slot] != 0) {
            slot = (slot + 1) & (tags.length - 1);
        }
        high[slot] = taskHigh;
        low[slot] = taskLow;
        tags[slot] = tag;
        size++;
        return true;
    }

    private int slotOf(long taskHigh, long taskLow, int tag) {
        int slot = firstSlot(taskHigh, taskLow, tag, tags.length);
        while (tags[slot] != 0) {
            if (tags[slot] == tag && high[slot] == taskHigh && low[slot] == taskLow) {
                return slot;
            }
            slot = (slot + 1) & (tags.length - 1);
        }
        return -1;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldTags = tags;
        high = new long[oldTags.length * 2];
        low = new long[oldTags.length * 2];
        tags = new int[oldTags.length * 2];
        size = 0;
        for (int slot = 0; slot < oldTags.length; slot++) {
            if (oldTags[slot] != 0) {
                add(oldHigh[slot], oldLow[slot], oldTags[slot]);
            }
        }
    }

    private static int firstSlot(long taskHigh, long taskLow, int tag, int capacity) {
        long hash = taskHigh * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(taskLow, 29) ^ tag * 0xC2B2AE3D27D4EB4FL;
        hash ^= hash >>> 31;
        hash *= 0xBF58476D1CE4E5B9L;
        hash ^= hash >>> 29;
        return (int) hash & (capacity - 1);
    }

    private static int tag(int attempt, Kind kind) {
        if (attempt < 1 || attempt > Integer.MAX_VALUE >> 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        return attempt << 1 | kind.ordinal();
    }

    private static UUID keyOf(String taskId) {
        try {
            UUID uuid = UUID.fromString(taskId);
            if (uuid.toString().equals(taskId)) {
                return uuid; // only the canonical form: "A..." and "a..." are different aggregate ids
            }
        } catch (IllegalArgumentException notAUuid) {
            // reduced below
        }
        return UUID.nameUUIDFromBytes(("aviary-movement:" + taskId).getBytes(StandardCharsets.UTF_8));
    }

    /** Same keys, whatever the table layout (aggregate test fixtures compare states with equals). */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MovementKeys that) || that.size != size) {
            return false;
        }
        for (int slot = 0; slot < tags.length; slot++) {
            if (tags[slot] != 0 && that.slotOf(high[slot], low[slot], tags[slot]) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int slot = 0; slot < tags.length; slot++) {
            if (tags[slot] != 0) {
                hash += Long.hashCode(high[slot] ^ low[slot]) * 31 + tags[slot];
            }
        }
        return hash;
    }

    @Override
    public String toString() {
        return "MovementKeys[" + size + "]";
    }
}
