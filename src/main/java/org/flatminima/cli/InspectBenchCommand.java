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
import org.flatminima.io.CaseFile;
import org.flatminima.io.Json;
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

    @Override
    public Integer call() throws IOException, InterruptedException {
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
            return 0;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
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
