package io.aviary.cli;

import picocli.CommandLine.Option;

import java.time.LocalDate;

/** {@code --from} and {@code --to}: days, both included (the server's defaults when omitted). */
public final class DateOptions {

    @Option(names = "--from", paramLabel = "DAY", description = "first day, e.g. 2026-01-30")
    public LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "last day (included)")
    public LocalDate to;
}
