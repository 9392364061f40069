package org.flatminima.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flatminima.claims.CheckSettings;
import org.flatminima.claims.Claim;
import org.flatminima.claims.Instance;
import org.flatminima.claims.Outcome;
import org.flatminima.claims.Theorem1Eigenvector;
import org.flatminima.claims.Theorem1LowerBound;
import org.flatminima.claims.Theorem1Sharpness;
import org.flatminima.claims.support.InstanceFamilies;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.generate.Family;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench theorem1}: times the exact decisions of Theorem 1 (sharpness, eigenvector, lower
 * bound) at the Fig. 3 size, d = 4 and m = 6 (96 parameters), against the target of one second per
 * decision after start-up.
 */
@Command(name = "theorem1", mixinStandardHelpOptions = true,
        description = "Time exact Theorem 1 decisions at d = 4, m = 6 (96 parameters) against 1 s each.")
public final class Theorem1BenchCommand implements Callable<Integer> {
    private static final double TARGET_SECONDS = 1.0;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Spec
    CommandSpec spec;

    @Option(names = "--instances", defaultValue = "4", description = "instances per family after one warm-up (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--width", defaultValue = "4", description = "d, every layer width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--depth", defaultValue = "6", description = "m, the depth (default ${DEFAULT-VALUE}).")
    int depth;

    @Override
    public Integer call() {
        if (instances < 1 || instances > 100 || width < 1 || width > 6 || depth < 2 || depth > 10) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--instances/--width/--depth", "in 1..100, 1..6, 2..10",
                    instances + "/" + width + "/" + depth);
        }
        PrintWriter out = spec.commandLine().getOut();
        int[] dims = new int[depth + 1];
        Arrays.fill(dims, width);
        CheckSettings s = new CheckSettings(30, width, depth);
        Object[][] plan = {
            {new Theorem1Sharpness(), Family.FLATTEST_EQ27}, {new Theorem1Sharpness(), Family.FLATTEST_GAUGED},
            {new Theorem1Eigenvector(), Family.FLATTEST_GAUGED}, {new Theorem1LowerBound(), Family.NON_FLATTEST},
            {new Theorem1Sharpness(), Family.FLATTEST_UNEQUAL_LOWER}};
        long t0 = System.nanoTime();
        ((Claim) plan[0][0]).decide(new Instance("warm-up", 0, InstanceFamilies.toNetwork(Family.FLATTEST_EQ27.generate(0, dims))), s);
        out.printf(Locale.ROOT, "warm-up (class loading, JIT): %.2f s%n", (System.nanoTime() - t0) / 1e9);
        double worst = 0;
        double worstCpu = 0;
        for (Object[] p : plan) {
            Claim c = (Claim) p[0];
            Family f = (Family) p[1];
            List<Double> times = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            String verdicts = "";
            for (int i = 1; i <= instances; i++) {
                Instance in = new Instance(f.label(), i, InstanceFamilies.toNetwork(f.generate(i, dims)));
                long a = System.nanoTime();
                long ca = THREADS.getCurrentThreadCpuTime();
                Outcome o = c.decide(in, s);
                times.add((System.nanoTime() - a) / 1e9);
                cpu.add((THREADS.getCurrentThreadCpuTime() - ca) / 1e9);
                verdicts += (verdicts.isEmpty() ? "" : ",") + o.verdict();
            }
            double max = times.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double median = times.stream().sorted().toList().get(times.size() / 2);
            worst = Math.max(worst, max);
            double cpuMax = cpu.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            worstCpu = Math.max(worstCpu, cpuMax);
            out.printf(Locale.ROOT, "%-22s %-24s N=%d: wall median %.3f s, max %.3f s; cpu max %.3f s [%s]%n", c.id(), f.label(),
                    in(dims), median, max, cpuMax, verdicts);
        }
        out.printf(Locale.ROOT, "worst decision %.3f s wall, %.3f s cpu; target %.1f s; worst/target %.3f (wall), %.3f (cpu)%n",
                worst, worstCpu, TARGET_SECONDS, worst / TARGET_SECONDS, worstCpu / TARGET_SECONDS);
        return 0;
    }

    private static int in(int[] dims) {
        int n = 0;
        for (int k = 1; k < dims.length; k++) {
            n += dims[k] * dims[k - 1];
        }
        return n;
    }
}
