package io.aviary.reliability;

/**
 * The two sizes of the reliability run: the default fits the CI budget; soak mode ({@code
 * -Daviary.reliability.soak=true}) runs more kills, more outages and a longer load.
 */
public final class Soak {

    private Soak() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean("aviary.reliability.soak");
    }

    /** {@code normal} in the default run, {@code soak} in soak mode. */
    public static int pick(int normal, int soak) {
        return enabled() ? soak : normal;
    }
}
