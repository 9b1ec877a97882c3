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
 */
@Validated
@ConfigurationProperties("aviary.accounts")
public record AccountProperties(@Min(1) @DefaultValue("500") int snapshotThreshold) {
}
