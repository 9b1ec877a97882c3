package io.aviary.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

/** The line under a paged table: how much of the list it shows and how to see more. */
public final class Pages {

    private Pages() {
    }

    public static String footer(JsonNode page, String noun) {
        int shown = page.path("items").size();
        long total = page.path("total").asLong(shown);
        int number = page.path("page").asInt(0);
        int size = page.path("size").asInt(Math.max(shown, 1));
        if (total == 0) {
            return "No " + noun;
        }
        if (shown == total) {
            return total + " " + noun;
        }
        long first = (long) number * size + 1;
        String more = first + shown - 1 < total ? "; --page " + (number + 1) + " for more" : "";
        return shown == 0 ? "Page " + number + " is past the end of " + total + " " + noun
                : first + "-" + (first + shown - 1) + " of " + total + " " + noun + more;
    }
}
