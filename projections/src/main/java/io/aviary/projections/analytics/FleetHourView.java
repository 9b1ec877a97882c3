package io.aviary.projections.analytics;

import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.longValue;

/**
 * The {@code analytics_fleet} document of one UTC hour: per task type {@link TypeStats}, per worker busy time, and
 * {@code tasks}: for every task that contributed to this hour, the highest task sequence applied here. Task events
 * arrive in sequence order, so an event at or below its task's watermark was counted already.
 */
final class FleetHourView {

    final String id;
    final Instant hour;
    final TreeMap<String, TypeStats> types = new TreeMap<>();
    final TreeMap<String, long[]> busy = new TreeMap<>();
    final TreeMap<String, Long> watermarks = new TreeMap<>();
    boolean changed;

    FleetHourView(String id, Instant hour) {
        this.id = id;
        this.hour = hour;
    }

    TypeStats type(String type) {
        return types.computeIfAbsent(type == null ? "unknown" : type, TypeStats::new);
    }

    /** Adds busy time of one finished (or interrupted) running attempt to a worker. */
    void busy(String workerId, long millis) {
        long[] entry = busy.computeIfAbsent(workerId, id -> new long[2]);
        entry[0] += Math.max(0, millis);
        entry[1]++;
    }

    /** Whether the task's event {@code seq} is not counted here yet; if so, records it as counted. */
    boolean admit(String taskId, long seq) {
        Long held = watermarks.get(taskId);
        if (held != null && seq <= held) {
            return false;
        }
        watermarks.put(taskId, seq);
        changed = true;
        return true;
    }

    Document toDocument() {
        Document tasks = new Document();
        watermarks.forEach(tasks::append);
        return new Document("_id", id)
                .append("hour", date(hour))
                .append("date", id.substring(0, 10))
                .append("types", types.values().stream().map(TypeStats::toDocument).toList())
                .append("workers", busy.entrySet().stream()
                        .map(entry -> new Document("workerId", entry.getKey()).append("busyMs", entry.getValue()[0])
                                .append("attempts", entry.getValue()[1]))
                        .toList())
                .append("tasks", tasks);
    }

    static FleetHourView fromDocument(Document document) {
        FleetHourView view = new FleetHourView(document.getString("_id"), document.getDate("hour").toInstant());
        for (Document type : document.getList("types", Document.class, List.of())) {
            TypeStats stats = TypeStats.fromDocument(type);
            view.types.put(stats.type, stats);
        }
        for (Document worker : document.getList("workers", Document.class, List.of())) {
            view.busy.put(worker.getString("workerId"),
                    new long[] {longValue(worker, "busyMs", 0), longValue(worker, "attempts", 0)});
        }
        Document tasks = document.get("tasks", Document.class);
        if (tasks != null) {
            for (Map.Entry<String, Object> entry : tasks.entrySet()) {
                view.watermarks.put(entry.getKey(), ((Number) entry.getValue()).longValue());
            }
        }
        return view;
    }
}
