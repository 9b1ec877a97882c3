package io.aviary.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Base of every command that does something: runs it with a {@link CommandContext} and turns a
 * {@link CliException} into one line on stderr and its exit code, so the codes hold however the command line was
 * built (also {@code new CommandLine(new AviaryCli(env))} in tests).
 */
public abstract class ApiCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            AviaryCli root = (AviaryCli) spec.root().userObject();
            return execute(root.context(spec.commandLine()));
        } catch (CliException e) {
            err.println(e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("Unexpected error: " + e);
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    /** Does the work; answers the exit code (usually {@link ExitCodes#OK}). */
    protected abstract int execute(CommandContext context);
}
