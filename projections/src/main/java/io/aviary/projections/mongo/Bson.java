package io.aviary.projections.mongo;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small conversions between event values and what a BSON document stores. */
public final class Bson {

    private Bson() {
    }

    /** BSON dates hold milliseconds: truncate on the way in so that what is compared is what is stored. */
    public static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public static int intValue(Document document, String field, int fallback) {
        Object value = document.get(field);
        return value instanceof Number number ? number.intValue() : fallback;
    }

    public static long longValue(Document document, String field, long fallback) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : fallback;
    }

    /**
     * A free-form JSON object (payload, output) made storable: Jackson turns very large integers into
     * {@link BigInteger}, which has no BSON codec; such a value would fail every retry of its batch.
     */
    @SuppressWarnings("unchecked")
    public static Object storable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, nested) -> copy.put(String.valueOf(key), storable(nested)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(nested -> copy.add(storable(nested)));
            return copy;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : decimal(big);
        }
        return value;
    }

    private static Object decimal(BigInteger big) {
        try {
            return new Decimal128(new BigDecimal(big));
        } catch (NumberFormatException tooManyDigits) {
            return big.toString();
        }
    }

    /** A stored JSON object back as a map (a {@link Document} is a map already); {@code null} stays null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> stringMap(Document document, String field) {
        Object value = document.get(field);
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, nested) -> copy.put(String.valueOf(key), nested == null ? null : String.valueOf(nested)));
        return copy;
    }

    public static List<String> stringList(Document document, String field) {
        List<String> values = document.getList(field, String.class);
        return values == null ? List.of() : List.copyOf(values);
    }
}
