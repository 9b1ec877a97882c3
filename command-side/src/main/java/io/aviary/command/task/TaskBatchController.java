package io.aviary.command.task;

import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.web.BatchFailures;
import io.aviary.command.web.BatchItemResult;
import io.aviary.command.web.CommandBatches;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Submits up to 1,000 tasks in one request ({@code POST /api/v1/tasks:batch}, used by {@code aviary tasks bulk}): one
 * request, one transaction, one commit for all of them (ADR 16). Each task is validated and created as
 * {@code POST /api/v1/tasks} would: an invalid one is answered 400 in its result and changes nothing, the others are
 * submitted; a repeated idempotency key answers the first task's id.
 */
@RestController
public class TaskBatchController {

    private final CommandBatches batches;
    private final TaskPricing pricing;
    private final Validator validator;

    public TaskBatchController(CommandBatches batches, TaskPricing pricing, Validator validator) {
        this.batches = batches;
        this.pricing = pricing;
        this.validator = validator;
    }

    @PostMapping("/api/v1/tasks:batch")
    @RolesAllowed({"ADMIN", "MANAGER"})
    public BatchResponse create(@Valid @RequestBody CreateTaskBatchRequest request) {
        List<CreateTaskRequest> tasks = request.tasks();
        BatchItemResult[] results = new BatchItemResult[tasks.size()];
        List<Integer> sent = new ArrayList<>();
        List<List<Object>> commands = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            CreateTaskRequest task = tasks.get(i);
            List<Map<String, String>> errors = task == null
                    ? List.of(Map.of("field", "tasks[" + i + "]", "message", "must not be null"))
                    : violations(task);
            if (!errors.isEmpty()) {
                results[i] = BatchItemResult.invalid(i, null, errors);
                continue;
            }
            TaskPricing.Prices prices = pricing.next();
            sent.add(i);
            commands.add(List.of(new CreateTask(TaskIds.newTaskId(task.idempotencyKey()), task.type(),
                    task.payload(), task.priority(), task.requiredLabels(), task.maxAttempts(), task.timeoutMs(),
                    task.idempotencyKey(), prices.assignmentFee(), prices.completionReward())));
        }
        List<CommandBatches.Outcome> outcomes = commands.isEmpty() ? List.of() : batches.send(commands);
        for (int n = 0; n < sent.size(); n++) {
            int i = sent.get(n);
            CommandBatches.Outcome outcome = outcomes.get(n);
            String taskId = ((CreateTask) commands.get(n).get(0)).taskId();
            results[i] = outcome.accepted() ? BatchItemResult.accepted(i, (String) outcome.result())
                    : BatchFailures.of(i, taskId, outcome.failure());
        }
        return BatchResponse.of(List.of(results));
    }

    private List<Map<String, String>> violations(CreateTaskRequest task) {
        return validator.validate(task).stream()
                .sorted(Comparator.comparing((ConstraintViolation<CreateTaskRequest> v) -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
    }
}
