package org.flatminima.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Dataset;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Blas;
import org.flatminima.nn.Network;
import org.flatminima.nn.NetworkWeights;
import org.flatminima.nn.Parallel;
import org.flatminima.nn.Precision;
import org.flatminima.nn.Sharpness;
import org.flatminima.nn.Spectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench sharpness}: time to a correct lambda_max. On one ReLU network and data set (He
 * initialisation, Gaussian inputs and targets, written once as .npz/.npy so both sides read the same
 * numbers), it times {@code sharpness} (Lanczos, float32 products, its default tolerance) against PyTorch's
 * power iteration as PyHessian runs it (float32, stopping at a 1e-3 relative change), each in its own child
 * process with the same thread count on both sides, alternating, and measures both answers against a float64
 * reference (flatminima's Lanczos in float64 to 1e-12). Prints the ratio of the times, the relative errors and
 * the Hessian-vector product counts, at each thread count asked for.
 */
@Command(name = "sharpness", mixinStandardHelpOptions = true,
        description = "Time to lambda_max within 1e-4 of a float64 reference: sharpness (Lanczos) against PyHessian-style"
                + " power iteration in PyTorch, same data, same thread count, same run.")
public final class SharpnessBenchCommand implements Runnable {
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_ERROR = 1e-4;

    @Spec
    CommandSpec spec;

    @Option(names = "--width", defaultValue = "784", description = "Layer width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--depth", defaultValue = "6", description = "Layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--samples", defaultValue = "2000", description = "Samples n (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts, the same on both sides (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Alternating rounds per thread count; the best time of each side is kept (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--torch-tol", defaultValue = "1e-3",
            description = "PyTorch's relative-change tolerance (PyHessian's default: ${DEFAULT-VALUE}).")
    double torchTol;

    @Option(names = "--torch-max-iter", defaultValue = "500",
            description = "PyTorch's product limit while it approaches the reference (default: ${DEFAULT-VALUE}).")
    int torchMaxIter;

    @Option(names = "--no-torch", description = "Time flatminima only.")
    boolean noTorch;

    @Option(names = "--write-docs", description = "Replace this benchmark's section of docs/benchmarks.md with the figures.")
    boolean writeDocs;

    @Option(names = "--docs", paramLabel = "FILE", description = "The benchmark page (default: docs/benchmarks.md).")
    Path docs;

    @Option(names = "--worker", hidden = true, description = "Internal: measure in this process and print JSON.")
    String worker;

    @Option(names = "--dir", hidden = true, description = "Internal: the directory holding W.npz, X.npy, Y.npy.")
    Path dir;

    @Override
    public void run() {
        if (width < 1 || depth < 1 || samples < 1 || rounds < 1 || threads.isEmpty()
                || threads.stream().anyMatch(t -> t < 1 || t > 64) || !(torchTol > 0) || torchMaxIter < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--width, --depth, --samples, --rounds, --threads (1..64)"
                    + " and --torch-tol", "positive", "a value out of range");
        }
        if (worker != null) {
            runWorker();
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        String torchProblem = noTorch ? "not requested (--no-torch)" : FloatBenchCommand.torchProblem();
        Path work;
        try {
            work = Files.createTempDirectory("flatminima-bench-sharpness");
        } catch (IOException e) {
            throw new UserError(Problem.FILE_WRITE_FAILED, "a temporary directory", e.getMessage());
        }
        try {
            writeProblem(work);
            StringBuilder report = new StringBuilder();
            try (Progress progress = new Progress(err, "bench sharpness", 1L + (long) rounds * threads.size() * 2, true)) {
                progress.status("float64 reference");
                int most = threads.stream().mapToInt(i -> i).max().orElse(1);
                JsonNode ref = childJson(javaWorker("reference", work, most), most);
                progress.step(1, "");
                double lambdaRef = ref.get("lambda").asDouble();
                Map<Integer, JsonNode> ours = new LinkedHashMap<>();
                Map<Integer, JsonNode> torch = new LinkedHashMap<>();
                List<String> loads = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    for (int t : threads) {
                        progress.status("round " + (round + 1) + ", " + t + " thread(s), flatminima");
                        keepBest(ours, t, childJson(javaWorker("float32", work, t), t));
                        progress.step(1, "");
                        if (torchProblem == null) {
                            progress.status("round " + (round + 1) + ", " + t + " thread(s), PyTorch");
                            keepBest(torch, t, childJson(torchCommand(work, t, lambdaRef), t));
                        }
                        progress.step(1, "");
                        loads.add(BenchDocs.loadAverage().split(",")[0]);
                    }
                }
                report.append(String.format(Locale.ROOT, "time to lambda_max: %d ReLU layers of width %d, n = %d, no biases,"
                        + " He initialisation, Gaussian inputs and targets (seed 7), float32; loss (1/n) sum ||y - f(x)||^2%n",
                        depth, width, samples));
                report.append("flatminima: sharpness --dtype float32 (Lanczos, default tolerance; float32 products, float64"
                        + " recurrence), BLAS " + ref.get("blas").asText() + "\n");
                report.append("PyTorch: " + (torchProblem == null ? torch.values().iterator().next().get("torch").asText()
                        + ", power iteration as PyHessian (forward + create_graph backward, then HVPs on the retained graph)"
                        : "absent, " + torchProblem) + "\n");
                report.append(String.format(Locale.ROOT, "float64 reference: lambda_max = %.12g (Lanczos to 1e-12, %d HVPs,"
                        + " residual %.2e)%n", lambdaRef, ref.get("hvps").asInt(), ref.get("residual").asDouble()));
                report.append("Each side runs in a fresh process, data loaded before the clock starts; best of " + rounds
                        + " alternating round(s); the same thread count on both sides (OpenBLAS and Java worker threads for"
                        + " flatminima, torch.set_num_threads and OpenMP for PyTorch).\n");
                report.append("Rows: 'within 1e-4' is PyTorch's power iteration stopped at the first product whose Rayleigh"
                        + " quotient is within 1e-4 of the reference (an oracle stop, the best case for PyTorch): the"
                        + " target compares with it. 'PyHessian tol' is PyTorch stopping as PyHessian does (relative change"
                        + " < " + torchTol + "), with the error that leaves.\n");
                report.append(String.format(Locale.ROOT, "%-7s %-15s %9s %9s %7s %9s %9s %7s %10s %10s %6s %7s %s%n",
                        "threads", "PyTorch stop", "ours_s", "torch_s", "ratio", "ours_cpu", "torch_cpu", "cpu_rat",
                        "ours_err", "torch_err", "ours_k", "torch_k", "target <= " + TARGET_RATIO));
                boolean allMet = true;
                for (int t : threads) {
                    JsonNode a = ours.get(t);
                    JsonNode b = torch.get(t);
                    double errA = Math.abs(a.get("lambda").asDouble() - lambdaRef) / Math.abs(lambdaRef);
                    for (String key : new String[] {"_within", ""}) {
                        boolean has = b != null && b.hasNonNull("seconds" + key);
                        Double ratio = has ? a.get("seconds").asDouble() / b.get("seconds" + key).asDouble() : null;
                        Double cpuRatio = has ? a.get("cpu_s").asDouble() / b.get("cpu_s" + key).asDouble() : null;
                        Double errB = has ? Math.abs(b.get("lambda" + key).asDouble() - lambdaRef) / Math.abs(lambdaRef) : null;
                        String verdict = "";
                        if (key.equals("_within")) {
                            boolean met = ratio != null && ratio <= TARGET_RATIO && errA <= TARGET_ERROR;
                            allMet &= met;
                            verdict = b == null ? "no reference" : !has ? "PyTorch never within 1e-4" : met ? "met" : "not met";
                        }
                        report.append(String.format(Locale.ROOT, "%-7d %-15s %9.3f %9s %7s %9.3f %9s %7s %10.2e %10s %6d %7s %s%n",
                                t, key.isEmpty() ? "PyHessian tol" : "within 1e-4", a.get("seconds").asDouble(),
                                fmt(has ? b.get("seconds" + key).asDouble() : null, "%.3f"), fmt(ratio, "%.2f"),
                                a.get("cpu_s").asDouble(), fmt(has ? b.get("cpu_s" + key).asDouble() : null, "%.3f"),
                                fmt(cpuRatio, "%.2f"), errA, fmt(errB, "%.2e"), a.get("hvps").asInt(),
                                has ? b.get("hvps" + key).asText() : "-", verdict));
                    }
                }
                int first = threads.get(0);
                for (int t : threads) {
                    if (t != first) {
                        JsonNode b0 = torch.get(first);
                        JsonNode b1 = torch.get(t);
                        report.append(String.format(Locale.ROOT, "speed-up from %d to %d threads (wall): flatminima %.2f,"
                                + " PyTorch %s (to within 1e-4)%n", first, t, ours.get(first).get("seconds").asDouble()
                                        / ours.get(t).get("seconds").asDouble(), b0 == null || b1 == null
                                        || !b0.hasNonNull("seconds_within") || !b1.hasNonNull("seconds_within") ? "-"
                                        : String.format(Locale.ROOT, "%.2f", b0.get("seconds_within").asDouble()
                                                / b1.get("seconds_within").asDouble())));
                    }
                }
                report.append("ratio: wall clock ours_s / torch_s (the target); cpu_rat: process CPU seconds, steadier when"
                        + " other work shares the cores (at one thread it is the same work as wall time on an idle core).\n");
                report.append("ours_k: Hessian-vector products including the one that checks the residual; torch_k: PyTorch's"
                        + " products. Errors are relative to the float64 reference; the target is ours_err <= " + TARGET_ERROR
                        + " and ratio <= " + TARGET_RATIO + " against 'within 1e-4'.\n");
                report.append("load average (1 min) after each pair: " + String.join(" ", loads) + "\n");
                report.append(allMet ? "all targets met\n" : "target not met at every thread count\n");
                o.print(report);
                o.flush();
                if (writeDocs) {
                    BenchDocs.write(docs != null ? docs : BenchDocs.DEFAULT_PAGE, "sharpness",
                            "Time to lambda_max: sharpness against PyTorch (PyHessian)", BenchDocs.commandLine(spec), report.toString());
                }
            }
        } finally {
            try {
                SafeFiles.deleteTree(work);
            } catch (IOException e) {
                err.println("bench sharpness: could not remove " + work + ": " + e.getMessage());
            }
        }
    }


    private static String fmt(Double x, String pattern) {
        return x == null ? "-" : String.format(Locale.ROOT, pattern, x);
    }

    private static void keepBest(Map<Integer, JsonNode> into, int t, JsonNode j) {
        JsonNode old = into.get(t);
        if (old == null || j.get("seconds").asDouble() < old.get("seconds").asDouble()) {
            into.put(t, j);
        }
    }

    /** The benchmark's network, data and weights, seeded; written once for both sides. */
    private void writeProblem(Path work) {
        Network net = Network.uniform(width, depth, Activation.RELU, false);
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[samples * width];
        double[] y = new double[samples * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = rnd.nextGaussian();
        }
        Npy.write(work.resolve("X.npy"), NpyArray.matrix(samples, width, x), true);
        Npy.write(work.resolve("Y.npy"), NpyArray.matrix(samples, width, y), true);
        new NetworkWeights(net, net.heParameters(3)).write(work.resolve("W.npz"), true);
    }

    private void runWorker() {
        NetworkWeights w = NetworkWeights.read(dir.resolve("W.npz"), Activation.RELU);
        Dataset data = FloatDataOptions.fromNumpy(dir.resolve("X.npy"), dir.resolve("Y.npy"));
        boolean reference = worker.equals("reference");
        Precision p = reference ? Precision.FLOAT64 : Precision.FLOAT32;
        Sharpness.Options opt = Sharpness.Options.defaults(p);
        if (reference) {
            opt = opt.withTol(1e-12).withIterations(60);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long m0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Sharpness.Result r = Sharpness.measure(w.network(), w.parameters(), data, opt, Spectrum.Listener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lambda", r.lambdaMax());
        json.put("hvps", r.spectrum().products());
        json.put("iterations", r.spectrum().iterations());
        json.put("residual", r.spectrum().residualMax());
        json.put("seconds", seconds);
        json.put("cpu_s", (os.getProcessCpuTime() - c0) / 1e9);
        json.put("main_thread_cpu_s",
                (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - m0) / 1e9);
        json.put("threads", Parallel.threads());
        json.put("blas", Blas.description());
        try {
            spec.commandLine().getOut().println(Json.mapper().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> javaWorker(String role, Path work, int t) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xmx4g");
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(Main.class.getName());
        c.addAll(List.of("bench", "sharpness", "--worker", role, "--dir", work.toString(), "--threads", "" + t));
        return c;
    }

    private List<String> torchCommand(Path work, int t, double reference) {
        return List.of(FloatBenchCommand.PYTHON, FloatBenchCommand.scriptPath().toString(), "lambda", "--weights",
                work.resolve("W.npz").toString(), "--inputs", work.resolve("X.npy").toString(), "--targets",
                work.resolve("Y.npy").toString(), "--dtype", "float32", "--threads", "" + t, "--tol", "" + torchTol,
                "--reference", "" + reference, "--within", "" + TARGET_ERROR, "--max-iter", "" + torchMaxIter);
    }

    /** Runs a child with {@code t} BLAS/OpenMP threads and returns the JSON object on its last line of stdout. */
    private static JsonNode childJson(List<String> command, int t) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("OPENBLAS_NUM_THREADS", "" + t);
            pb.environment().put("OMP_NUM_THREADS", "" + t);
            pb.redirectError(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            byte[] stdout = p.getInputStream().readAllBytes();
            byte[] stderr = p.getErrorStream().readAllBytes();
            p.waitFor();
            String text = new String(stdout, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || text.isEmpty()) {
                String[] lines = new String(stderr, StandardCharsets.UTF_8).strip().split("\n");
                throw new IllegalStateException("benchmark worker failed: " + lines[lines.length - 1]);
            }
            String[] lines = text.split("\n");
            return Json.mapper().readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run a benchmark worker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
