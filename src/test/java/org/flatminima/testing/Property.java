package org.flatminima.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Seeded property tests on plain JUnit 5. A property runs {@code tries} times; try {@code i} draws
 * from {@code new SplittableRandom(seed_i)} with {@code seed_i = mix(baseSeed, i)}. A failing try
 * is reported with its seed, and re-running with {@code -Dflatminima.seed=SEED} replays exactly
 * that try alone. {@code -Dflatminima.tries.scale=F} multiplies the number of tries (default 1).
 */
public final class Property {
    private Property() {}

    /** Runs {@code body} on {@code tries} seeded random sources; rethrows the first failure with its seed. */
    public static void forAll(String name, int tries, long baseSeed, Consumer<SplittableRandom> body) {
        String replay = System.getProperty("flatminima.seed");
        if (replay != null && !replay.isBlank()) {
            long seed = Long.parseLong(replay.trim());
            runOne(name, -1, seed, body);
            return;
        }
        double scale = Double.parseDouble(System.getProperty("flatminima.tries.scale", "1"));
        int n = Math.max(1, (int) Math.round(tries * scale));
        for (int i = 0; i < n; i++) {
            runOne(name, i, seedOf(baseSeed, i), body);
        }
    }

    /** The seed of try {@code i} of a property whose base seed is {@code baseSeed}. */
    public static long seedOf(long baseSeed, int i) {
        long z = baseSeed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void runOne(String name, int i, long seed, Consumer<SplittableRandom> body) {
        try {
            body.accept(new SplittableRandom(seed));
        } catch (AssertionError | RuntimeException e) {
            String where = i < 0 ? "replayed seed" : "try " + i;
            throw new AssertionError("property '" + name + "' failed at " + where + ", seed " + seed
                    + " (replay: mvn test -Dtest=<TestClass> -Dflatminima.seed=" + seed + "): " + e.getMessage(), e);
        }
    }
}
