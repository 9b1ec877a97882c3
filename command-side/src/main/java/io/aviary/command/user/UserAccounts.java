package io.aviary.command.user;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.security.SecurityClock;
import io.aviary.command.user.UserCommands.ChangeUserRoles;
import io.aviary.command.user.UserCommands.CreateUser;
import io.aviary.command.web.CommandSender;
import io.aviary.events.user.Role;
import io.aviary.events.user.UserIds;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Set;

/**
 * Creating users and changing their roles. A creation writes the password hash to {@code user_credentials} and sends
 * {@link CreateUser} in ONE transaction (Axon's unit of work joins it): either the user exists with a password, or
 * nothing was written. The credential row goes first: its primary key makes a concurrent creation of the same
 * username wait for this one and then fail, so two creations never race inside the aggregate.
 */
@Service
public class UserAccounts {

    private final UserCredentials credentials;
    private final CommandSender commands;
    private final PasswordEncoder passwords;
    private final SecurityClock clock;

    UserAccounts(UserCredentials credentials, CommandSender commands, PasswordEncoder passwords,
                 SecurityClock clock) {
        this.credentials = credentials;
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
}
