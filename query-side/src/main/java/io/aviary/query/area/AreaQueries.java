package io.aviary.query.area;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.aviary.query.web.Page;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code areas} ({@code _id} = area id), {@code area_executions} and {@code area_deliveries} ({@code _id} =
 * {@code <areaId>:<n>}, the AREA's n-th execution / delivery). A page of executions or deliveries is one read of the
 * AREA (for the count) and one {@code _id $in} of the keys of that page: never a scan. Only the AREA list filters and
 * sorts, by scanning on the embedded server (AREAs are few).
 */
@Component
class AreaQueries {

    /** The list leaves the definition's details on the server. */
    private static final Bson SUMMARY_FIELDS = Projections.include("name", "owner", "version", "state",
            "action.type", "trigger.kind", "lastFireAt", "nextFireAt", "executions", "lastExecution");

    private final MongoCollection<Document> areas;
    private final MongoCollection<Document> executions;
    private final MongoCollection<Document> deliveries;
    private final WebhookUrlProperties urls;

    AreaQueries(MongoDatabase database, WebhookUrlProperties urls) {
        this.areas = database.getCollection("areas");
        this.executions = database.getCollection("area_executions");
        this.deliveries = database.getCollection("area_deliveries");
        this.urls = urls;
    }

    /** AREAs, newest first, optionally in one state. */
    Page<AreaSummary> find(AreaState state, int page, int size) {
        Bson filter = state == null ? new Document() : Filters.eq("state", state.name());
        long total = areas.countDocuments(filter);
        int offset = Page.offset(page, size);
        List<Document> docs = new ArrayList<>();
        if (offset >= 0 && offset < total) {
            areas.find(filter).projection(SUMMARY_FIELDS).sort(Sorts.orderBy(Sorts.descending("createdAt"),
                    Sorts.ascending("_id"))).skip(offset).limit(size).into(docs);
        }
        return new Page<>(docs.stream().map(AreaSummary::of).toList(), page, size, total);
    }

    Optional<AreaDetail> findById(String areaId) {
        return area(areaId).map(doc -> AreaDetail.of(doc, urls));
    }

    /** An AREA's executions, newest first; empty when the AREA does not exist. */
    Optional<Page<Execution>> executions(String areaId, int page, int size) {
        return area(areaId).map(area -> numbered(executions, areaId, AreaDetail.count(area, "executions"), page,
                size, Execution::of));
    }

    /** An AREA's webhook deliveries, newest first; empty when the AREA does not exist. */
    Optional<Page<Delivery>> deliveries(String areaId, int page, int size) {
        return area(areaId).map(area -> numbered(deliveries, areaId, AreaDetail.count(area, "deliveries"), page,
                size, Delivery::of));
    }

    /**
     * A page of documents numbered 0..count-1 per AREA, newest (highest number) first: the page's keys are computed,
     * then read by {@code _id}. A number without a document yet (its write is under way) is left out.
     */
    private static <T> Page<T> numbered(MongoCollection<Document> collection, String areaId, long count, int page,
                                        int size, Function<Document, T> mapper) {
        long newest = count - 1 - (long) page * size;
        List<String> keys = new ArrayList<>();
        for (long n = newest; n >= 0 && n > newest - size; n--) {
            keys.add(areaId + ":" + n);
        }
        List<Document> docs = keys.isEmpty() ? List.of()
                : collection.find(Filters.in("_id", keys)).into(new ArrayList<>());
        List<T> items = docs.stream()
                .sorted(Comparator.comparingLong((Document doc) -> AreaDetail.count(doc, "ordinal")).reversed())
                .map(mapper).toList();
        return new Page<>(items, page, size, count);
    }

    private Optional<Document> area(String areaId) {
        return Optional.ofNullable(areas.find(Filters.eq("_id", areaId)).first());
    }
}
