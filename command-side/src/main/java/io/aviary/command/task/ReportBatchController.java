package io.aviary.command.task;

import io.aviary.command.security.CurrentPrincipal;
import io.aviary.command.security.ForbiddenException;
import io.aviary.command.security.OwnWorker;
import io.aviary.command.task.TaskCommands.CompleteTask;
import io.aviary.command.task.TaskCommands.StartTask;
import io.aviary.command.web.BatchFailures;
import io.aviary.command.web.BatchItemResult;
import io.aviary.command.web.CommandBatches;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Agents report many attempts in one request: starts and completions of all their slots, as they happen
 * ({@code POST /api/v1/tasks/reports:batch}). One request, one security check and one transaction for the batch
 * instead of one per report (ADR 16); each report is decided as its own request would be, and answered with the status
 * that request would have had.
 */
@RestController
public class ReportBatchController {

    private final CommandBatches batches;

    public ReportBatchController(CommandBatches batches) {
        this.batches = batches;
    }

    @PostMapping("/api/v1/tasks/reports:batch")
    @RolesAllowed("AGENT")
    public BatchResponse report(@Valid @RequestBody ReportBatchRequest request) {
        CurrentPrincipal caller = CurrentPrincipal.require();
        List<AttemptReport> reports = request.reports();
        BatchItemResult[] results = new BatchItemResult[reports.size()];
        List<Integer> sent = new ArrayList<>();
        List<List<Object>> commands = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            AttemptReport report = reports.get(i);
            try {
                OwnWorker.require(caller, report.workerId(), "report on task " + report.taskId());
            } catch (ForbiddenException e) {
                results[i] = BatchFailures.of(i, report.taskId(), e);
                continue;
            }
            sent.add(i);
            commands.add(commandsOf(report));
        }
        List<CommandBatches.Outcome> outcomes = commands.isEmpty() ? List.of() : batches.send(commands);
        for (int n = 0; n < sent.size(); n++) {
            int i = sent.get(n);
            CommandBatches.Outcome outcome = outcomes.get(n);
            String taskId = reports.get(i).taskId();
            results[i] = outcome.accepted() ? BatchItemResult.accepted(i, taskId)
                    : BatchFailures.of(i, taskId, outcome.failure());
        }
        return BatchResponse.of(List.of(results));
    }

    private static List<Object> commandsOf(AttemptReport report) {
        return List.of(report.kind() == AttemptReport.Kind.START
                ? new StartTask(report.taskId(), report.workerId(), report.attempt())
                : new CompleteTask(report.taskId(), report.workerId(), report.attempt(), report.outcome(),
                report.output(), report.message()));
    }
}
