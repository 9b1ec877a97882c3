package io.aviary.command.task;

import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.task.TaskCommands.CancelTask;
import io.aviary.command.task.TaskCommands.CompleteTask;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.task.TaskCommands.StartTask;
import io.aviary.command.security.CurrentPrincipal;
import io.aviary.command.security.OwnWorker;
import io.aviary.command.web.CommandSender;
import io.aviary.command.web.QueryApiProperties;
import io.aviary.events.user.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** Task commands over HTTP: each request becomes one command; answers are 202 with the task's query URL. */
@RestController
@RequestMapping("/api/v1/tasks")
public class TaskController {

    private final CommandSender commands;
    private final TaskPricing pricing;
    private final QueryApiProperties queryApi;
    private final AssignedAttempts attempts;
    private final FleetView fleet;
    private final CatchUpSignal fleetCaughtUp;

    public TaskController(CommandSender commands, TaskPricing pricing, QueryApiProperties queryApi,
                          AssignedAttempts attempts, FleetView fleet, CatchUpSignal fleetCaughtUp) {
        this.commands = commands;
        this.pricing = pricing;
        this.queryApi = queryApi;
        this.attempts = attempts;
        this.fleet = fleet;
        this.fleetCaughtUp = fleetCaughtUp;
    }

    /**
     * Submits a task; with a repeated idempotency key, answers the first task's id and creates nothing. When no
     * worker could take it (no AVAILABLE worker runs its type or carries its labels), the answer is still 202, with a
     * {@code warnings} entry saying so: the task waits until such a worker registers.
     */
    @PostMapping
    @RolesAllowed({"ADMIN", "MANAGER"})
    public ResponseEntity<TaskIdResponse> create(@Valid @RequestBody CreateTaskRequest request) {
        TaskPricing.Prices prices = pricing.next();
        String taskId = commands.send(new CreateTask(TaskIds.newTaskId(request.idempotencyKey()), request.type(),
                request.payload(), request.priority(), request.requiredLabels(), request.maxAttempts(),
                request.timeoutMs(), request.idempotencyKey(), prices.assignmentFee(), prices.completionReward()));
        List<String> warnings = fleetCaughtUp.isCaughtUp()
                ? fleet.whyNoWorkerCanTake(request.type(), request.requiredLabels()).map(List::of).orElse(List.of())
                : List.of();
        return ResponseEntity.accepted()
                .location(queryApi.locationOf("tasks", taskId))
                .body(new TaskIdResponse(taskId, warnings));
    }

    @PostMapping("/{taskId}/cancel")
    @RolesAllowed({"ADMIN", "MANAGER"})
    public ResponseEntity<TaskIdResponse> cancel(@PathVariable String taskId,
                                                 @Valid @RequestBody(required = false) CancelTaskRequest request) {
        commands.send(new CancelTask(taskId, request != null ? request.reason() : null));
        return accepted(taskId);
    }

    /** An agent starts its attempt: the body's worker must be the agent's own (403), and assigned the attempt (409). */
    @PostMapping("/{taskId}/start")
    @RolesAllowed("AGENT")
    public ResponseEntity<TaskIdResponse> start(@PathVariable String taskId,
                                                @Valid @RequestBody StartTaskRequest request) {
        OwnWorker.require(CurrentPrincipal.require(), request.workerId(), "start task " + taskId);
        commands.send(new StartTask(taskId, request.workerId(), request.attempt()));
        return accepted(taskId);
    }

    /**
     * Reports an attempt's outcome. An agent names its worker and the attempt. A WORKER person acts as the worker
     * their token names: {@code workerId} may be omitted (if given, it must be theirs), and so may {@code attempt}
     * (then: the task's current attempt). Either way the attempt must be assigned to that worker (else 409).
     */
    @PostMapping("/{taskId}/complete")
    @RolesAllowed({"AGENT", "WORKER"})
    public ResponseEntity<TaskIdResponse> complete(@PathVariable String taskId,
                                                   @Valid @RequestBody CompleteTaskRequest request) {
        CurrentPrincipal caller = CurrentPrincipal.require();
        boolean person = caller.has(Role.WORKER) && !caller.has(Role.AGENT);
        String workerId = request.workerId() != null ? request.workerId() : person ? caller.workerId() : null;
        if (workerId == null || (!person && request.attempt() == null)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "workerId and attempt are required (only a WORKER person may omit them)");
        }
        OwnWorker.require(caller, workerId, "complete task " + taskId);
        int attempt = request.attempt() != null ? request.attempt() : attempts.currentAttempt(taskId);
        commands.send(new CompleteTask(taskId, workerId, attempt, request.outcome(), request.output(),
                request.message()));
        return accepted(taskId);
    }

    private ResponseEntity<TaskIdResponse> accepted(String taskId) {
        return ResponseEntity.accepted()
                .location(queryApi.locationOf("tasks", taskId))
                .body(new TaskIdResponse(taskId));
    }
}
