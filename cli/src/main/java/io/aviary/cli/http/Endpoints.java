package io.aviary.cli.http;

/**
 * Base URLs of the three APIs, without a trailing slash.
 *
 * @param commandUrl     command-side, e.g. {@code http://localhost:8080}
 * @param queryUrl       query-side, e.g. {@code http://localhost:8081}
 * @param projectionsUrl projections, e.g. {@code http://localhost:8082}
 */
public record Endpoints(String commandUrl, String queryUrl, String projectionsUrl) {

    public static final String DEFAULT_COMMAND_URL = "http://localhost:8080";
    public static final String DEFAULT_QUERY_URL = "http://localhost:8081";
    public static final String DEFAULT_PROJECTIONS_URL = "http://localhost:8082";

    public Endpoints {
        commandUrl = trim(commandUrl);
        queryUrl = trim(queryUrl);
        projectionsUrl = trim(projectionsUrl);
    }

    public String base(Api api) {
        return switch (api) {
            case COMMAND -> commandUrl;
            case QUERY -> queryUrl;
            case PROJECTIONS -> projectionsUrl;
        };
    }

    /** The first non-blank of an option's value, the config file's value and the default. */
    public static String choose(String option, String configured, String fallback) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return configured != null && !configured.isBlank() ? configured : fallback;
    }

    private static String trim(String url) {
        String value = url.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }
}
