package io.aviary.query.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.PermitAll;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dashboard/config.json}: what the dashboard needs before anyone logged in: where to log in and send
 * commands. Public, and it holds nothing secret.
 */
@RestController
class DashboardConfigController {

    private final DashboardProperties properties;

    DashboardConfigController(DashboardProperties properties) {
        this.properties = properties;
    }

    /**
     * @param commandUrl    the command side, as the browser reaches it (login, refresh, task submission)
     * @param streamPath    the live stream on this server
     * @param streamEnabled whether the live stream serves
     */
    record DashboardConfig(String commandUrl, String streamPath, boolean streamEnabled) {
    }

    @Operation(summary = "The web dashboard's settings: the command side's URL and the live stream")
    @PermitAll
    @GetMapping("/dashboard/config.json")
    DashboardConfig config() {
        return new DashboardConfig(stripSlash(properties.commandUrl()), "/api/v1/stream",
                properties.stream().enabled());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
