package io.aviary.query.area;

import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;

/**
 * A webhook delivery that fired an AREA (a replayed delivery id fires once, so it is listed once; a delivery with a
 * bad signature fires nothing and is not listed).
 *
 * @param deliveryId      the sender's {@code X-Aviary-Delivery}
 * @param firedAt         when it fired the AREA
 * @param executionId     the execution it started
 * @param executionNumber that execution's number ({@code /executions} lists it)
 * @param version         the definition version it ran
 */
public record Delivery(String deliveryId, Instant firedAt, String executionId, long executionNumber, int version) {

    static Delivery of(Document doc) {
        return new Delivery(doc.getString("deliveryId"), instant(doc, "firedAt"), doc.getString("executionId"),
                AreaDetail.count(doc, "executionOrdinal"), intValue(doc, "version"));
    }
}
