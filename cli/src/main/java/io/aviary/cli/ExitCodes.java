package io.aviary.cli;

/**
 * What the exit status of {@code aviary} means. Scripts branch on these; keep them stable and in step with
 * {@code cli/README.md}.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** Anything unexpected: a bug, or a local file that cannot be read or written. */
    public static final int FAILURE = 1;
    /** Bad command line: unknown command or option, missing or malformed argument (picocli's own code). */
    public static final int USAGE = 2;
    /** Not logged in, the login expired, or the server answered 401. */
    public static final int UNAUTHENTICATED = 3;
    /** The server answered 403: logged in, but the role does not allow it. */
    public static final int FORBIDDEN = 4;
    /** The server answered 404. */
    public static final int NOT_FOUND = 5;
    /** The server refused the request: 409 conflict, 400 validation, 429, any other 4xx. */
    public static final int REJECTED = 6;
    /** The server failed (5xx), could not be reached, or did not answer in time; or a rebuild failed. */
    public static final int UNAVAILABLE = 7;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status. */
    public static int forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            default -> status >= 500 ? UNAVAILABLE : status >= 400 ? REJECTED : FAILURE;
        };
    }
}
