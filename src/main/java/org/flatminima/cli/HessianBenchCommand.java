package org.flatminima.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.flatminima.claims.InstanceFamilies;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.generate.Family;
import org.flatminima.generate.RandomDimensions;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.AutodiffHessian;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench hessian}: the exact Hessian by second-order automatic differentiation
 * ({@link AutodiffHessian}) against the reference, the closed-form {@link Loss#hessian}, on flattest-gauged
 * exact networks of width d and depth m (N = m d^2), off the minimum as well as on it (the target scaled by
 * 2). Prints CPU times (median of the timed runs after two warm-ups) and the ratio AD / closed form, and
 * checks that the two matrices are equal.
 */
@Command(
        name = "hessian",
        mixinStandardHelpOptions = true,
        description = "Time the exact AD Hessian of the loss against the closed-form Loss.hessian.")
public final class HessianBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--shapes", split = ",", description = "width x depth pairs, e.g. 2x6 (default ${DEFAULT-VALUE}).",
            defaultValue = "2x6,4x4,5x8")
    List<String> shapes;

    @Option(names = "--repeats", description = "timed runs after two warm-ups (default ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int repeats;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Override
    public Integer call() {
        if (repeats < 1 || repeats > 100) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--repeats", "between 1 and 100", repeats);
        }
        int[][] parsed = new int[shapes.size()][];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = parse(shapes.get(i));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (int[] s : parsed) {
            LinearNetwork<Rational> net = InstanceFamilies.toNetwork(
                    Family.FLATTEST_GAUGED.generate(seed, RandomDimensions.uniform(s[0], s[1])));
            LinearNetwork<Rational> off = new LinearNetwork<>(net.arithmetic(), net.layers(), null,
                    net.target().scale(Rational.TWO));
            for (LinearNetwork<Rational> n : List.of(net, off)) {
                String where = n == net ? "at a flattest minimum" : "off the minimum";
                double[] closed = time(() -> Loss.hessian(n));
                double[] ad = time(() -> AutodiffHessian.hessian(n));
                boolean equal = Loss.hessian(n).equals(AutodiffHessian.hessian(n));
                out.printf(Locale.ROOT, "d = %d, m = %d, N = %d, %s (seed %d, tape %d nodes): closed form cpu median %.4f s"
                                + " (min %.4f s), AD cpu median %.4f s (min %.4f s) over %d runs; AD / closed form %.1f;"
                                + " equal %s%n", s[0], s[1], n.parameterCount(), where, seed,
                        AutodiffHessian.at(n).tapeSize(), closed[0], closed[1], ad[0], ad[1], repeats,
                        ad[0] / closed[0], equal);
                out.flush();
                if (!equal) {
                    return 1;
                }
            }
        }
        return 0;
    }

    private static int[] parse(String shape) {
        String[] p = shape.trim().toLowerCase(Locale.ROOT).split("x");
        int d;
        int m;
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            d = Integer.parseInt(p[0].trim());
            m = Integer.parseInt(p[1].trim());
        } catch (NumberFormatException e) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--shapes", "width x depth pairs such as 4x4", shape);
        }
        if (d < 1 || d > 8 || m < 1 || m > 10) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--shapes", "widths 1..8 and depths 1..10", shape);
        }
        return new int[] {d, m};
    }

    /** CPU seconds of {@code task}: {median, min} over the timed runs after two warm-ups. */
    private double[] time(Supplier<Matrix<Rational>> task) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        task.get();
        task.get();
        double[] cpu = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            task.get();
            cpu[i] = threads.isCurrentThreadCpuTimeSupported() ? (threads.getCurrentThreadCpuTime() - c0) / 1e9
                    : (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(cpu);
        return new double[] {cpu[repeats / 2], cpu[0]};
    }
}
