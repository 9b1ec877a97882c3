package io.aviary.command.task;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /api/v1/tasks/reports:batch}: up to 1,000 reports of one agent. */
public record ReportBatchRequest(@NotNull @Size(min = 1, max = ReportBatchRequest.MAX_REPORTS)
                                 List<@Valid @NotNull AttemptReport> reports) {

    public static final int MAX_REPORTS = 1_000;
}
