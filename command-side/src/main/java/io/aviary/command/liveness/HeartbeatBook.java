package io.aviary.command.liveness;

import io.aviary.events.liveness.Heartbeat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last heartbeat of each worker, like the compacted topic it is read from. Thread-safe. */
public class HeartbeatBook {

    private final Map<String, LastBeat> beats = new ConcurrentHashMap<>();

    /** Keeps {@code heartbeat} as the worker's latest (topic order decides, as compaction does). */
    public void record(String workerId, Heartbeat heartbeat, Instant receivedAt) {
        beats.put(workerId, LastBeat.of(heartbeat, receivedAt));
    }

    /** A tombstone on the topic: the worker's beats are gone. */
    public void forget(String workerId) {
        beats.remove(workerId);
    }

    /** The worker's latest heartbeat, if any. */
    public Optional<LastBeat> last(String workerId) {
        return Optional.ofNullable(beats.get(workerId));
    }
}
