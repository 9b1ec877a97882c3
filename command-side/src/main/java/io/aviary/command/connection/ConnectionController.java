package io.aviary.command.connection;

import io.aviary.command.security.CurrentPrincipal;
import io.aviary.command.security.SecurityLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/**
 * Named credentials for AREA actions and reactions. Managers and admins write and list them, never read a secret
 * back; agents read the one a task names ({@code GET .../{name}/secret}), and each such read is a security log line.
 */
@RestController
@RequestMapping("/api/v1/connections")
public class ConnectionController {

    private final Connections connections;

    public ConnectionController(Connections connections) {
        this.connections = connections;
    }

    /** Stores a connection: 201 with its name and type; 409 if the name is taken. */
    @PostMapping
    @RolesAllowed({"ADMIN", "MANAGER"})
    public ResponseEntity<ConnectionSummary> create(@Valid @RequestBody ConnectionRequest request) {
        String by = CurrentPrincipal.require().username();
        ConnectionSummary created = connections.create(request, by);
        SecurityLog.notice("Connection '{}' ({}) stored by {}", created.name(), created.type(), by);
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    /** Every connection's name and type, never a secret. */
    @GetMapping
    @RolesAllowed({"ADMIN", "MANAGER"})
    public List<ConnectionSummary> list() {
        return connections.list();
    }

    /** Deletes a connection: 204; 404 if there is none of that name. Tasks naming it fail from then on. */
    @DeleteMapping("/{name}")
    @RolesAllowed({"ADMIN", "MANAGER"})
    public ResponseEntity<Void> delete(@PathVariable String name) {
        if (!connections.delete(name)) {
            throw notFound(name);
        }
        SecurityLog.notice("Connection '{}' deleted by {}", name, CurrentPrincipal.require().username());
        return ResponseEntity.noContent().build();
    }

    /** The credential in clear, for an agent running a task that names it. */
    @GetMapping("/{name}/secret")
    @RolesAllowed("AGENT")
    public Credential secret(@PathVariable String name) {
        CurrentPrincipal agent = CurrentPrincipal.require();
        Credential credential = connections.credential(name).orElseThrow(() -> notFound(name));
        SecurityLog.notice("Connection '{}' ({}) read by worker {}", name, credential.type(), agent.workerId());
        return credential;
    }

    private static ResponseStatusException notFound(String name) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No connection named '" + name + "'");
    }
}
