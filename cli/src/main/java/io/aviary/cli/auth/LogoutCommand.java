package io.aviary.cli.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.config.Config;
import io.aviary.cli.http.Api;
import picocli.CommandLine.Command;

import java.util.Map;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "End the login on the server and remove the tokens from the config file (the server URLs "
                + "stay). An access token already issued stays valid until it expires (15 minutes at most).")
public final class LogoutCommand extends ApiCommand {

    @Override
    protected int execute(CommandContext context) {
        Config config = context.api().session().config();
        boolean wasLoggedIn = config.loggedIn();
        if (config.refreshToken() != null) {
            try {
                context.api().postAnonymous(Api.COMMAND, "/api/v1/auth/logout",
                        Map.of("refreshToken", config.refreshToken()));
            } catch (CliException e) {
                context.output().note("The server was not told (" + e.getMessage() + "); the tokens are removed "
                        + "here anyway");
            }
        }
        if (wasLoggedIn) {
            context.api().session().loggedOut();
        }
        context.output().emit(JsonNodeFactory.instance.objectNode().put("loggedOut", wasLoggedIn),
                () -> context.output().line(wasLoggedIn ? "Logged out" : "Not logged in"));
        return ExitCodes.OK;
    }
}
