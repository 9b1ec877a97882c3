package io.aviary.query.web;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the page's items
 * @param page  0-based page number
 * @param size  page size used (the requested one, at most {@link #MAX_SIZE})
 * @param total items matching the filters over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The page size actually served: larger requests are capped. */
    public static int cappedSize(int requested) {
        return Math.min(requested, MAX_SIZE);
    }

    /** Documents to skip for a page, or -1 when the page lies beyond anything a find could skip to. */
    public static int offset(int page, int size) {
        long offset = (long) page * size;
        return offset > Integer.MAX_VALUE ? -1 : (int) offset;
    }
}
