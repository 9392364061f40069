package org.flatminima.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.SafeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench check}: the default {@code check} (every statement, default sizes and instances) in a
 * fresh JVM per thread count, as a user runs it: wall time against the 30-second target and the speed-up of
 * each thread count over the first.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Time the default check in a fresh JVM at each --threads value; speed-up and the 30 s target.")
public final class CheckBenchCommand implements Callable<Integer> {
    static final double TARGET_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "check --threads values, in order (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--max-dim", paramLabel = "K", description = "Pass --max-dim K to check (default: check's own).")
    Integer maxDim;

    @Option(names = "--max-depth", paramLabel = "M", description = "Pass --max-depth M to check (default: check's own).")
    Integer maxDepth;

    @Option(names = "--instances", paramLabel = "N", description = "Pass --instances N to check (default: check's own).")
    Integer instances;

    @Option(names = "--write-docs", description = "Replace this benchmark's section of docs/benchmarks.md with the figures.")
    boolean writeDocs;

    @Option(names = "--docs", paramLabel = "FILE", description = "The benchmark page (default: docs/benchmarks.md).")
    Path docs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > 64)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--threads", "between 1 and 64", threads);
        }
        List<String> extra = new ArrayList<>();
        if (maxDim != null) {
            extra.addAll(List.of("--max-dim", "" + maxDim));
        }
        if (maxDepth != null) {
            extra.addAll(List.of("--max-depth", "" + maxDepth));
        }
        if (instances != null) {
            extra.addAll(List.of("--instances", "" + instances));
        }
        Path dir = Files.createTempDirectory("flatminima-bench-check");
        Map<Integer, double[]> times = new LinkedHashMap<>();
        try (Progress progress = new Progress(spec.commandLine().getErr(), "bench check", threads.size(), true)) {
            for (int t : threads) {
                progress.status("check --threads " + t);
                List<String> args = new ArrayList<>(List.of("check", "--quiet", "--threads", "" + t, "--force", "--out",
                        dir.resolve("report" + t).toString(), "--counterexamples", dir.resolve("cex" + t).toString()));
                args.addAll(extra);
                times.put(t, run(args));
                progress.step(1, "");
            }
        } finally {
            SafeFiles.deleteTree(dir);
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf(Locale.ROOT, "check%s in a fresh JVM (start-up included), wall clock and process CPU time%n",
                extra.isEmpty() ? " (defaults)" : " " + String.join(" ", extra));
        out.printf(Locale.ROOT, "%8s %9s %9s %9s %7s %s%n", "threads", "wall_s", "cpu_s", "speed-up", "exit", "target");
        double first = times.get(threads.get(0))[0];
        for (Map.Entry<Integer, double[]> e : times.entrySet()) {
            double[] r = e.getValue();
            out.printf(Locale.ROOT, "%8d %9.2f %9.2f %9.2f %7d %s%n", e.getKey(), r[0], r[1], first / r[0], (int) r[2],
                    r[0] <= TARGET_SECONDS ? "<= 30 s: met" : "<= 30 s: not met");
        }
        out.printf(Locale.ROOT, "speed-up = wall time at %d thread(s) / wall time; load average %s; %d cores%n",
                threads.get(0), BenchDocs.loadAverage(), Runtime.getRuntime().availableProcessors());
        out.flush();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (writeDocs) {
            BenchDocs.write(docs != null ? docs : BenchDocs.DEFAULT_PAGE, "check", "check: wall time and thread speed-up",
                    BenchDocs.commandLine(spec), text.toString());
        }
        return 0;
    }

    /** Wall seconds, CPU seconds (of the child, from /proc when it can be read) and the exit status of one check. */
    private static double[] run(List<String> args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx4g", "-Xss16m", "-cp", System.getProperty("java.class.path"),
                "org.flatminima.cli.Main"));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        double cpu = 0;
        while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
            cpu = Math.max(cpu, p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0));
            if ((System.nanoTime() - t0) / 1e9 > 3600) {
                p.destroyForcibly();
                break;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new double[] {wall, cpu, p.waitFor()};
    }
}
