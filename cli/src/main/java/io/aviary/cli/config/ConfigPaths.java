package io.aviary.cli.config;

import java.nio.file.Path;
import java.util.Map;

/** Where the config file lives. */
public final class ConfigPaths {

    private ConfigPaths() {
    }

    /**
     * {@code AVIARY_CONFIG} if set; else {@code $XDG_CONFIG_HOME/aviary/config.json} if that is an absolute path (the
     * XDG base directory rule); else {@code ~/.config/aviary/config.json}.
     */
    public static Path configFile(Map<String, String> env, String userHome) {
        String explicit = env.get("AVIARY_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "aviary", "config.json");
        }
        return Path.of(userHome, ".config", "aviary", "config.json");
    }
}
