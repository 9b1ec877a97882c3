package io.aviary.command.account;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the accounts ({@code aviary.accounts.*}).
 *
 * @param snapshotThreshold Events of an account after which it is snapshotted, so that loading it reads at most that
 *                          many events after the latest snapshot. Env AVIARY_ACCOUNTS_SNAPSHOTTHRESHOLD.
 * @param processorBatchSize At most this many stored events per batch of the {@code accounting} tracking processor
 *                          ({@link AccountingProcess}): one unit of work, one transaction and one token update per
 *                          batch instead of per event (Axon's default batch is one). The batch's commands are still
 *                          sent one after the other and see each other's effects (an account loaded twice in the
 *                          batch is the same instance); a failure rolls the whole batch back and it is retried, every
 *                          command being idempotent. 1 = the former behaviour. ADR 0014; env
 *                          AVIARY_ACCOUNTS_PROCESSORBATCHSIZE.
 * @param deadLetterMaxSequences How many sequences (tasks or workers whose accounting failed) the accounting
 *                          dead-letter queue holds; when full, a further failure stops the processor (as before the
 *                          queue existed) instead of being dropped. Env AVIARY_ACCOUNTS_DEADLETTERMAXSEQUENCES.
 */
@Validated
@ConfigurationProperties("aviary.accounts")
public record AccountProperties(@Min(1) @DefaultValue("500") int snapshotThreshold,
                                @Min(1) @DefaultValue("50") int processorBatchSize,
                                @Min(1) @DefaultValue("1024") int deadLetterMaxSequences) {
}
