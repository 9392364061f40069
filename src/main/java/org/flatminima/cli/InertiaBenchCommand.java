package org.flatminima.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.exact.ShiftedInertia;
import org.flatminima.generate.ExactNetwork;
import org.flatminima.generate.Family;
import org.flatminima.generate.RandomDimensions;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench inertia}: times the exact inertia of H = 2 Phi Phi^T, Phi an n x r matrix of
 * random small rationals (the shape of a Hessian at a global minimum: n parameters, rank r = d_x d_y),
 * against the target of half a second for n = 96, r = 16. With {@code --network} Phi is instead the
 * paper's eq. (16) for a flattest-gauged exact network of the Fig. 3 size (d = 4, m = 6, Sigma_x = I),
 * and the benchmark also times the full exact decision of lambda_max(H) = 2m sigma_max(T)^(2(1-1/m)):
 * the inertia of lambda* I - H (96 x 96) and of lambda* I - 2 Phi^T Phi (16 x 16, same non-zero spectrum).
 * Here H is formed by Lemma 3 only to obtain a matrix of the right shape and numbers.
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

    @Option(names = "--network", description = "use Phi of a flattest-gauged network with d = 4, m = 6.")
    boolean network;

    @Override
    public Integer call() {
        checkRange("--size", size, 1, 400);
        checkRange("--rank", rank, 1, size);
        checkRange("--repeats", repeats, 1, 1000);
        PrintWriter out = spec.commandLine().getOut();
        if (network) {
            return benchNetwork(out);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        Rational[][] phi = RandomRationals.matrix(rnd, size, rank, 3, 4);
        Rational[][] h = RationalMatrices.scale(
                RationalMatrices.multiply(phi, RationalMatrices.transpose(phi)), Rational.TWO);
        report(out, String.format(Locale.ROOT, "inertia of 2 Phi Phi^T, Phi %dx%d random small rationals (seed %d)",
                size, rank, seed), () -> Inertia.of(h));
        return 0;
    }

    private int benchNetwork(PrintWriter out) {
        ExactNetwork n = Family.FLATTEST_GAUGED.generate(seed, RandomDimensions.uniform(4, 6));
        int m = n.depth();
        Rational[][] phi = phi(n);
        Rational[][] h = RationalMatrices.scale(
                RationalMatrices.multiply(phi, RationalMatrices.transpose(phi)), Rational.TWO);
        Rational[][] small = RationalMatrices.scale(
                RationalMatrices.multiply(RationalMatrices.transpose(phi), phi), Rational.TWO);
        Rational lambda = Rational.of(2L * m).multiply(n.sigmaMaxRoot().pow(2 * (m - 1)));
        Rational[][] shifted = RationalMatrices.scale(RationalMatrices.shift(h, lambda), Rational.ONE.negate());
        Rational[][] shiftedSmall =
                RationalMatrices.scale(RationalMatrices.shift(small, lambda), Rational.ONE.negate());
        Inertia.of(h); // warm the JIT before any timing
        int maxBits = 0;
        for (Rational[] row : h) {
            for (Rational x : row) {
                maxBits = Math.max(maxBits, Math.max(x.numerator().bitLength(), x.denominator().bitLength()));
            }
        }
        out.printf(Locale.ROOT, "flattest-gauged network, d = 4, m = 6, seed %d: N = %d, lambda* = %s,"
                + " largest Hessian entry part %d bits%n", seed, h.length, lambda, maxBits);
        report(out, "inertia of H (96x96)", () -> Inertia.of(h));
        report(out, "inertia of lambda* I - H (96x96), direct", () -> Inertia.of(shifted));
        report(out, "inertia of H - lambda* I (96x96), by ShiftedInertia (low rank)",
                () -> ShiftedInertia.of(h).at(lambda));
        report(out, "inertia of lambda* I - 2 Phi^T Phi (16x16)", () -> Inertia.of(shiftedSmall));
        return 0;
    }

    /**
     * Times {@code task}: wall time and the thread's CPU time (the latter is robust on a shared,
     * loaded machine), median and minimum over the runs after two warm-up runs.
     */
    private void report(PrintWriter out, String what, Supplier<Inertia> task) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        Inertia in = task.get(); // warm-up (twice, so the JIT has compiled the hot loops)
        in = task.get();
        double[] wall = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long c0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            in = task.get();
            wall[i] = (System.nanoTime() - t0) / 1e9;
            cpuSeconds[i] = cpu ? (threads.getCurrentThreadCpuTime() - c0) / 1e9 : Double.NaN;
        }
        Arrays.sort(wall);
        Arrays.sort(cpuSeconds);
        out.printf(Locale.ROOT, "%s = %s%n  wall median %.4f s (min %.4f s), cpu median %.4f s (min %.4f s) over %d runs;"
                + " target %.1f s, cpu median/target %.3f%n", what, in, wall[repeats / 2], wall[0],
                cpuSeconds[repeats / 2], cpuSeconds[0], repeats, TARGET_SECONDS, cpuSeconds[repeats / 2] / TARGET_SECONDS);
    }

    /** Phi of eq. (16) with Sigma_x = I: block k is (W_{k-1}...W_1) (x) (W_m...W_{k+1})^T. */
    private static Rational[][] phi(ExactNetwork n) {
        int m = n.depth();
        int[] d = n.dims();
        Rational[][] result = null;
        for (int k = 1; k <= m; k++) {
            Rational[][] left = k == 1 ? RationalMatrices.identity(d[0])
                    : RationalMatrices.productRightToLeft(n.layers().subList(0, k - 1));
            Rational[][] right = k == m ? RationalMatrices.identity(d[m])
                    : RationalMatrices.productRightToLeft(n.layers().subList(k, m));
            Rational[][] block = RationalMatrices.kronecker(left, RationalMatrices.transpose(right));
            result = result == null ? block : stack(result, block);
        }
        return result;
    }

    private static Rational[][] stack(Rational[][] top, Rational[][] bottom) {
        Rational[][] r = new Rational[top.length + bottom.length][];
        System.arraycopy(top, 0, r, 0, top.length);
        System.arraycopy(bottom, 0, r, top.length, bottom.length);
        return r;
    }

    private static void checkRange(String option, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, option, "between " + lo + " and " + hi, value);
        }
    }
}
