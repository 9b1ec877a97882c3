package io.aviary.command.user;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.auth.RefreshTokens;
import io.aviary.command.security.SecurityClock;
import io.aviary.command.user.UserCommands.ChangeUserRoles;
import io.aviary.command.user.UserCommands.CreateUser;
import io.aviary.command.user.UserCommands.DeleteUser;
import io.aviary.command.web.CommandSender;
import io.aviary.events.user.Role;
import io.aviary.events.user.UserIds;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Set;

/**
 * Creating users and changing their roles. A creation writes the password hash to {@code user_credentials} and sends
 * {@link CreateUser} in ONE transaction (Axon's unit of work joins it): either the user exists with a password, or
 * nothing was written. The credential row goes first: its primary key makes a concurrent creation of the same
 * username wait for this one and then fail, so two creations never race inside the aggregate. A deletion likewise
 * removes the credential, revokes every refresh token and records the instant (refusing older access tokens) in the
 * transaction of its {@link DeleteUser}.
 */
@Service
public class UserAccounts {

    private final UserCredentials credentials;
    private final CommandSender commands;
    private final PasswordEncoder passwords;
    private final SecurityClock clock;
    private final DeletedUsers deletedUsers;
    private final RefreshTokens refreshTokens;

    UserAccounts(UserCredentials credentials, CommandSender commands, PasswordEncoder passwords,
                 SecurityClock clock, DeletedUsers deletedUsers, RefreshTokens refreshTokens) {
        this.credentials = credentials;
        this.deletedUsers = deletedUsers;
        this.refreshTokens = refreshTokens;
        this.commands = commands;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Creates a user.
     *
     * @return the user id
     * @throws CommandRejectedException the username is taken (409)
     */
    @Transactional
    public String create(String username, String password, Set<Role> roles) {
        String userId = UserIds.forUsername(username);
        try {
            credentials.insert(new UserCredential(userId, username, passwords.encode(password)), clock.now());
        } catch (DuplicateKeyException taken) {
            throw new CommandRejectedException("Username '" + username + "' is taken");
        }
        commands.send(new CreateUser(userId, username, roles));
        return userId;
    }

    /** Replaces the user's roles; tokens issued from now on carry them (a live access token keeps its own). */
    public void changeRoles(String userId, Set<Role> roles) {
        commands.send(new ChangeUserRoles(userId, roles));
    }

    /**
     * Deletes a user: no more logins or refreshes, and its access tokens issued until now are refused.
     *
     * @param callerId the deleting admin's user id: nobody deletes themselves (the last admin would lock everyone
     *                 out)
     * @throws CommandRejectedException the caller tried to delete themselves (409)
     * @throws org.axonframework.modelling.command.AggregateNotFoundException no such user, or deleted already (404)
     */
    @Transactional
    public void delete(String userId, String callerId) {
        if (userId.equals(callerId)) {
            throw new CommandRejectedException("You cannot delete your own user");
        }
        commands.send(new DeleteUser(userId));
        Instant now = clock.now();
        credentials.delete(userId);
        deletedUsers.record(userId, now);
        refreshTokens.revokeAllOf(userId, now);
    }
}
