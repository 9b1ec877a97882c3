package io.aviary.cli;

import io.aviary.cli.account.AccountsCommand;
import io.aviary.cli.analytics.AnalyticsCommand;
import io.aviary.cli.area.AreasCommand;
import io.aviary.cli.auth.LoginCommand;
import io.aviary.cli.auth.LogoutCommand;
import io.aviary.cli.auth.WhoamiCommand;
import io.aviary.cli.billing.BillingCommand;
import io.aviary.cli.config.Config;
import io.aviary.cli.config.ConfigStore;
import io.aviary.cli.http.ApiClient;
import io.aviary.cli.http.Endpoints;
import io.aviary.cli.http.HttpTransport;
import io.aviary.cli.http.Session;
import io.aviary.cli.output.Output;
import io.aviary.cli.output.OutputFormat;
import io.aviary.cli.projection.ProjectionsCommand;
import io.aviary.cli.task.TasksCommand;
import io.aviary.cli.worker.WorkersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.time.Clock;

/**
 * {@code aviary}: the platform from a terminal. Global options may be given before or after the subcommand.
 */
@Command(name = "aviary", mixinStandardHelpOptions = true, versionProvider = AviaryCli.Version.class,
        description = "Command-line client of the Aviary platform: workers, tasks, AREA automations, accounts, "
                + "billing, analytics and read-model rebuilds.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, WorkersCommand.class,
                TasksCommand.class, AreasCommand.class, AccountsCommand.class, BillingCommand.class,
                AnalyticsCommand.class, ProjectionsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:unexpected error (a bug, an unreadable config file)",
                "2:usage error (unknown command or option, bad argument, unreadable input file)",
                "3:not logged in, login expired, or 401",
                "4:forbidden (403): your role does not allow it",
                "5:not found (404)",
                "6:rejected: conflict (409), validation (400) or another 4xx",
                "7:server error (5xx), server unreachable or no answer; a rebuild that FAILED"},
        footer = "%nConfig file (mode 0600): $AVIARY_CONFIG, else $XDG_CONFIG_HOME/aviary/config.json, else "
                + "~/.config/aviary/config.json. Details: cli/README.md")
public final class AviaryCli extends CommandGroup {

    @Option(names = "--command-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Command API (default: the config file's, else " + Endpoints.DEFAULT_COMMAND_URL + ")")
    String commandUrl;

    @Option(names = "--query-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Query API (default: the config file's, else " + Endpoints.DEFAULT_QUERY_URL + ")")
    String queryUrl;

    @Option(names = "--projections-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Projections API (default: the config file's, else "
                    + Endpoints.DEFAULT_PROJECTIONS_URL + ")")
    String projectionsUrl;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Candidates.class,
            description = "table (default, for people) or json (the API's answer, for scripts)")
    OutputFormat output;

    private final CliEnvironment env;

    public AviaryCli(CliEnvironment env) {
        this.env = env;
    }

    public static void main(String... args) {
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /**
     * The command line as {@code aviary} runs it (and the tests): help as wide as the terminal, and a bad command
     * line answered with one line and a hint instead of the whole usage (issue 13).
     */
    public static CommandLine commandLine(CliEnvironment env) {
        CommandLine cli = new CommandLine(new AviaryCli(env));
        cli.setUsageHelpAutoWidth(true);
        cli.setParameterExceptionHandler(AviaryCli::shortUsageError);
        return cli;
    }

    private static int shortUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        java.io.PrintWriter err = command.getErr();
        err.println("aviary: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The context of one command: output, config, login and the servers (options over config over defaults). */
    CommandContext context(CommandLine command) {
        ConfigStore store = new ConfigStore(env.configFile());
        Config config = store.load();
        Endpoints endpoints = new Endpoints(
                Endpoints.choose(commandUrl, config.commandUrl(), Endpoints.DEFAULT_COMMAND_URL),
                Endpoints.choose(queryUrl, config.queryUrl(), Endpoints.DEFAULT_QUERY_URL),
                Endpoints.choose(projectionsUrl, config.projectionsUrl(), Endpoints.DEFAULT_PROJECTIONS_URL));
        HttpTransport http = new HttpTransport();
        Session session = new Session(store, config, http, Clock.systemUTC(), endpoints.commandUrl());
        Output out = new Output(command.getOut(), command.getErr(), output == null ? OutputFormat.TABLE : output);
        if (store.exposed()) {
            out.note("Warning: " + store.file() + " holds your login and others may read it: chmod 600 "
                    + store.file());
        }
        return new CommandContext(out, new ApiClient(endpoints, session, http), env);
    }

    /** The version from the jar's manifest ({@code dev} when run from classes). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AviaryCli.class.getPackage().getImplementationVersion();
            return new String[]{"aviary-cli " + (version == null ? "dev" : version)};
        }
    }
}
