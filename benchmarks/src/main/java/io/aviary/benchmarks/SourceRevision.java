package io.aviary.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The git revision the figures were measured on, and whether the working tree had changes (best effort). */
final class SourceRevision {

    private SourceRevision() {
    }

    static String describe() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not run inside the git repository)";
        }
        String changes = git("status", "--porcelain");
        long changed = changes.lines().filter(l -> !l.isBlank()).count();
        return head + (changed == 0 ? " (clean)" : " + " + changed + " uncommitted change(s)");
    }

    private static String git(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
