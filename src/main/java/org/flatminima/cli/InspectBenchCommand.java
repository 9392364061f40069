package org.flatminima.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.generate.Family;
import org.flatminima.inspect.Inspection;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench inspect}: times {@code inspect} on the paper's Fig. 3 size (d = 4, m = 6,
 * 96 parameters) as a user runs it, in a fresh JVM with start-up included, against the 3-second
 * target, and splits the time into start-up and compute (the same inspection timed in this JVM).
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Time inspect on a Fig. 3-size flattest minimum (d = 4, m = 6) in a fresh JVM.")
public final class InspectBenchCommand implements Callable<Integer> {
    private static final double TARGET_SECONDS = 3.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--digits", defaultValue = "40", description = "D (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--repeats", defaultValue = "3", description = "Fresh-JVM runs (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--case", paramLabel = "FILE", description = "Time this case instead of the generated one.")
    Path caseFile;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Growth over parameter counts, from 96 (d = 4, m = 6), 200 (10,10,10), 400 (10,20,10),"
                    + " 800 (20,20,20) and 1600 (20,40,20): time and peak memory at and off a minimum.")
    List<Integer> sizes;

    @Option(names = "--timeout", defaultValue = "300",
            description = "Seconds after which one growth run is stopped and larger sizes skipped (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--write-docs", description = "Replace this benchmark's section of docs/benchmarks.md with the figures.")
    boolean writeDocs;

    @Option(names = "--docs", paramLabel = "FILE", description = "The benchmark page (default: docs/benchmarks.md).")
    Path docs;

    /** The networks of the growth benchmark, by parameter count. */
    static final java.util.Map<Integer, int[]> GROWTH = java.util.Map.of(96, new int[] {4, 4, 4, 4, 4, 4, 4},
            200, new int[] {10, 10, 10}, 400, new int[] {10, 20, 10}, 800, new int[] {20, 20, 20},
            1600, new int[] {20, 40, 20});

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (sizes != null) {
            return growth();
        }
        if (repeats < 1 || repeats > 100) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--repeats", "between 1 and 100", repeats);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path file = caseFile;
        Path tmp = null;
        if (file == null) {
            tmp = Files.createTempFile("flatminima-bench", ".json");
            file = tmp;
            Files.writeString(file, Json.mapper().writeValueAsString(
                    GenerateCommand.toCase(Family.FLATTEST_GAUGED.generate(3L, new int[] {4, 4, 4, 4, 4, 4, 4}))));
        }
        try {
            CaseFile.Case c = CaseFile.read(file);
            long t0 = System.nanoTime();
            Inspection.run(c, digits, false);
            double cold = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Inspection.run(c, digits, false);
            double warm = (System.nanoTime() - t0) / 1e9;
            double[] wall = new double[repeats];
            double[] startup = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                wall[i] = freshJvm("inspect", "--format", "json", file.toString());
                startup[i] = freshJvm("--version");
            }
            Arrays.sort(wall);
            Arrays.sort(startup);
            double median = wall[repeats / 2];
            double start = startup[repeats / 2];
            out.printf(Locale.ROOT, "inspect, %d parameters, %d digits (%s)%n", c.network().parameterCount(), digits,
                    caseFile == null ? "flattest-gauged seed 3, d = 4, m = 6" : file);
            out.printf(Locale.ROOT, "  wall time, fresh JVM (median of %d): %.2f s   target %.1f s   ratio %.2f%n",
                    repeats, median, TARGET_SECONDS, median / TARGET_SECONDS);
            out.printf(Locale.ROOT, "  compute in a cold JVM: %.2f s; warm: %.2f s%n", cold, warm);
            out.printf(Locale.ROOT, "  JVM start-up (a fresh `flatminima --version`): %.2f s (%.0f%% of the wall time)%n",
                    start, 100 * start / median);
            out.printf(Locale.ROOT, "  load average %s%n", BenchDocs.loadAverage());
            return 0;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * inspect in a fresh JVM (as the launcher runs it, -Xmx4g) on each size, at a flattest minimum and off a
     * minimum (a random target): wall time, peak resident memory of the process (JVM included, VmHWM) and
     * the growth against the previous size as an exponent of N.
     */
    private Integer growth() throws IOException, InterruptedException {
        for (int n : sizes) {
            if (!GROWTH.containsKey(n)) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--sizes", "from 96, 200, 400, 800, 1600", n);
            }
        }
        if (timeout < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--timeout", "positive", timeout);
        }
        java.io.StringWriter text = new java.io.StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf(Locale.ROOT, "inspect growth: fresh JVM per run (-Xmx4g), %d digits; time is wall clock including JVM"
                + " start-up, memory the peak resident set of the process (JVM included); exponent = log(t/t_prev) /"
                + " log(N/N_prev); targets at N = 800: <= 15 s and <= 1.5 GB%n", digits);
        out.printf(Locale.ROOT, "%6s %-14s %-10s %10s %10s %9s %9s %s%n", "N", "dims", "case", "wall_s", "peak_MB", "exp_t",
                "exp_mem", "load(1m)");
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("flatminima-bench-inspect");
        try (Progress progress = new Progress(err, "bench inspect", 2L * sizes.size(), true)) {
            for (String kind : new String[] {"minimum", "off"}) {
                double[] prev = null;
                int prevN = 0;
                boolean stopped = false;
                for (int n : sizes) {
                    progress.status("N = " + n + ", " + kind);
                    if (stopped) {
                        out.printf(Locale.ROOT, "%6d %-14s %-10s %10s%n", n, dimsText(GROWTH.get(n)), kind, "skipped");
                        progress.step(1, "");
                        continue;
                    }
                    Family f = kind.equals("minimum") ? Family.FLATTEST_GAUGED : Family.RANDOM_TARGET;
                    Path file = dir.resolve(kind + n + ".json");
                    Files.writeString(file, Json.mapper().writeValueAsString(
                            GenerateCommand.toCase(f.generate(1L, GROWTH.get(n)))));
                    double[] r = measured("inspect", "--format", "json", "--quiet", "--digits", "" + digits, file.toString());
                    boolean done = r[2] == 0;
                    String exps = prev == null || !done ? "-" : String.format(Locale.ROOT, "%.2f",
                            Math.log(r[0] / prev[0]) / Math.log((double) n / prevN));
                    String expm = prev == null || !done ? "-" : String.format(Locale.ROOT, "%.2f",
                            Math.log(r[1] / prev[1]) / Math.log((double) n / prevN));
                    out.printf(Locale.ROOT, "%6d %-14s %-10s %10s %10.0f %9s %9s %s%n", n, dimsText(GROWTH.get(n)),
                            kind, done ? String.format(Locale.ROOT, "%.2f", r[0]) : "> " + timeout + " (stopped)",
                            r[1], exps, expm, BenchDocs.loadAverage().split(",")[0]);
                    if (!done) {
                        stopped = true;
                    }
                    prev = r;
                    prevN = n;
                    progress.step(1, "");
                }
            }
        } finally {
            SafeFiles.deleteTree(dir);
        }
        out.flush();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (writeDocs) {
            BenchDocs.write(docs != null ? docs : BenchDocs.DEFAULT_PAGE, "inspect-growth",
                    "inspect: time and memory growth in N", BenchDocs.commandLine(spec), text.toString());
        }
        return 0;
    }

    private static String dimsText(int[] d) {
        StringBuilder b = new StringBuilder();
        for (int x : d) {
            b.append(b.length() == 0 ? "" : ",").append(x);
        }
        return b.toString();
    }

    /**
     * Wall seconds, peak resident megabytes (VmHWM, polled) and 0, or 1 in the last place if the run was stopped at
     * the timeout, of one command in a new JVM.
     */
    private double[] measured(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx4g", "-Xss16m", "-cp", System.getProperty("java.class.path"),
                "org.flatminima.cli.Main"));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        double peakKb = 0;
        boolean stopped = false;
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakKb = Math.max(peakKb, Double.parseDouble(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process has just exited
            }
            if ((System.nanoTime() - t0) / 1e9 > timeout) {
                p.destroyForcibly();
                p.waitFor();
                stopped = true;
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!stopped && p.exitValue() != 0) {
            throw new IllegalStateException("inspect in a fresh JVM failed (exit " + p.exitValue() + ")");
        }
        return new double[] {seconds, peakKb / 1024, stopped ? 1 : 0};
    }

    /** Seconds for one command in a new JVM on this class path, as the launcher runs it. */
    private static double freshJvm(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss16m", "-cp", System.getProperty("java.class.path"),
                "org.flatminima.cli.Main"));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("inspect in a fresh JVM failed (exit " + p.exitValue() + ")");
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
