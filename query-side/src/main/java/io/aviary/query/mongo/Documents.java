package io.aviary.query.mongo;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading fields of read-model documents leniently: a missing field is {@code null} (or empty), never an error. */
public final class Documents {

    private Documents() {
    }

    public static Instant instant(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Date date ? date.toInstant() : null;
    }

    public static Integer integer(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.intValue() : null;
    }

    public static int intValue(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.intValue() : 0;
    }

    public static List<String> strings(Document document, String field) {
        List<String> values = document.getList(field, String.class);
        return values == null ? List.of() : values;
    }

    /** A stored JSON object ({@code Document} is a map) or {@code null}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    public static Map<String, String> stringMap(Document document, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Object> map = object(document, field);
        if (map != null) {
            map.forEach((key, value) -> values.put(key, value == null ? null : String.valueOf(value)));
        }
        return values;
    }

    public static List<Document> documents(Document document, String field) {
        List<Document> values = document.getList(field, Document.class);
        return values == null ? List.of() : values;
    }
}
