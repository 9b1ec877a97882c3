package io.aviary.reliability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures a guarantee is stated with (runs, kills, events, lost and duplicated counts): logged, and appended as
 * one Markdown table row per test to {@code target/reliability-figures.md} (system property
 * {@code aviary.reliability.figures}), from which the README's "Guarantees" table takes its latest figures.
 */
public final class Figures {

    private static final Logger log = LoggerFactory.getLogger(Figures.class);

    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String test) {
        this.test = test;
    }

    public static Figures of(String test) {
        return new Figures(test);
    }

    public Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public Object get(String name) {
        return values.get(name);
    }

    /** Logs the figures and appends them to the figures file. */
    public void report() {
        String line = values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        log.info("FIGURES {}{}: {}", test, Soak.enabled() ? " (soak)" : "", line);
        String file = System.getProperty("aviary.reliability.figures");
        if (file == null) {
            return;
        }
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, "| " + test + " | " + (Soak.enabled() ? "soak" : "default") + " | " + line + " | "
                            + Instant.now() + " |\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
