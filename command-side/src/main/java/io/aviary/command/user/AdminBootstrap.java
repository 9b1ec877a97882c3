package io.aviary.command.user;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.auth.OpaqueTokens;
import io.aviary.command.security.AuthProperties;
import io.aviary.events.user.Role;
import io.aviary.events.user.UserIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Creates the {@code admin} user on the first start, with the password from {@code AVIARY_ADMIN_PASSWORD}. Without
 * one, profile {@code prod} refuses to start; otherwise a random password is generated and logged once. Replicas
 * starting together race on the credential row: the losers see the conflict and carry on quietly.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    static final String PRODUCTION_PROFILE = "prod";

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts users;
    private final UserCredentials credentials;
    private final AuthProperties properties;

    AdminBootstrap(UserAccounts users, UserCredentials credentials, AuthProperties properties,
                   Environment environment) {
        this.users = users;
        this.credentials = credentials;
        this.properties = properties;
        // Checked while the context starts, before the server takes requests: a misconfigured production start
        // fails at once and says why.
        if (!hasConfiguredPassword() && environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            throw new IllegalStateException("AVIARY_ADMIN_PASSWORD (aviary.auth.admin-password) must be set with "
                    + "profile '" + PRODUCTION_PROFILE + "': it is the password of the bootstrap user 'admin'");
        }
        if (hasConfiguredPassword() && !fitsPolicy(properties.adminPassword())) {
            throw new IllegalStateException("AVIARY_ADMIN_PASSWORD must be " + Passwords.MIN_LENGTH
                    + " to " + Passwords.MAX_BYTES + " bytes long");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (credentials.exists(UserIds.forUsername(ADMIN))) {
            return;
        }
        boolean generated = !hasConfiguredPassword();
        String password = generated ? OpaqueTokens.newToken() : properties.adminPassword();
        try {
            users.create(ADMIN, password, Set.of(Role.ADMIN));
        } catch (DuplicateKeyException | CommandRejectedException anotherReplicaWasFaster) {
            LOG.debug("User '{}' was created by another replica", ADMIN);
            return;
        }
        if (generated) {
            LOG.warn("generated admin password: {} (set AVIARY_ADMIN_PASSWORD to choose it; shown only once)",
                    password);
        } else {
            LOG.info("Created user '{}' with the configured password", ADMIN);
        }
    }

    private boolean hasConfiguredPassword() {
        return properties.adminPassword() != null && !properties.adminPassword().isBlank();
    }

    private static boolean fitsPolicy(String password) {
        return password.length() >= Passwords.MIN_LENGTH
                && password.getBytes(StandardCharsets.UTF_8).length <= Passwords.MAX_BYTES;
    }
}
