package io.aviary.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Builds a path with encoded segments and query parameters; {@code null} parameters are left out. */
public final class QueryString {

    private final StringBuilder path;
    private final StringJoiner params = new StringJoiner("&", "?", "");
    private boolean any;

    private QueryString(String path) {
        this.path = new StringBuilder(path);
    }

    public static QueryString path(String path) {
        return new QueryString(path);
    }

    /** Appends {@code /segment}, encoded. */
    public QueryString segment(String segment) {
        path.append('/').append(encode(segment));
        return this;
    }

    public QueryString param(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            params.add(encode(name) + "=" + encode(value.toString()));
            any = true;
        }
        return this;
    }

    @Override
    public String toString() {
        return any ? path + params.toString() : path.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
