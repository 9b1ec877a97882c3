package io.aviary.cli;

/** A failure to report as one line on stderr, ending the command with {@link #exitCode()}. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    public static CliException notLoggedIn(String message) {
        return new CliException(ExitCodes.UNAUTHENTICATED, message);
    }
}
