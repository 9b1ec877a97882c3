package io.aviary.standalone;

/**
 * A stand-in child app for {@link StartFailureTest}: prints the lines in {@code EXITING_APP_LINES} (one per line),
 * then exits with {@code EXITING_APP_STATUS}, as a failing app or agent does at start-up.
 */
public final class ExitingApp {

    private ExitingApp() {
    }

    public static void main(String[] args) {
        System.getenv("EXITING_APP_LINES").lines().forEach(System.out::println);
        System.exit(Integer.parseInt(System.getenv("EXITING_APP_STATUS")));
    }
}
