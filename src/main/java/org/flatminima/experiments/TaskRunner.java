package org.flatminima.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flatminima.data.Dataset;
import org.flatminima.data.NpyArray;
import org.flatminima.data.Npz;
import org.flatminima.io.Json;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.Sharpness;
import org.flatminima.nn.Spectrum;
import org.flatminima.nn.Trainer;
import org.flatminima.nn.TrainingConfig;
import org.flatminima.nn.TrainingLoss;
import org.flatminima.nn.TrainingResult;

/**
 * Runs one {@link ExperimentTask} and returns its result as a JSON object: {@code result} holds
 * what the figures and verdicts use (deterministic for given settings and data), {@code timing}
 * what depends on the machine (seconds, the BLAS in use). Fig. 6 minima also leave their weights and
 * top Hessian eigenvector in {@code tasks/ID.npz} for Fig. 7.
 */
public final class TaskRunner {
    /** Step losses kept per run (evenly thinned beyond this). */
    static final int MAX_STEP_LOSSES = 400;
    /** Points per close-up cross-section of Fig. 7. */
    static final int CLOSE_UP_POINTS = 41;
    /** Half-width of the close-ups of Fig. 7 as a fraction of the distance between the two minima. */
    static final double CLOSE_UP_FRACTION = 0.05;
    /** Relative loss change per step that stops a linear-check run. */
    static final double LINEAR_TOL = 1e-7;

    /** A task interrupted mid-training resumes from {@code tasks/ID.ckpt.npz}, written every this many epochs. */
    static final int CHECKPOINT_EPOCHS = 10;
    /** File name suffix of a task's training checkpoint (removed once the task's result is written). */
    public static final String CHECKPOINT_SUFFIX = ".ckpt.npz";

    private final ExperimentPlan plan;
    private final ExperimentData data;
    private final Path taskDir;

    /** A runner for {@code plan} on {@code data}, reading and writing task files in {@code taskDir}. */
    public TaskRunner(ExperimentPlan plan, ExperimentData data, Path taskDir) {
        this.plan = plan;
        this.data = data;
        this.taskDir = taskDir;
    }

    /** The training configuration of a training task. */
    public TrainingConfig config(ExperimentTask t) {
        int[] widths = new int[t.depth() + 1];
        java.util.Arrays.fill(widths, plan.width());
        return switch (t.kind()) {
            case GRID -> new TrainingConfig(widths, Activation.RELU, false, t.init().equals("he")
                    ? TrainingConfig.Initialisation.HE : TrainingConfig.Initialisation.IDENTITY,
                    TrainingConfig.Optimiser.SGD, plan.sgdStepFor(t.step()), plan.batch(), plan.epochs(), t.seed(),
                    plan.precision(), plan.lossScale(), plan.convergenceTol(), plan.divergenceFactor());
            case LINEAR -> new TrainingConfig(widths, Activation.LINEAR, false, TrainingConfig.Initialisation.IDENTITY,
                    TrainingConfig.Optimiser.SGD, plan.sgdStepFor(t.step()), 0, plan.linearEpochs(), 1,
                    plan.precision(), plan.lossScale(), LINEAR_TOL, plan.divergenceFactor());
            case MINIMUM -> {
                boolean sgd = t.optimiser().equals("sgd");
                yield new TrainingConfig(widths, Activation.RELU, false, TrainingConfig.Initialisation.HE,
                        sgd ? TrainingConfig.Optimiser.SGD : TrainingConfig.Optimiser.ADAM,
                        sgd ? plan.sgdStepFor(t.step()) : t.step(), sgd ? plan.sgdBatch() : plan.adamBatch(),
                        plan.fig6Epochs(), t.seed(), plan.precision(), plan.lossScale(), plan.convergenceTol(),
                        plan.divergenceFactor());
            }
            case PAIR -> throw new IllegalArgumentException("a pair task does not train");
        };
    }

    /** Runs {@code task}; a pair task reads the minima's files from the task directory. */
    public ObjectNode run(ExperimentTask task) {
        long start = System.nanoTime();
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode result = out.putObject("result");
        ObjectNode timing = out.putObject("timing");
        if (task.kind() == ExperimentTask.Kind.PAIR) {
            pair(task, result);
        } else {
            train(task, result, timing);
        }
        timing.put("total_s", (System.nanoTime() - start) / 1e9);
        timing.put("blas", org.flatminima.nn.Blas.description());
        return out;
    }

    private void train(ExperimentTask task, ObjectNode result, ObjectNode timing) {
        Dataset d = task.kind() == ExperimentTask.Kind.LINEAR ? data.whitened() : data.denoising();
        TrainingConfig cfg = config(task);
        Path checkpoint = taskDir.resolve(task.id() + CHECKPOINT_SUFFIX);
        timing.put("resumed_from_checkpoint", java.nio.file.Files.isRegularFile(checkpoint));
        TrainingResult r = Trainer.train(cfg, d, null, new Trainer.Checkpointing(checkpoint, CHECKPOINT_EPOCHS, true),
                Trainer.Listener.NONE);
        timing.put("train_s", r.seconds());
        result.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        result.put("reason", r.reason());
        result.put("criterion", r.criterion());
        putNumber(result, "final_loss", r.finalLoss());
        result.put("epochs", r.epochs());
        result.put("steps", r.steps());
        result.put("sgd_step_used", cfg.step());
        putArray(result.putArray("epoch_losses"), r.epochLosses());
        double[] sl = r.stepLosses();
        int every = Math.max(1, (sl.length + MAX_STEP_LOSSES - 1) / MAX_STEP_LOSSES);
        result.put("step_loss_every", every);
        ArrayNode sla = result.putArray("step_losses");
        for (int i = 0; i < sl.length; i += every) {
            addNumber(sla, sl[i]);
        }
        if (task.kind() == ExperimentTask.Kind.LINEAR) {
            putNumber(result, "least_squares_loss", data.linearLoss(plan.lossScale()));
            putNumber(result, "theorem1", data.theorem1(task.depth(), plan.lossScale()));
            putNumber(result, "sigma_max_whitened", data.sigmaMaxWhitened());
        }
        boolean judged = task.kind() != ExperimentTask.Kind.LINEAR;
        double zeroLoss = judged ? zeroOutputLoss(cfg.network(), d) : Double.NaN;
        if (judged) {
            putNumber(result, "zero_output_loss", zeroLoss);
        }
        double sgdStep = cfg.optimiser() == TrainingConfig.Optimiser.SGD ? cfg.step() : Double.NaN;
        if (r.diverged() || !Double.isFinite(r.finalLoss())) {
            if (judged) {
                judge(result, RunCriteria.judge(true, r.epochLosses(), zeroLoss, Double.NaN, Double.NaN, sgdStep,
                        plan.convergenceTol(), plan.collapseTol()));
            }
            return;
        }
        Network net = cfg.network();
        Sharpness.Result s = Sharpness.measure(net, r.parameters(), d, sharpnessOptions(net), Spectrum.Listener.NONE);
        if (judged) {
            judge(result, RunCriteria.judge(false, r.epochLosses(), zeroLoss, s.lambdaMax(),
                    s.spectrum().residualMax(), sgdStep, plan.convergenceTol(), plan.collapseTol()));
        }
        timing.put("sharpness_s", s.timeSeconds());
        putNumber(result, "lambda_max", s.lambdaMax());
        putNumber(result, "lambda_min", s.lambdaMin());
        putNumber(result, "residual", s.spectrum().residualMax());
        result.put("eigen_iterations", s.spectrum().iterations());
        result.put("eigen_converged", s.spectrum().converged());
        result.put("eigen_method", s.spectrum().method());
        result.put("eigen_rule", s.spectrum().stoppingRule());
        result.put("sharpness_data", s.dataLabel());
        if (task.kind() == ExperimentTask.Kind.MINIMUM) {
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            double[] p = r.parameters();
            arrays.put("parameters", new NpyArray(new int[] {p.length}, "<f8", p));
            double[] v = s.spectrum().eigenvector();
            arrays.put("top_eigenvector", new NpyArray(new int[] {v.length}, "<f8", v));
            Npz.write(taskDir.resolve(task.id() + ".npz"), arrays, false);
            long t0 = System.nanoTime();
            Gains.Result g = Gains.estimate(net, p, plan.gainStarts(), plan.gainIterations(), task.seed());
            timing.put("gains_s", (System.nanoTime() - t0) / 1e9);
            putArray(result.putArray("max_gain"), g.maxGain());
            putArray(result.putArray("top_signal_gain"), g.topSignalGain());
        }
    }

    private static void judge(ObjectNode result, RunCriteria.Judgement j) {
        result.put("standing", j.standing().label());
        result.put("standing_reason", j.reason());
        putNumber(result, "settle_spread", j.spread());
        putNumber(result, "stability_bound", j.bound());
        putNumber(result, "stability_margin", j.stabilityMargin());
    }

    /** The loss of the zero output (every parameter zero), the loss a dead bias-free ReLU network stays at. */
    private double zeroOutputLoss(Network net, Dataset d) {
        return value(new TrainingLoss<>(net, d, plan.precision(), plan.lossScale(), TrainingLoss.DEFAULT_BLOCK),
                new double[net.parameterCount()]);
    }

    private Sharpness.Options sharpnessOptions(Network net) {
        Sharpness.Options o = Sharpness.Options.defaults(plan.precision()).withLossScale(plan.lossScale())
                .withIterations(plan.lanczosIterations());
        long bytes = (long) plan.lanczosIterations() * net.parameterCount() * 8;
        if (bytes > Runtime.getRuntime().maxMemory() / 2) {
            o = o.withMethod(Sharpness.Method.POWER);
        }
        return o;
    }

    private void pair(ExperimentTask task, ObjectNode result) {
        String a = ExperimentTask.minimumId("sgd", task.seed());
        String b = ExperimentTask.minimumId("adam", task.otherSeed());
        JsonNode ja = Experiments.readTask(taskDir.resolve(a + ".json"));
        JsonNode jb = Experiments.readTask(taskDir.resolve(b + ".json"));
        result.put("sgd", a);
        result.put("adam", b);
        if (!ja.path("result").path("lambda_max").isNumber() || !jb.path("result").path("lambda_max").isNumber()) {
            result.put("skipped", "a minimum of the pair diverged");
            return;
        }
        Map<String, NpyArray> fa = Npz.read(taskDir.resolve(a + ".npz"));
        Map<String, NpyArray> fb = Npz.read(taskDir.resolve(b + ".npz"));
        double[] w1 = fa.get("parameters").values();
        double[] w2 = fb.get("parameters").values();
        double[] v1 = fa.get("top_eigenvector").values();
        double[] v2 = fb.get("top_eigenvector").values();
        Network net = Network.uniform(plan.width(), task.depth(), Activation.RELU, false);
        TrainingLoss<?> loss = new TrainingLoss<>(net, data.denoising(), plan.precision(), plan.lossScale(),
                TrainingLoss.DEFAULT_BLOCK);
        double[] u = new double[w1.length];
        double dist = 0;
        for (int i = 0; i < u.length; i++) {
            u[i] = w2[i] - w1[i];
            dist += u[i] * u[i];
        }
        dist = Math.sqrt(dist);
        for (int i = 0; i < u.length; i++) {
            u[i] /= dist;
        }
        result.put("distance", dist);
        putNumber(result, "lambda_max_sgd", ja.path("result").path("lambda_max").asDouble());
        putNumber(result, "lambda_max_adam", jb.path("result").path("lambda_max").asDouble());
        putNumber(result, "curvature_along_segment_sgd", curvature(loss, w1, u));
        putNumber(result, "curvature_along_segment_adam", curvature(loss, w2, u));
        int n = plan.linePoints();
        ArrayNode ts = result.putArray("t");
        ArrayNode ls = result.putArray("segment_loss");
        double[] w = new double[w1.length];
        for (int k = 0; k < n; k++) {
            double t = -0.5 + 2.0 * k / (n - 1);
            for (int i = 0; i < w.length; i++) {
                w[i] = w1[i] + t * (w2[i] - w1[i]);
            }
            ts.add(t);
            addNumber(ls, value(loss, w));
        }
        double r = CLOSE_UP_FRACTION * dist;
        ArrayNode ss = result.putArray("offset");
        for (int k = 0; k < CLOSE_UP_POINTS; k++) {
            ss.add(-r + 2 * r * k / (CLOSE_UP_POINTS - 1));
        }
        line(loss, w1, u, r, result.putArray("sgd_along_segment"));
        line(loss, w2, u, r, result.putArray("adam_along_segment"));
        line(loss, w1, v1, r, result.putArray("sgd_along_top_eigenvector"));
        line(loss, w2, v2, r, result.putArray("adam_along_top_eigenvector"));
    }

    private static void line(TrainingLoss<?> loss, double[] w0, double[] dir, double r, ArrayNode out) {
        double[] w = new double[w0.length];
        for (int k = 0; k < CLOSE_UP_POINTS; k++) {
            double s = -r + 2 * r * k / (CLOSE_UP_POINTS - 1);
            for (int i = 0; i < w.length; i++) {
                w[i] = w0[i] + s * dir[i];
            }
            addNumber(out, value(loss, w));
        }
    }

    private static <A> double value(TrainingLoss<A> loss, double[] w) {
        return loss.value(loss.parameters(w));
    }

    /** u^T H u at {@code w} by one exact Hessian-vector product. */
    private static <A> double curvature(TrainingLoss<A> loss, double[] w, double[] u) {
        TrainingLoss<A>.Hessian h = loss.hessian(loss.parameters(w), 0);
        double[] hu = new double[u.length];
        h.apply(u, hu);
        double c = 0;
        for (int i = 0; i < u.length; i++) {
            c += u[i] * hu[i];
        }
        return c;
    }

    static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    static void addNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    static void putArray(ArrayNode a, double[] v) {
        for (double x : v) {
            addNumber(a, x);
        }
    }
}
