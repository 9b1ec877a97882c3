package io.aviary.command.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events, on the logger {@value #NAME} so that operators can route them apart. One line each, naming who and
 * what, never a secret or a token.
 */
public final class SecurityLog {

    /** The logger name. */
    public static final String NAME = "io.aviary.security";

    private static final Logger LOG = LoggerFactory.getLogger(NAME);

    private SecurityLog() {
    }

    /** A refused request or message that looks like misuse (wrong hardware, someone else's task, a bad beat). */
    public static void refused(String what, Object... arguments) {
        LOG.warn(what, arguments);
    }

    /** Something an operator may want to audit (a lock, a revoked token family, a key rotation). */
    public static void notice(String what, Object... arguments) {
        LOG.info(what, arguments);
    }
}
