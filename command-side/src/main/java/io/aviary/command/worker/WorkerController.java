package io.aviary.command.worker;

import io.aviary.command.security.CurrentPrincipal;
import io.aviary.command.security.ForbiddenException;
import io.aviary.command.security.OwnWorker;
import io.aviary.command.security.SecurityLog;
import io.aviary.command.web.CommandSender;
import io.aviary.command.web.QueryApiProperties;
import io.aviary.command.worker.WorkerCommands.ChangeWorkerState;
import io.aviary.command.worker.WorkerCommands.DeregisterWorker;
import io.aviary.command.worker.WorkerCommands.RegisterWorker;
import io.aviary.events.worker.WorkerIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Worker commands over HTTP: each request becomes one command; answers are 202 with the worker's query URL. */
@RestController
@RequestMapping("/api/v1/workers")
public class WorkerController {

    private final CommandSender commands;
    private final QueryApiProperties queryApi;

    public WorkerController(CommandSender commands, QueryApiProperties queryApi) {
        this.commands = commands;
        this.queryApi = queryApi;
    }

    /**
     * Registers a worker, or registers it again from the same hardware (409 from other hardware). An agent registers
     * only itself: the name must be its enrolled worker's and the hardware id its enrolled hardware (else 403).
     */
    @PostMapping
    @RolesAllowed({"ADMIN", "AGENT"})
    public ResponseEntity<WorkerIdResponse> register(@Valid @RequestBody RegisterWorkerRequest request) {
        String workerId = WorkerIds.forName(request.name());
        CurrentPrincipal caller = CurrentPrincipal.require();
        if (caller.isAgentOnly()) {
            OwnWorker.require(caller, workerId, "register worker '" + request.name() + "'");
            if (!request.hardwareId().equals(caller.hardwareId())) {
                SecurityLog.refused("Refused: agent {} tried to register with a hardware id other than its enrolled "
                        + "one", caller.workerId());
                throw new ForbiddenException("An agent registers only with its enrolled hardware id");
            }
        }
        commands.send(new RegisterWorker(workerId, request.name(), request.hardwareId(), request.slots(),
                request.maxQueue(), List.copyOf(request.taskTypes()), request.labels()));
        return accepted(workerId);
    }

    @PutMapping("/{workerId}/state")
    @RolesAllowed({"ADMIN", "MANAGER"})
    public ResponseEntity<WorkerIdResponse> changeState(@PathVariable String workerId,
                                                        @Valid @RequestBody ChangeWorkerStateRequest request) {
        commands.send(new ChangeWorkerState(workerId, request.targetState(),
                request.reason() != null ? request.reason() : "changed by an operator"));
        return accepted(workerId);
    }

    /** Deregisters the worker; the dispatcher re-queues its unfinished tasks. */
    @DeleteMapping("/{workerId}")
    @RolesAllowed({"ADMIN", "MANAGER"})
    public ResponseEntity<WorkerIdResponse> deregister(@PathVariable String workerId) {
        commands.send(new DeregisterWorker(workerId, "deregistered by an operator"));
        return accepted(workerId);
    }

    private ResponseEntity<WorkerIdResponse> accepted(String workerId) {
        return ResponseEntity.accepted()
                .location(queryApi.locationOf("workers", workerId))
                .body(new WorkerIdResponse(workerId));
    }
}
