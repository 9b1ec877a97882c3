package io.aviary.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Why the platform did not come up, in the three parts an operator needs: which app, why (the last error line of
 * its log), and what to do. Thrown by {@link Platform#start()}; the launcher prints {@link #getMessage()}.
 */
public final class StartFailure extends IllegalStateException {

    /** An agent exits with this status when its enrolment token or saved credentials are refused. */
    static final int AGENT_CONFIG_EXIT = 78;

    private static final Pattern ERROR_LINE = Pattern.compile(
            "\\b(ERROR|FATAL)\\b|Exception|APPLICATION FAILED TO START|refused|Cannot sign in");
    /** Lines that say an app ends, not why. */
    private static final Pattern ENDING_LINE = Pattern.compile("exits with status|Stopping service|Shutting down");

    private final String app;

    private StartFailure(String app, String message) {
        super(message);
        this.app = app;
    }

    /** The app that did not start, as named in the launcher's output. */
    public String app() {
        return app;
    }

    /** A child app ended (or never became ready) while the launcher waited for {@code what}. */
    static StartFailure of(ChildApp app, String what, String stateDir) {
        boolean exited = !app.isAlive();
        String happened = exited ? app.exitDescription() : "did not become ready within the start-up time";
        String why = lastErrorLine(app.logFile());
        String todo;
        if (exited && app.exitCode() == AGENT_CONFIG_EXIT && stateDir != null) {
            todo = "its saved credentials in " + stateDir + " were made by another platform instance (or its"
                    + " enrolment token was refused). Start again with --fresh to wipe the platform's data, or delete"
                    + " " + stateDir + " to enrol this agent anew.";
        } else if (exited) {
            todo = "read " + app.logFile() + " for the whole error; fix it and start again (--fresh starts from an"
                    + " empty platform).";
        } else {
            todo = "the machine may be overloaded; read " + app.logFile() + " and start again.";
        }
        return new StartFailure(app.name(), app.name() + " " + happened + " while the launcher waited for " + what
                + "\n  why:  " + why + "\n  do:   " + todo + "\n  log:  " + app.logFile());
    }

    /** The launcher itself could not log in as admin on a platform whose data it kept. */
    static StartFailure adminRefused(String detail, Path dataDir) {
        return new StartFailure("launcher", "The command side refused the launcher's admin login\n  why:  " + detail
                + "\n  do:   the platform in " + dataDir + " keeps the admin password of its first start. Start with"
                + " that password in AVIARY_ADMIN_PASSWORD (or unset it to use the stored one), or start with --fresh"
                + " to wipe the platform's data.");
    }

    static String lastErrorLine(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (ERROR_LINE.matcher(line).find() && !ENDING_LINE.matcher(line).find()) {
                return line.length() > 600 ? line.substring(0, 600) + "..." : line;
            }
        }
        return lines.isEmpty() ? "(its log is empty)" : "(no error line; last line: " + lines.get(lines.size() - 1).strip() + ")";
    }
}
