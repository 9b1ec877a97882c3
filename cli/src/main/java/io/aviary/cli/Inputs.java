package io.aviary.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads what the user hands in: a file, or stdin for {@code -}. A file that cannot be read is a usage error. */
public final class Inputs {

    private Inputs() {
    }

    public static String read(String fileOrDash, InputStream stdin) {
        try {
            if ("-".equals(fileOrDash)) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(fileOrDash), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("No such file: " + fileOrDash);
        } catch (IOException e) {
            throw CliException.usage("Cannot read " + fileOrDash + ": " + e.getMessage());
        }
    }

    /** The first line of stdin without its line end (a password piped in with {@code echo}). */
    public static String firstLine(InputStream stdin) {
        String text = read("-", stdin);
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
