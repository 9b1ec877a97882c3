package io.aviary.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aviary.cli.ApiCommand;
import io.aviary.cli.CliException;
import io.aviary.cli.CommandContext;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.config.Config;
import io.aviary.cli.http.Endpoints;
import io.aviary.cli.http.Jwt;
import io.aviary.cli.output.Details;
import picocli.CommandLine.Command;

@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show the stored login: user, roles, servers (from the config file; no server call).")
public final class WhoamiCommand extends ApiCommand {

    @Override
    protected int execute(CommandContext context) {
        Config config = context.api().session().config();
        if (!config.loggedIn()) {
            throw CliException.notLoggedIn("Not logged in: run `aviary login`");
        }
        JsonNode claims = Jwt.claims(config.accessToken());
        Endpoints servers = context.api().endpoints();
        ObjectNode answer = JsonNodeFactory.instance.objectNode()
                .put("username", config.username())
                .put("subject", claims.path("sub").asText(null))
                .put("workerId", claims.path("workerId").asText(null))
                .put("commandUrl", servers.commandUrl())
                .put("queryUrl", servers.queryUrl())
                .put("projectionsUrl", servers.projectionsUrl())
                .put("accessTokenExpiresAt", config.accessTokenExpiresAt());
        Jwt.roles(config.accessToken()).forEach(answer.putArray("roles")::add);
        context.output().emit(answer, () -> context.output().details(new Details()
                .add("User", config.username())
                .add("Roles", String.join(", ", Jwt.roles(config.accessToken())))
                .add("Worker", claims.path("workerId").asText(null))
                .add("Command API", servers.commandUrl())
                .add("Query API", servers.queryUrl())
                .add("Projections API", servers.projectionsUrl())
                .add("Token expires", config.accessTokenExpiresAt() + " (renewed automatically)")));
        return ExitCodes.OK;
    }
}
