package io.aviary.query.account;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The one secondary index the account and analytics queries use: {@code accounts.balance}, for counting negative
 * balances of an open billing cycle (real MongoDB; the embedded server ignores it and scans). Everything else is read
 * by {@code _id}. A failure only logs.
 */
@Component
class AccountIndexes implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountIndexes.class);

    private final MongoDatabase database;

    AccountIndexes(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            database.getCollection("accounts").createIndex(Indexes.ascending("balance"));
        } catch (MongoException e) {
            log.warn("Index accounts.balance not created (queries still work, by scanning): {}", e.toString());
        }
    }
}
