package io.aviary.command.auth;

import io.aviary.command.user.UserCredential;
import io.aviary.command.user.UserCredentials;
import io.aviary.command.user.UserRoles;
import io.aviary.events.user.Role;
import io.aviary.events.worker.WorkerIds;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * What a person's access token says, read at the moment it is issued: the current roles (so a role change reaches
 * the next login or refresh), and for a WORKER the worker they are ({@code WorkerIds.forName(username)}).
 */
@Component
class UserTokenSubjects {

    private final UserCredentials credentials;
    private final UserRoles roles;

    UserTokenSubjects(UserCredentials credentials, UserRoles roles) {
        this.credentials = credentials;
        this.roles = roles;
    }

    Optional<TokenSubject> forUser(String userId) {
        return credentials.find(userId).map(this::subjectOf);
    }

    TokenSubject subjectOf(UserCredential credential) {
        Set<Role> granted = roles.of(credential.userId());
        String workerId = granted.contains(Role.WORKER) ? WorkerIds.forName(credential.username()) : null;
        return new TokenSubject(credential.userId(), credential.username(), granted, workerId, null);
    }
}
