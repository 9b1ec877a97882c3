package io.aviary.infra;

import java.time.Duration;

/**
 * The JVM runs all shutdown hooks at once. Applications that use the shared stack (Spring test contexts) close
 * their Kafka and database clients in their own hooks; a Kafka client closing against a stopped broker waits for
 * its time-outs (a producer with unsent records: up to minutes). So the stack's hook lets those hooks finish first.
 */
final class ShutdownOrder {

    /** Spring names its hooks "SpringApplicationShutdownHook" and "SpringContextShutdownHook". */
    private static final String HOOK_NAME_PART = "ShutdownHook";

    private ShutdownOrder() {
    }

    static void awaitOtherShutdownHooks(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            // The JVM starts the hooks one after another in no set order: give the others a moment to be started.
            Thread.sleep(100);
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                if (thread != Thread.currentThread() && thread.getName().contains(HOOK_NAME_PART)) {
                    thread.join(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
