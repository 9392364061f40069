package org.flatminima.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.flatminima.data.Dataset;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Blas;
import org.flatminima.nn.LossScale;
import org.flatminima.nn.NetworkWeights;
import org.flatminima.nn.Precision;
import org.flatminima.nn.Sharpness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flatminima sharpness}: top and bottom Hessian eigenvalues of a network's training loss. */
@Command(name = "sharpness", mixinStandardHelpOptions = true,
        description = {
            "Sharpness (largest algebraic Hessian eigenvalue) of the training loss l = (1/n) sum ||y - f(x)||^2 at the",
            "given weights, with the smallest eigenvalue, from exact Hessian-vector products. Prints JSON."
        })
public final class SharpnessCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "W.npz",
            description = "Weights: arrays W1..Wm (d_j x d_{j-1}) and optionally b1..bm.")
    Path weights;

    @Mixin
    FloatDataOptions data = new FloatDataOptions();

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "relu|linear",
            description = "Activation between layers (default: ${DEFAULT-VALUE}).")
    Activation activation;

    @Option(names = "--method", defaultValue = "lanczos", paramLabel = "lanczos|power",
            description = "Eigen-solver (default: ${DEFAULT-VALUE}); power iteration is shifted to target the top.")
    Sharpness.Method method;

    @Option(names = "--iterations", defaultValue = "100", paramLabel = "K",
            description = "Iteration limit (per phase for power) (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--tol", paramLabel = "EPS",
            description = "Stopping tolerance (default: 1e-6 in float64, 1e-4 in float32).")
    Double tol;

    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "float32|float64",
            description = "Precision of the products (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--loss-scale", defaultValue = "sample", paramLabel = "sample|element",
            description = "Normalise the loss by n (sample, eq. 2) or by n d_y (element) (default: ${DEFAULT-VALUE})." + SharedOptions.LOSS_SCALE_NOTE)
    LossScale lossScale;

    @Option(names = "--subset", defaultValue = "0", paramLabel = "N",
            description = "Use only the first N samples (a fixed subset, labelled so; default: the full set).")
    int subset;

    @Option(names = "--trace-samples", defaultValue = "0", paramLabel = "K",
            description = "Also estimate the Hessian trace with K Hutchinson probes (default: none).")
    int traceSamples;

    @picocli.CommandLine.Mixin
    SharedOptions.SeedOption seedOption = new SharedOptions.SeedOption();

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON to FILE.")
    Path out;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @picocli.CommandLine.Mixin
    SharedOptions.QuietOption quietOption = new SharedOptions.QuietOption();

    @Option(names = "--both-ends", description = "Converge lambda_min too, with a second Lanczos run on -H (about "
            + "twice the products); without it lambda_min is read off the run for lambda_max and reported with its "
            + "own convergence flag, often false.")
    boolean bothEnds;

    static Precision precision(String dtype) {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32", "f32", "single" -> Precision.FLOAT32;
            case "float64", "f64", "double" -> Precision.FLOAT64;
            default -> throw new UserError(Problem.UNKNOWN_NAME, "dtype", dtype, "float32, float64");
        };
    }

    @Override
    public void run() {
        Precision p = precision(dtype);
        if (iterations < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--iterations", "at least 1", iterations);
        }
        double t = tol != null ? tol : Sharpness.Options.defaults(p).tol();
        if (!(t >= 0 && t < 1)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--tol", "in [0, 1)", t);
        }
        if (subset < 0 || traceSamples < 0) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, subset < 0 ? "--subset" : "--trace-samples", ">= 0",
                    subset < 0 ? subset : traceSamples);
        }
        if (out != null) {
            SafeFiles.requireWritable(out, forceOption.force);
        }
        NetworkWeights w = NetworkWeights.read(weights, activation);
        Dataset d = data.load();
        if (w.network().inputDim() != d.inputDim() || w.network().outputDim() != d.outputDim()) {
            throw new UserError(Problem.DATA_INVALID, weights, "the network maps " + w.network().inputDim()
                    + " inputs to " + w.network().outputDim() + " outputs, but the data have " + d.inputDim()
                    + " inputs and " + d.outputDim() + " outputs");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("flatminima: BLAS: " + Blas.description());
        Sharpness.Options o = Sharpness.Options.defaults(p).withMethod(method).withIterations(iterations).withTol(t)
                .withLossScale(lossScale).withSubset(subset).withTraceSamples(traceSamples);
        o = new Sharpness.Options(o.method(), o.maxIterations(), o.tol(), seedOption.seed, o.precision(), o.lossScale(),
                o.subset(), o.traceSamples(), o.blockSize());
        Sharpness.Result r;
        try (Progress progress = new Progress(err, "sharpness", method == Sharpness.Method.LANCZOS ? iterations : 0,
                !quietOption.quiet)) {
            r = Sharpness.measure(w.network(), w.parameters(), d, o, bothEnds, (i, l, res) -> progress.step(1,
                    String.format(Locale.ROOT, "iteration %d, lambda_max ~ %.6g, residual %.2g", i, l, res)));
        }
        Map<String, Object> json = new LinkedHashMap<>(r.toMap());
        json.put("weights", weights.toString());
        json.put("activation", activation.name().toLowerCase(Locale.ROOT));
        json.put("biases", w.network().biases());
        json.put("loss_scale", lossScale.name().toLowerCase(Locale.ROOT));
        json.put("data_description", d.description());
        String text;
        try {
            text = Json.mapper().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (out != null) {
            SafeFiles.writeString(out, text + "\n");
        }
        spec.commandLine().getOut().println(text);
    }
}
