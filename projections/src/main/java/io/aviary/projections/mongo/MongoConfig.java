package io.aviary.projections.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** The database of the read models, on the {@link MongoClient} Spring Boot builds from {@code spring.data.mongodb}. */
@Configuration(proxyBeanMethods = false)
class MongoConfig {

    @Bean
    MongoClientSettingsBuilderCustomizer serverSelectionTimeout(MongoSettings settings) {
        return builder -> builder.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                settings.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, MongoSettings settings) {
        return client.getDatabase(settings.database());
    }
}
