package io.aviary.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliEnvironment;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.Inputs;
import io.aviary.cli.config.Config;
import io.aviary.cli.http.Api;
import io.aviary.cli.http.ApiClient;
import io.aviary.cli.http.Endpoints;
import io.aviary.cli.http.Jwt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in and keep the login (access and refresh token, server URLs) in the config file, "
                + "readable only by you (mode 0600). Commands renew the access token on their own.",
                "The password is prompted for without echo, or read from the first line of stdin with "
                        + "--password-stdin."})
public final class LoginCommand extends ApiCommand {

    @Option(names = {"-u", "--username"}, description = "who logs in (prompted for when omitted)")
    String username;

    @Option(names = "--password-stdin", description = "read the password from stdin instead of prompting")
    boolean passwordStdin;

    @Override
    protected int execute(CommandContext context) {
        CliEnvironment env = context.env();
        String user = username != null ? username : prompt(env);
        String password = passwordStdin ? Inputs.firstLine(env.stdin()) : promptPassword(env);
        if (password.isEmpty()) {
            throw CliException.usage("Empty password");
        }
        ApiClient api = context.api();
        Config previous = api.session().config();
        JsonNode pair = api.postAnonymous(Api.COMMAND, "/api/v1/auth/login",
                Map.of("username", user, "password", password));
        api.session().loggedIn(user, pair, api.endpoints());
        endPreviousLogin(api, previous);

        Endpoints servers = api.endpoints();
        String access = pair.path("accessToken").asText();
        ObjectNode answer = JsonNodeFactory.instance.objectNode()
                .put("username", user)
                .put("commandUrl", servers.commandUrl())
                .put("queryUrl", servers.queryUrl())
                .put("projectionsUrl", servers.projectionsUrl())
                .put("configFile", env.configFile().toAbsolutePath().toString());
        Jwt.roles(access).forEach(answer.putArray("roles")::add);
        context.output().emit(answer, () -> context.output().line("Logged in to " + servers.commandUrl() + " as "
                + user + " (" + String.join(", ", Jwt.roles(access)) + "); the login is kept in "
                + env.configFile().toAbsolutePath()));
        return ExitCodes.OK;
    }

    private static String prompt(CliEnvironment env) {
        if (env.prompter() == null) {
            throw CliException.usage("No terminal to prompt on: give --username");
        }
        String user = env.prompter().readLine("Username: ");
        if (user == null || user.isBlank()) {
            throw CliException.usage("No username given");
        }
        return user.strip();
    }

    private static String promptPassword(CliEnvironment env) {
        if (env.prompter() == null) {
            throw CliException.usage("No terminal to prompt for the password on: use --password-stdin");
        }
        char[] password = env.prompter().readPassword("Password: ");
        return password == null ? "" : new String(password);
    }

    /**
     * A new login replaces the stored one: end the old one on the server too (best effort) rather than leave a
     * live refresh token behind.
     */
    private static void endPreviousLogin(ApiClient api, Config previous) {
        if (previous.refreshToken() == null || !api.endpoints().commandUrl().equals(previous.commandUrl())) {
            return;
        }
        try {
            api.postAnonymous(Api.COMMAND, "/api/v1/auth/logout", Map.of("refreshToken", previous.refreshToken()));
        } catch (CliException e) {
            // already spent or expired: nothing to end
        }
    }
}
