package io.aviary.cli.support;

import io.aviary.cli.AviaryCli;
import io.aviary.cli.CliEnvironment;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the CLI in-process, as {@code aviary} would, with its own config file, stdin and captured output. */
public final class CliRunner {

    /**
     * One run.
     *
     * @param exitCode what {@code aviary} would exit with
     * @param out      stdout
     * @param err      stderr
     */
    public record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final Path configFile;
    private final boolean terminal;

    public CliRunner(Path configFile) {
        this(configFile, false);
    }

    public CliRunner(Path configFile, boolean terminal) {
        this.configFile = configFile;
        this.terminal = terminal;
    }

    public Path configFile() {
        return configFile;
    }

    public Result run(String... args) {
        return runWithStdin("", args);
    }

    public Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(configFile,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, terminal);
        CommandLine cli = AviaryCli.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
