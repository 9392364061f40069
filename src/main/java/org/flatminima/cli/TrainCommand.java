package org.flatminima.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.flatminima.nn.Trainer;
import org.flatminima.nn.TrainingConfig;
import org.flatminima.nn.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flatminima train}: trains a fully connected network and saves its weights and a JSON log. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Trains a fully connected network (ReLU or linear) on the MNIST denoising task or NumPy data with plain SGD",
            "or Adam; saves the weights (.npz: W1..Wm, b1..bm) and a JSON log with the loss per step and epoch, the",
            "outcome (converged, diverged, or budget exhausted, with the rule) and the sharpness at the end."
        })
public final class TrainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    FloatDataOptions data = new FloatDataOptions();

    @Option(names = "--depth", defaultValue = "6", paramLabel = "M", description = "Layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--width", paramLabel = "D", description = "Hidden width (default: the input dimension).")
    Integer width;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "relu|linear",
            description = "Activation between layers (default: ${DEFAULT-VALUE}).")
    Activation activation;

    @Option(names = "--biases", description = "Give every layer a bias (zero-initialised).")
    boolean biases;

    @Option(names = "--init", defaultValue = "identity", paramLabel = "identity|he",
            description = "Initialisation (default: ${DEFAULT-VALUE}).")
    TrainingConfig.Initialisation init;

    @Option(names = "--optimiser", defaultValue = "sgd", paramLabel = "sgd|adam",
            description = "Plain SGD without momentum, or Adam (default: ${DEFAULT-VALUE}).")
    TrainingConfig.Optimiser optimiser;

    @Option(names = "--step", required = true, paramLabel = "ETA", description = "Step size.")
    double step;

    @Option(names = "--batch", defaultValue = "0", paramLabel = "B",
            description = "Batch size; 0 for full batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "100", paramLabel = "E", description = "Epoch budget (default: ${DEFAULT-VALUE}).")
    int epochs;

    @picocli.CommandLine.Mixin
    SharedOptions.SeedOption seedOption = new SharedOptions.SeedOption();

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "float32|float64",
            description = "Training precision (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--loss-scale", defaultValue = "sample", paramLabel = "sample|element",
            description = "Normalise the loss by n (sample, eq. 2) or by n d_y (element) (default: ${DEFAULT-VALUE})." + SharedOptions.LOSS_SCALE_NOTE)
    LossScale lossScale;

    @Option(names = "--convergence-tol", defaultValue = "1e-4", paramLabel = "TOL",
            description = "Converged when the loss changes by at most TOL of itself over an epoch (default: ${DEFAULT-VALUE}).")
    double convergenceTol;

    @Option(names = "--divergence-factor", defaultValue = "1000", paramLabel = "F",
            description = "Diverged when a loss exceeds F times the initial loss or is not finite (default: ${DEFAULT-VALUE}).")
    double divergenceFactor;

    @Option(names = "--out", required = true, paramLabel = "W.npz", description = "Where to save the final weights.")
    Path out;

    @Option(names = "--log", paramLabel = "LOG.json", description = "Training log (default: the weights path with .json).")
    Path log;

    @Option(names = "--checkpoint", paramLabel = "FILE.npz", description = "Write a checkpoint here at epoch ends.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", defaultValue = "1", paramLabel = "E",
            description = "Epochs between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from --checkpoint if it exists.")
    boolean resume;

    @Option(names = "--sharpness-iterations", defaultValue = "30", paramLabel = "K",
            description = "Lanczos iterations for the final sharpness; 0 to skip it (default: ${DEFAULT-VALUE}).")
    int sharpnessIterations;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @picocli.CommandLine.Mixin
    SharedOptions.QuietOption quietOption = new SharedOptions.QuietOption();

    @Override
    public void run() {
        Precision p = SharpnessCommand.precision(dtype);
        if (depth < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--depth", "at least 1", depth);
        }
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--step", "a positive number", step);
        }
        if (batch < 0 || epochs < 0 || checkpointEvery < 1 || sharpnessIterations < 0) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--batch, --epochs, --sharpness-iterations and"
                    + " --checkpoint-every", "non-negative (checkpoint-every at least 1)", "a negative value");
        }
        if (!(convergenceTol >= 0) || !(divergenceFactor > 1)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--convergence-tol / --divergence-factor",
                    ">= 0 / > 1", convergenceTol + " / " + divergenceFactor);
        }
        Path logFile = log != null ? log : siblingJson(out);
        SafeFiles.requireWritable(out, forceOption.force);
        SafeFiles.requireWritable(logFile, forceOption.force);
        if (checkpoint != null && !resume && Files.exists(checkpoint)) {
            SafeFiles.requireWritable(checkpoint, forceOption.force);
        }
        Dataset d = data.load();
        int hidden = width != null ? width : d.inputDim();
        if (hidden < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--width", "at least 1", hidden);
        }
        int[] widths = new int[depth + 1];
        java.util.Arrays.fill(widths, hidden);
        widths[0] = d.inputDim();
        widths[depth] = d.outputDim();
        TrainingConfig cfg = new TrainingConfig(widths, activation, biases, init, optimiser, step, batch, epochs, seedOption.seed,
                p, lossScale, convergenceTol, divergenceFactor);
        PrintWriter err = spec.commandLine().getErr();
        err.println("flatminima: BLAS: " + Blas.description());
        if (checkpoint != null && resume && Files.isRegularFile(checkpoint)) {
            try {
                org.flatminima.data.Npz.read(checkpoint);
            } catch (UserError ex) {
                Path renamed = SafeFiles.setAside(checkpoint);
                err.println("flatminima: " + checkpoint + " was unreadable (" + ex.getMessage() + "); renamed to "
                        + renamed.getFileName() + " and training starts over");
            }
        }
        Trainer.Checkpointing ck = checkpoint == null ? null : new Trainer.Checkpointing(checkpoint, checkpointEvery, resume);
        TrainingResult r;
        // the original arguments start with the command's own name
        List<String> resumeArgs = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        try (InterruptNotice notice = checkpoint == null ? null : InterruptNotice.install(err,
                InterruptNotice.resumeCommand(resumeArgs, "--resume"));
                Progress progress = new Progress(err, "train", epochs, !quietOption.quiet)) {
            r = Trainer.train(cfg, d, null, ck, (e, total, l) -> progress.step(1,
                    String.format(Locale.ROOT, "epoch %d, loss %.6g", e, l)));
        }
        NetworkWeights weights = new NetworkWeights(cfg.network(), r.parameters());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config", cfg.toMap());
        json.put("data", d.description());
        json.put("data_provenance", d.provenance());
        json.put("status", r.status().label());
        json.put("converged", r.converged());
        json.put("diverged", r.diverged());
        json.put("reason", r.reason());
        json.put("criterion", r.criterion());
        json.put("final_loss", finite(r.finalLoss()));
        json.put("epochs_completed", r.epochs());
        json.put("steps", r.steps());
        json.put("loss_per_epoch", finiteAll(r.epochLosses()));
        json.put("loss_per_step", finiteAll(r.stepLosses()));
        json.put("blas", Blas.description());
        json.put("time_s", r.seconds());
        if (sharpnessIterations > 0 && !r.diverged()) {
            try (Progress progress = new Progress(err, "sharpness", sharpnessIterations, !quietOption.quiet)) {
                Sharpness.Result s = Sharpness.measure(cfg.network(), r.parameters(), d,
                        Sharpness.Options.defaults(p).withIterations(sharpnessIterations).withLossScale(lossScale),
                        (i, l, res) -> progress.step(1, String.format(Locale.ROOT, "lambda_max ~ %.6g", l)));
                json.put("sharpness", s.toMap());
            }
        } else {
            json.put("sharpness", r.diverged() ? "not measured: the run diverged" : "not measured (--sharpness-iterations 0)");
        }
        weights.write(out, p == Precision.FLOAT32);
        try {
            SafeFiles.writeString(logFile, Json.mapper().writeValueAsString(json) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s after %d epochs (%d steps): loss %.6g; %s%nweights: %s%nlog: %s%n",
                r.status().label(), r.epochs(), r.steps(), r.finalLoss(), r.reason(), out, logFile);
    }

    private static Object finite(double x) {
        return Double.isFinite(x) ? (Object) x : String.valueOf(x);
    }

    private static Object[] finiteAll(double[] xs) {
        Object[] o = new Object[xs.length];
        for (int i = 0; i < xs.length; i++) {
            o[i] = finite(xs[i]);
        }
        return o;
    }

    static Path siblingJson(Path weights) {
        String name = weights.getFileName().toString();
        String stem = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return weights.resolveSibling(stem + ".json");
    }
}
