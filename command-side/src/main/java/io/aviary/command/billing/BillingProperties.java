package io.aviary.command.billing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Billing cycles ({@code aviary.billing.*}). A cycle is a calendar day in {@code zone}; it is closed every day at
 * {@code closeAt} (the day before is closed), and on start every cycle of the last {@code catchUpDays} days whose close
 * time has passed and that is not closed yet.
 *
 * @param closeAt          Time of day of the daily close, in {@code zone}; the cycle closed is the previous day.
 *                         Env AVIARY_BILLING_CLOSEAT (e.g. {@code 00:05}).
 * @param zone             Time zone of the billing days. Env AVIARY_BILLING_ZONE (e.g. {@code Europe/Paris}).
 * @param catchUpDays      How many past days a close looks back for cycles that were missed (downtime). 0 turns the
 *                         catch-up off. Env AVIARY_BILLING_CATCHUPDAYS.
 * @param schedulerEnabled Whether this replica runs the daily close and the catch-up. Every replica may: each
 *                         (account, date) closes once. Env AVIARY_BILLING_SCHEDULERENABLED.
 * @param catchUpWait      How long a scheduled close waits for the accounting processors to catch up with the event
 *                         store (so that the balances hold every movement) before it closes anyway; when another
 *                         replica owns them, this replica cannot tell. Env AVIARY_BILLING_CATCHUPWAIT.
 */
@Validated
@ConfigurationProperties("aviary.billing")
public record BillingProperties(
        @NotNull @DefaultValue("00:05") LocalTime closeAt,
        @NotNull @DefaultValue("UTC") ZoneId zone,
        @Min(0) @Max(366) @DefaultValue("7") int catchUpDays,
        @DefaultValue("true") boolean schedulerEnabled,
        @NotNull @DefaultValue("2m") Duration catchUpWait) {
}
