package io.aviary.command.user;

/** The password policy. */
public final class Passwords {

    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; Spring's encoder refuses longer input rather than ignore the rest. */
    public static final int MAX_BYTES = 72;

    private Passwords() {
    }
}
