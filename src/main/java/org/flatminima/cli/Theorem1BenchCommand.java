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
import org.flatminima.claims.InstanceFamilies;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.generate.Family;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench theorem1}: times the exact decisions of Theorem 1 (sharpness, eigenvector, lower
 * bound). By default at the Fig. 3 size, d = 4 and m = 6 (96 parameters), against the target of one second per
 * decision after start-up; with {@code --dims} and {@code --depths} it times the sharpness decision on a grid
 * of widths d and depths m and prints how its cost grows (the decision at a minimum works on the d_x d_y-square
 * Gram matrix 2 Phi^T Phi, whatever N is).
 */
@Command(name = "theorem1", mixinStandardHelpOptions = true,
        description = "Time exact Theorem 1 decisions at d = 4, m = 6 (96 parameters) against 1 s each; with --dims/--depths,"
                + " the growth of the sharpness decision's cost in d and m.")
public final class Theorem1BenchCommand implements Callable<Integer> {
    private static final double TARGET_SECONDS = 1.0;
    /** The target of the largest grid point, d = 16 and m = 10 (N = 2,560). */
    private static final double LARGE_TARGET_SECONDS = 30.0;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Spec
    CommandSpec spec;

    @Option(names = "--instances", defaultValue = "4", description = "instances per family after one warm-up (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--width", defaultValue = "4", description = "d, every layer width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--depth", defaultValue = "6", description = "m, the depth (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--dims", split = ",", paramLabel = "D", description = "Widths d of a growth grid (e.g. 4,8,16).")
    List<Integer> dims;

    @Option(names = "--depths", split = ",", paramLabel = "M", description = "Depths m of the growth grid (default 2,6,10 with --dims).")
    List<Integer> depths;

    @Option(names = "--timeout", defaultValue = "300",
            description = "Seconds after which a growth decision is stopped and reported as such (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--write-docs", description = "Replace this benchmark's section of docs/benchmarks.md with the figures.")
    boolean writeDocs;

    @Option(names = "--docs", paramLabel = "FILE", description = "The benchmark page (default: docs/benchmarks.md).")
    java.nio.file.Path docs;

    @Override
    public Integer call() {
        if (dims != null || depths != null) {
            return growth();
        }
        if (instances < 1 || instances > 100 || width < 1 || width > 16 || depth < 2 || depth > 10) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--instances/--width/--depth", "in 1..100, 1..16, 2..10",
                    instances + "/" + width + "/" + depth);
        }
        java.io.StringWriter text = new java.io.StringWriter();
        PrintWriter out = new PrintWriter(text);
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
        out.printf(Locale.ROOT, "load average %s%n", BenchDocs.loadAverage());
        out.flush();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (writeDocs) {
            BenchDocs.write(docs != null ? docs : BenchDocs.DEFAULT_PAGE, "theorem1-fig3",
                    "Theorem 1 decisions at the Fig. 3 size", BenchDocs.commandLine(spec), text.toString());
        }
        return 0;
    }

    /** The sharpness decision on a grid of widths and depths: time, CPU and the growth between grid points. */
    private Integer growth() {
        List<Integer> ds = dims != null ? dims : List.of(width);
        List<Integer> ms = depths != null ? depths : List.of(2, 6, 10);
        if (ds.stream().anyMatch(d -> d < 1 || d > 16) || ms.stream().anyMatch(m -> m < 2 || m > 10)
                || instances < 1 || instances > 100) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--dims/--depths/--instances", "in 1..16, 2..10, 1..100",
                    ds + "/" + ms + "/" + instances);
        }
        PrintWriter err = spec.commandLine().getErr();
        java.io.StringWriter text = new java.io.StringWriter();
        PrintWriter out = new PrintWriter(text);
        Claim claim = new Theorem1Sharpness();
        int[] warm = {2, 2, 2};
        claim.decide(new Instance("warm-up", 0, InstanceFamilies.toNetwork(Family.FLATTEST_GAUGED.generate(0, warm))),
                new CheckSettings(30, 2, 2));
        out.printf(Locale.ROOT, "Theorem 1 sharpness decision (flattest-gauged, exact), %d instance(s) per point;"
                + " growth = time / time at the previous point of the same row or column%n", instances);
        out.printf(Locale.ROOT, "%4s %4s %6s %6s %10s %10s %8s %8s  %s%n", "d", "m", "N", "gram", "wall_s", "cpu_s",
                "x(d)", "x(m)", "verdicts / method");
        java.util.Map<String, Double> cpuAt = new java.util.HashMap<>();
        double largest = -1;
        boolean largestDecided = false;
        boolean stoppedAny = false;
        try (Progress progress = new Progress(err, "bench theorem1", (long) ds.size() * ms.size() * instances, true)) {
            for (int d : ds) {
                for (int m : ms) {
                    int[] widths = new int[m + 1];
                    Arrays.fill(widths, d);
                    CheckSettings s = new CheckSettings(30, d, m);
                    double wall = 0;
                    double cpu = 0;
                    String verdicts = "";
                    String method = "";
                    for (int i = 1; i <= instances; i++) {
                        progress.status("d = " + d + ", m = " + m + ", instance " + i);
                        Instance in = new Instance(Family.FLATTEST_GAUGED.label(), i,
                                InstanceFamilies.toNetwork(Family.FLATTEST_GAUGED.generate(i, widths)));
                        Timed t = timed(claim, in, s);
                        wall = Math.max(wall, t.wall());
                        cpu = Math.max(cpu, t.cpu());
                        progress.step(1, "");
                        if (t.outcome() == null) {
                            verdicts += (verdicts.isEmpty() ? "" : ",") + "STOPPED after " + timeout + " s";
                            stoppedAny = true;
                            break;
                        }
                        verdicts += (verdicts.isEmpty() ? "" : ",") + t.outcome().verdict();
                        method = t.outcome().details().getOrDefault("reduction", "");
                    }
                    cpuAt.put(d + "/" + m, cpu);
                    Double prevD = ds.indexOf(d) > 0 ? cpuAt.get(ds.get(ds.indexOf(d) - 1) + "/" + m) : null;
                    Double prevM = ms.indexOf(m) > 0 ? cpuAt.get(d + "/" + ms.get(ms.indexOf(m) - 1)) : null;
                    out.printf(Locale.ROOT, "%4d %4d %6d %6s %10.3f %10.3f %8s %8s  %s; %s%n", d, m, in(widths),
                            d * d + "", wall, cpu, prevD == null ? "-" : String.format(Locale.ROOT, "%.2f", cpu / prevD),
                            prevM == null ? "-" : String.format(Locale.ROOT, "%.2f", cpu / prevM), verdicts, method);
                    if (d == 16 && m == 10) {
                        largest = wall;
                        largestDecided = !verdicts.matches(".*(HYPOTHESIS_NOT_MET|UNDECIDED|REFUTED|STOPPED).*");
                    }
                }
            }
        }
        if (largest >= 0) {
            out.printf(Locale.ROOT, "d = 16, m = 10 (N = 2,560): worst %.2f s wall against the target %.0f s: %s%n", largest,
                    LARGE_TARGET_SECONDS, !largestDecided ? "not met (not decided)" : largest <= LARGE_TARGET_SECONDS ? "met" : "not met");
        }
        if (stoppedAny) {
            out.printf(Locale.ROOT, "STOPPED: the decision did not finish within --timeout %d s (wall and CPU shown are at the"
                    + " stop)%n", timeout);
        }
        out.printf(Locale.ROOT, "times are the worst instance of each point (wall and this thread's CPU); load average %s%n",
                BenchDocs.loadAverage());
        out.flush();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (writeDocs) {
            BenchDocs.write(docs != null ? docs : BenchDocs.DEFAULT_PAGE, "theorem1-growth",
                    "Theorem 1 decisions: growth in d and m", BenchDocs.commandLine(spec), text.toString());
        }
        return 0;
    }


    /** A decision's outcome (null when stopped at the timeout), wall seconds and CPU seconds of its thread. */
    private record Timed(Outcome outcome, double wall, double cpu) {}

    /** Decides on a daemon thread, waiting at most --timeout seconds (a stopped decision is abandoned). */
    private Timed timed(Claim claim, Instance in, CheckSettings s) {
        java.util.concurrent.atomic.AtomicReference<Outcome> result = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong ownCpu = new java.util.concurrent.atomic.AtomicLong(-1);
        Thread worker = new Thread(() -> {
            long c0 = THREADS.getCurrentThreadCpuTime();
            result.set(claim.decide(in, s));
            ownCpu.set(THREADS.getCurrentThreadCpuTime() - c0);
        }, "bench-theorem1");
        worker.setDaemon(true);
        long a = System.nanoTime();
        worker.start();
        try {
            worker.join(timeout * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double wall = (System.nanoTime() - a) / 1e9;
        boolean stopped = worker.isAlive();
        long cpu = stopped ? THREADS.getThreadCpuTime(worker.getId()) : ownCpu.get();
        return new Timed(stopped ? null : result.get(), wall, Math.max(cpu, 0) / 1e9);
    }

    private static int in(int[] dims) {
        int n = 0;
        for (int k = 1; k < dims.length; k++) {
            n += dims[k] * dims[k - 1];
        }
        return n;
    }
}
