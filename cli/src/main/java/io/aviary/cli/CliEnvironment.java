package io.aviary.cli;

import io.aviary.cli.config.ConfigPaths;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * What the CLI takes from the process it runs in, so tests can run it in-process with their own config file,
 * stdin and terminal.
 *
 * @param configFile       where the login and the server URLs are kept
 * @param stdin            for {@code --password-stdin} and {@code tasks bulk --file -}
 * @param prompter         the terminal to prompt on, or {@code null} without one
 * @param stderrIsTerminal whether progress may redraw one line ({@code \r}) instead of printing plain lines
 */
public record CliEnvironment(Path configFile, InputStream stdin, Prompter prompter, boolean stderrIsTerminal) {

    /** Prompts on the user's terminal; a password is read without echo. */
    public interface Prompter {

        String readLine(String prompt);

        char[] readPassword(String prompt);
    }

    /** The real process: {@code AVIARY_CONFIG} or the user's config folder, {@code System.in}, the console. */
    public static CliEnvironment system() {
        Console console = System.console();
        Prompter prompter = console == null ? null : new Prompter() {
            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
        return new CliEnvironment(ConfigPaths.configFile(System.getenv(), System.getProperty("user.home")),
                System.in, prompter, stderrIsTerminal(console));
    }

    /**
     * Java 17 cannot ask whether stderr alone is a terminal: the launcher script passes {@code aviary.stderr.tty}
     * (from {@code [ -t 2 ]}); under plain {@code java -jar}, a console on stdin and stdout is the best guess.
     */
    private static boolean stderrIsTerminal(Console console) {
        String told = System.getProperty("aviary.stderr.tty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return console != null && !"dumb".equals(System.getenv("TERM"));
    }
}
