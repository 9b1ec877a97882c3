package io.aviary.command.user;

import io.aviary.command.security.CurrentPrincipal;
import io.aviary.events.user.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Users and their roles, for admins. User and role changes are events; passwords are not. */
@RestController
@RequestMapping("/api/v1/users")
@RolesAllowed("ADMIN")
public class UserController {

    private final UserAccounts users;

    public UserController(UserAccounts users) {
        this.users = users;
    }

    /** Creates a user: 201 with its id; 409 if the username (in any case) is taken. */
    @PostMapping
    public ResponseEntity<UserIdResponse> create(@Valid @RequestBody CreateUserRequest request) {
        String userId = users.create(request.username(), request.password(), roles(request.roles()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new UserIdResponse(userId));
    }

    /**
     * Replaces a user's roles. Tokens issued afterwards (login, refresh) carry them; an access token already issued
     * keeps its roles until it expires.
     */
    @PutMapping("/{userId}/roles")
    public ResponseEntity<UserIdResponse> changeRoles(@PathVariable String userId,
                                                      @Valid @RequestBody ChangeUserRolesRequest request) {
        users.changeRoles(userId, roles(request.roles()));
        return ResponseEntity.accepted().body(new UserIdResponse(userId));
    }

    /**
     * Deletes a user: 202; it can no longer log in or refresh, and the command side refuses its access tokens issued
     * so far (the query side accepts them until they expire, at most the access-token lifetime). 404 for an unknown
     * or already deleted user, 409 for your own user. The username may be created again.
     */
    @DeleteMapping("/{userId}")
    public ResponseEntity<UserIdResponse> delete(@PathVariable String userId) {
        users.delete(userId, CurrentPrincipal.require().subject());
        return ResponseEntity.accepted().body(new UserIdResponse(userId));
    }

    private static Set<Role> roles(List<Role> roles) {
        return roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }
}
