package io.aviary.command.connection;

import io.aviary.command.secrets.SecretBox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;
import java.time.Clock;

/** The connection table (created here; {@code schema.sql} holds Axon's tables only) and its service. */
@Configuration(proxyBeanMethods = false)
public class ConnectionConfiguration {

    @Bean
    public Connections connections(DataSource dataSource, JdbcTemplate jdbc, SecretBox secretBox,
                                   ObjectProvider<Clock> clock) {
        new ResourceDatabasePopulator(new ClassPathResource("io/aviary/command/connection/connection-schema.sql"))
                .execute(dataSource);
        return new Connections(jdbc, secretBox, clock.getIfAvailable(Clock::systemUTC));
    }
}
