package io.aviary.command.area.webhook;

import io.aviary.command.secrets.SecretBox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;

/** The webhook table (created here; {@code schema.sql} holds Axon's tables only), secrets and rate limits. */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public Webhooks webhooks(DataSource dataSource, JdbcTemplate jdbc, SecretBox secretBox,
                             ObjectProvider<Clock> clock) {
        new ResourceDatabasePopulator(new ClassPathResource("io/aviary/command/area/webhook-schema.sql"))
                .execute(dataSource);
        return new Webhooks(jdbc, secretBox, new SecureRandom(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public WebhookRateLimits webhookRateLimits(WebhookProperties properties) {
        return new WebhookRateLimits(properties);
    }
}
