package io.aviary.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Which browser origins may call the command API ({@code aviary.cors.*}): the web dashboard is served by the query
 * side, another origin, and logs in and submits tasks here.
 *
 * @param allowedOrigins origins allowed to call {@code /api/v1/**} from a browser ({@code AVIARY_CORS_ALLOWED_ORIGINS},
 *                       comma-separated; unset: the query side's URL {@code AVIARY_QUERY_BASE_URL}, else
 *                       {@code http://localhost:8081}). Exact origins (scheme, host, port; no path). The dashboard
 *                       sends a bearer header and never cookies, so no credentials are allowed.
 */
@ConfigurationProperties("aviary.cors")
public record CorsProperties(@DefaultValue("http://localhost:8081") List<String> allowedOrigins) {
}
