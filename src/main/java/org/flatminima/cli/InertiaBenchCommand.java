package org.flatminima.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench inertia}: times the exact inertia of H = 2 Phi Phi^T, Phi an n x r matrix of
 * random small rationals (the shape of a Hessian at a global minimum: n parameters, rank r = d_x d_y),
 * against the target of half a second for n = 96, r = 16.
 */
@Command(
        name = "inertia",
        mixinStandardHelpOptions = true,
        description = "Time the exact inertia of 2 Phi Phi^T (Phi n x r, random small rationals).")
public final class InertiaBenchCommand implements Callable<Integer> {
    private static final double TARGET_SECONDS = 0.5;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", description = "n, the matrix size (default ${DEFAULT-VALUE}).", defaultValue = "96")
    int size;

    @Option(names = "--rank", description = "r, the rank (default ${DEFAULT-VALUE}).", defaultValue = "16")
    int rank;

    @Option(names = "--repeats", description = "timed runs after one warm-up (default ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int repeats;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Override
    public Integer call() {
        checkRange("--size", size, 1, 400);
        checkRange("--rank", rank, 1, size);
        checkRange("--repeats", repeats, 1, 1000);
        PrintWriter out = spec.commandLine().getOut();
        SplittableRandom rnd = new SplittableRandom(seed);
        Rational[][] phi = RandomRationals.matrix(rnd, size, rank, 3, 4);
        Rational[][] h = RationalMatrices.scale(
                RationalMatrices.multiply(phi, RationalMatrices.transpose(phi)), Rational.TWO);
        Inertia in = Inertia.of(h); // warm-up
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            in = Inertia.of(h);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[repeats / 2];
        out.printf(Locale.ROOT, "inertia of 2 Phi Phi^T, Phi %dx%d random small rationals (seed %d): %s%n",
                size, rank, seed, in);
        out.printf(Locale.ROOT, "median %.4f s, min %.4f s over %d runs; target %.1f s; median/target %.3f%n",
                median, seconds[0], repeats, TARGET_SECONDS, median / TARGET_SECONDS);
        return 0;
    }

    private static void checkRange(String option, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, option, "between " + lo + " and " + hi, value);
        }
    }
}
