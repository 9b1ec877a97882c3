package io.aviary.command.task;

import io.aviary.command.task.TaskCommands.CancelTask;
import io.aviary.command.task.TaskCommands.CompleteTask;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.task.TaskCommands.StartTask;
import io.aviary.command.web.CommandSender;
import io.aviary.command.web.QueryApiProperties;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Task commands over HTTP: each request becomes one command; answers are 202 with the task's query URL. */
@RestController
@RequestMapping("/api/v1/tasks")
public class TaskController {

    private final CommandSender commands;
    private final TaskPricing pricing;
    private final QueryApiProperties queryApi;

    public TaskController(CommandSender commands, TaskPricing pricing, QueryApiProperties queryApi) {
        this.commands = commands;
        this.pricing = pricing;
        this.queryApi = queryApi;
    }

    /** Submits a task; with a repeated idempotency key, answers the first task's id and creates nothing. */
    @PostMapping
    public ResponseEntity<TaskIdResponse> create(@Valid @RequestBody CreateTaskRequest request) {
        TaskPricing.Prices prices = pricing.next();
        String taskId = commands.send(new CreateTask(TaskIds.newTaskId(request.idempotencyKey()), request.type(),
                request.payload(), request.priority(), request.requiredLabels(), request.maxAttempts(),
                request.timeoutMs(), request.idempotencyKey(), prices.assignmentFee(), prices.completionReward()));
        return accepted(taskId);
    }

    @PostMapping("/{taskId}/cancel")
    public ResponseEntity<TaskIdResponse> cancel(@PathVariable String taskId,
                                                 @Valid @RequestBody(required = false) CancelTaskRequest request) {
        commands.send(new CancelTask(taskId, request != null ? request.reason() : null));
        return accepted(taskId);
    }

    @PostMapping("/{taskId}/start")
    public ResponseEntity<TaskIdResponse> start(@PathVariable String taskId,
                                                @Valid @RequestBody StartTaskRequest request) {
        commands.send(new StartTask(taskId, request.workerId(), request.attempt()));
        return accepted(taskId);
    }

    @PostMapping("/{taskId}/complete")
    public ResponseEntity<TaskIdResponse> complete(@PathVariable String taskId,
                                                   @Valid @RequestBody CompleteTaskRequest request) {
        commands.send(new CompleteTask(taskId, request.workerId(), request.attempt(), request.outcome(),
                request.output(), request.message()));
        return accepted(taskId);
    }

    private ResponseEntity<TaskIdResponse> accepted(String taskId) {
        return ResponseEntity.accepted()
                .location(queryApi.locationOf("tasks", taskId))
                .body(new TaskIdResponse(taskId));
    }
}
