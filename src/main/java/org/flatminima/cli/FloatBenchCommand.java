package org.flatminima.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.nn.Blas;
import org.flatminima.nn.FloatBenchmark;
import org.flatminima.nn.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench float}: times the float path's gradient, Hessian-vector product and power
 * iterations against PyTorch on the same machine in the same run, both single-threaded, in float32
 * and float64, and prints the ratios. Each side runs in its own child process so that the BLAS
 * thread count can be pinned to one ({@code OPENBLAS_NUM_THREADS=1}; other OpenBLAS settings of the
 * environment are passed through unchanged); the rounds alternate between the two sides.
 */
@Command(name = "float", mixinStandardHelpOptions = true,
        description = "Float path against PyTorch (same machine, same run, one thread): gradient, one HVP, K power iterations.")
public final class FloatBenchCommand implements Runnable {
    static final String TORCH_SCRIPT = "/org/flatminima/bench/float_torch.py";
    static final String PYTHON = "/usr/bin/python3";
    private static final Map<String, Double> TARGETS = Map.of("gradient", 1.2, "hvp", 1.0, "power", 0.8);

    @Spec
    CommandSpec spec;

    @Option(names = "--width", defaultValue = "784", description = "Layer width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--depth", defaultValue = "6", description = "Layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--samples", defaultValue = "2000", description = "Samples n (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--iterations", defaultValue = "20", description = "Power iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--repeats", defaultValue = "2", description = "Timed repeats per round (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Alternating rounds of both sides; the best time over all is kept (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--dtype", defaultValue = "both", paramLabel = "float32|float64|both",
            description = "Precisions to time (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--no-torch", description = "Time flatminima only.")
    boolean noTorch;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path out;

    @Option(names = "--force", description = "Overwrite --out.")
    boolean force;

    @Option(names = "--worker", hidden = true, description = "Internal: time flatminima in this process, print JSON.")
    boolean worker;

    @Override
    public void run() {
        if (width < 1 || depth < 1 || samples < 1 || iterations < 1 || repeats < 1 || rounds < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--width, --depth, --samples, --iterations, --repeats and --rounds",
                    "positive", "a non-positive value");
        }
        List<Precision> precisions = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(Precision.FLOAT32, Precision.FLOAT64);
            default -> List.of(SharpnessCommand.precision(dtype));
        };
        if (worker) {
            runWorker(precisions);
            return;
        }
        if (out != null) {
            SafeFiles.requireWritable(out, force);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        String torchProblem = noTorch ? "not requested (--no-torch)" : torchProblem();
        Map<String, Double> ours = new LinkedHashMap<>();
        Map<String, Double> torch = new LinkedHashMap<>();
        String blas = null;
        String torchVersion = null;
        try (Progress progress = new Progress(err, "bench float", (long) rounds * precisions.size() * 2, true)) {
            for (int round = 0; round < rounds; round++) {
                for (Precision p : precisions) {
                    progress.status("round " + (round + 1) + ", flatminima " + p.label());
                    JsonNode j = childJson(javaWorkerCommand(p));
                    blas = j.get("blas").asText();
                    best(ours, p.label(), j);
                    progress.step(1, "");
                    if (torchProblem == null) {
                        progress.status("round " + (round + 1) + ", PyTorch " + p.label());
                        JsonNode t = childJson(torchCommand(p));
                        torchVersion = t.get("torch").asText();
                        best(torch, p.label(), t);
                        // Our power iteration is the same whichever way PyTorch builds its products.
                        String ourKey = p.label() + "/power" + iterations;
                        ours.put(ourKey + "_recompute", ours.get(ourKey));
                        ours.put(ourKey + "_recompute/cpu", ours.get(ourKey + "/cpu"));
                    }
                    progress.step(1, "");
                }
            }
        }
        o.printf(Locale.ROOT, "flatminima bench float: %d ReLU layers of width %d, n = %d, no biases; one thread on each side"
                + " (OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1)); best of %d rounds x %d repeats%n",
                depth, width, samples, rounds, repeats);
        o.println("flatminima BLAS: " + blas);
        o.println("PyTorch: " + (torchProblem == null ? torchVersion + " (" + PYTHON + ")" : "absent, " + torchProblem
                + "; flatminima times only"));
        o.println("powerK: flatminima caches activations, masks and signals, then one R-operator product per iteration;"
                + " PyTorch keeps the create_graph gradient and runs double backward per iteration (PyHessian on one batch).");
        o.println("powerK_recompute: the same flatminima run against PyTorch recomputing forward and backward every"
                + " iteration (PyHessian over a data loader).");
        o.println("Times are best-of seconds: wall clock, and process CPU time (steadier when other work shares the cores).");
        o.printf(Locale.ROOT, "%-8s %-17s %9s %9s %7s %9s %9s %7s %7s%n", "dtype", "workload", "ours_s", "torch_s",
                "ratio", "ours_cpu", "torch_cpu", "ratio", "target");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : ours.keySet()) {
            String[] parts = key.split("/");
            if (parts.length > 2) {
                continue;
            }
            String workload = parts[1];
            if (workload.equals("gemm")) {
                continue;
            }
            double ourS = ours.get(key);
            double ourCpu = ours.get(key + "/cpu");
            Double theirS = torch.get(key);
            Double theirCpu = torch.get(key + "/cpu");
            Double target = TARGETS.get(workload.startsWith("power") ? "power" : workload);
            o.printf(Locale.ROOT, "%-8s %-17s %9.3f %9s %7s %9.3f %9s %7s %7s%n", parts[0], workload, ourS, num(theirS, 3),
                    theirS == null ? "-" : num(ourS / theirS, 2), ourCpu, num(theirCpu, 3),
                    theirCpu == null ? "-" : num(ourCpu / theirCpu, 2), target == null ? "" : "<= " + target);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dtype", parts[0]);
            row.put("workload", workload);
            row.put("flatminima_s", ourS);
            row.put("pytorch_s", theirS);
            row.put("ratio", theirS == null ? null : ourS / theirS);
            row.put("flatminima_cpu_s", ourCpu);
            row.put("pytorch_cpu_s", theirCpu);
            row.put("cpu_ratio", theirCpu == null ? null : ourCpu / theirCpu);
            row.put("target", target);
            Double gemmCpu = ours.get(parts[0] + "/gemm/cpu");
            if (gemmCpu != null) {
                row.put("flatminima_products", products(workload, false));
                row.put("pytorch_products", products(workload, true));
                row.put("gemm_cpu_s", gemmCpu);
            }
            rows.add(row);
        }
        printFloor(o, precisions, ours, torch);
        if (out != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("width", width);
            json.put("depth", depth);
            json.put("samples", samples);
            json.put("iterations", iterations);
            json.put("rounds", rounds);
            json.put("repeats", repeats);
            json.put("blas", blas);
            json.put("pytorch", torchProblem == null ? torchVersion : "absent: " + torchProblem);
            json.put("rows", rows);
            try {
                SafeFiles.writeString(out, Json.mapper().writeValueAsString(json) + "\n");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@link FloatBenchmark#products} for a row of the table. */
    int products(String workload, boolean pytorch) {
        String kind = workload.equals("gradient") || workload.equals("hvp") ? workload
                : workload.endsWith("_recompute") ? "powerRecompute" : "power";
        return FloatBenchmark.products(kind, pytorch, depth, iterations);
    }

    /**
     * Reads the times against the products each side must compute: the measured time of one product
     * (flatminima's BLAS, best of three batches) times the count is a floor neither side can beat at this BLAS
     * speed, and the ratio of the counts is the least ratio a faster implementation could reach.
     */
    private void printFloor(PrintWriter o, List<Precision> precisions, Map<String, Double> ours, Map<String, Double> torch) {
        for (Precision p : precisions) {
            Double gemm = ours.get(p.label() + "/gemm/cpu");
            if (gemm == null) {
                continue;
            }
            o.printf(Locale.ROOT, "%s floor: one (%dx%d)(%dx%d) product takes %.4f s of CPU here; products needed"
                    + " (flatminima / PyTorch), floor time, and each side's time over its floor:%n", p.label(), width,
                    width, width, samples, gemm);
            for (String workload : new String[] {"gradient", "hvp", "power" + iterations, "power" + iterations + "_recompute"}) {
                Double ourCpu = ours.get(p.label() + "/" + workload + "/cpu");
                if (ourCpu == null) {
                    continue;
                }
                int mine = products(workload, false);
                int theirs = products(workload, true);
                Double theirCpu = torch.get(p.label() + "/" + workload + "/cpu");
                o.printf(Locale.ROOT, "  %-17s %4d / %-4d  floor %7.3f / %7.3f s  over floor %5.2f / %5s  least ratio"
                        + " possible %.2f%n", workload, mine, theirs, mine * gemm, theirs * gemm, ourCpu / (mine * gemm),
                        theirCpu == null ? "-" : num(theirCpu / (theirs * gemm), 2), (double) mine / theirs);
            }
        }
    }

    private static String num(Double x, int digits) {
        return x == null ? "-" : String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    private void runWorker(List<Precision> precisions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blas", Blas.description());
        for (Precision p : precisions) {
            Map<String, FloatBenchmark.Timing> t = FloatBenchmark.run(width, depth, samples, iterations, repeats, p);
            for (FloatBenchmark.Timing timing : t.values()) {
                json.put(timing.workload(), Map.of("best_s", timing.bestSeconds(), "median_s", timing.medianSeconds(),
                        "best_cpu_s", timing.bestCpuSeconds()));
            }
        }
        try {
            spec.commandLine().getOut().println(Json.mapper().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void best(Map<String, Double> into, String dtype, JsonNode j) {
        j.fields().forEachRemaining(e -> {
            if (e.getValue().has("best_s")) {
                String key = dtype + "/" + e.getKey();
                into.merge(key, e.getValue().get("best_s").asDouble(), Math::min);
                into.merge(key + "/cpu", e.getValue().get("best_cpu_s").asDouble(), Math::min);
            }
        });
    }

    private List<String> javaWorkerCommand(Precision p) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xmx4g");
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(Main.class.getName());
        c.addAll(List.of("bench", "float", "--worker", "--dtype", p.label(), "--width", "" + width, "--depth", "" + depth,
                "--samples", "" + samples, "--iterations", "" + iterations, "--repeats", "" + repeats));
        return c;
    }

    private List<String> torchCommand(Precision p) {
        return List.of(PYTHON, scriptPath().toString(), "bench", "--dtype", p.label(), "--width", "" + width, "--depth",
                "" + depth, "--samples", "" + samples, "--iterations", "" + iterations, "--repeats", "" + repeats);
    }

    private static Path script;

    /** The PyTorch script, extracted from the jar to a temporary file once per process. */
    static synchronized Path scriptPath() {
        if (script == null) {
            try (InputStream in = FloatBenchCommand.class.getResourceAsStream(TORCH_SCRIPT)) {
                Path f = Files.createTempFile("flatminima-float-torch", ".py");
                f.toFile().deleteOnExit();
                Files.write(f, in.readAllBytes());
                script = f;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return script;
    }

    /** Null if PyTorch can be run, else why not. */
    static String torchProblem() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " not found";
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "python3 did not answer";
            }
            if (p.exitValue() != 0) {
                String[] lines = text.split("\n");
                return "import torch failed (" + lines[lines.length - 1] + "); install python3-torch";
            }
            return null;
        } catch (IOException | InterruptedException e) {
            return "cannot run " + PYTHON + " (" + e.getMessage() + ")";
        }
    }

    private static JsonNode childJson(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.redirectError(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            byte[] stdout = p.getInputStream().readAllBytes();
            byte[] stderr = p.getErrorStream().readAllBytes();
            p.waitFor();
            String text = new String(stdout, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || text.isEmpty()) {
                String e = new String(stderr, StandardCharsets.UTF_8).strip();
                String[] lines = e.split("\n");
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
