package io.aviary.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The command side: REST command API, aggregates on an event store in PostgreSQL, events published to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    /** Axon's update checker would call home and write {@code ~/.axoniq}; an explicit setting still wins. */
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
