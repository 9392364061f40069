package org.flatminima.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Dataset;
import org.flatminima.data.NpyArray;
import org.flatminima.data.Npz;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * Trains a network by plain SGD or Adam on the training loss of {@link TrainingLoss}. Each epoch
 * shuffles the samples with a generator seeded from the config's seed and the epoch number, so an
 * epoch's batches do not depend on how the run got there, and a run resumed from a checkpoint
 * (written at epoch ends) continues exactly as the uninterrupted run would.
 */
public final class Trainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private Trainer() {}

    /** Progress after each epoch. */
    @FunctionalInterface
    public interface Listener {
        void epoch(int epoch, int totalEpochs, double loss);

        Listener NONE = (e, t, l) -> { };
    }

    /**
     * Checkpointing: write {@code file} every {@code everyEpochs} epochs (and at the end); with
     * {@code resume}, continue from {@code file} if it exists.
     */
    public record Checkpointing(Path file, int everyEpochs, boolean resume) {}

    /**
     * Trains from {@code initial} (or the config's initialisation when null) on {@code data}.
     * {@code checkpoint} may be null. Reads {@code initial}; modifies nothing the caller holds.
     */
    public static TrainingResult train(TrainingConfig config, Dataset data, double[] initial, Checkpointing checkpoint,
            Listener listener) {
        TrainingLoss<?> loss = new TrainingLoss<>(config.network(), data, config.precision(), config.lossScale(),
                TrainingLoss.DEFAULT_BLOCK);
        return run(loss, config, initial, checkpoint, listener);
    }

    private static <A> TrainingResult run(TrainingLoss<A> loss, TrainingConfig cfg, double[] initial,
            Checkpointing ckpt, Listener listener) {
        long start = System.nanoTime();
        ArrayArithmetic<A> ar = loss.arithmetic();
        int n = loss.samples();
        int batch = cfg.batch() <= 0 || cfg.batch() >= n ? n : cfg.batch();
        int stepsPerEpoch = (n + batch - 1) / batch;
        double[] init = initial != null ? initial : cfg.initialParameters();
        A p = loss.parameters(init);
        A grad = ar.allocate(init.length);
        A m = cfg.optimiser() == TrainingConfig.Optimiser.ADAM ? ar.allocate(init.length) : null;
        A v = cfg.optimiser() == TrainingConfig.Optimiser.ADAM ? ar.allocate(init.length) : null;
        double[] epochLosses = new double[cfg.epochs() + 1];
        double[] stepLosses = new double[Math.max(0, cfg.epochs() * stepsPerEpoch)];
        int epoch = 0;
        long steps = 0;
        if (ckpt != null && ckpt.resume() && Files.isRegularFile(ckpt.file())) {
            Map<String, NpyArray> saved = Npz.read(ckpt.file());
            double[] state = Npz.require(saved, "state", ckpt.file()).values();
            long fp = ((long) state[2] << 32) | ((long) state[3] & 0xffffffffL);
            if (state.length != 4 || fp != cfg.fingerprint()) {
                throw new UserError(Problem.CHECKPOINT_MISMATCH, ckpt.file(), "its settings differ from this run's");
            }
            double[] sp = Npz.require(saved, "parameters", ckpt.file()).values();
            if (sp.length != init.length) {
                throw new UserError(Problem.CHECKPOINT_MISMATCH, ckpt.file(), "it has " + sp.length + " parameters");
            }
            epoch = Math.min((int) state[0], cfg.epochs());
            steps = (long) state[1];
            ar.copyFromDoubles(sp, 0, p, 0, sp.length);
            if (m != null) {
                double[] sm = Npz.require(saved, "adam_m", ckpt.file()).values();
                double[] sv = Npz.require(saved, "adam_v", ckpt.file()).values();
                ar.copyFromDoubles(sm, 0, m, 0, sm.length);
                ar.copyFromDoubles(sv, 0, v, 0, sv.length);
            }
            double[] el = Npz.require(saved, "epoch_losses", ckpt.file()).values();
            double[] sl = Npz.require(saved, "step_losses", ckpt.file()).values();
            System.arraycopy(el, 0, epochLosses, 0, Math.min(el.length, epochLosses.length));
            System.arraycopy(sl, 0, stepLosses, 0, Math.min(sl.length, stepLosses.length));
        } else {
            epochLosses[0] = loss.value(p);
        }
        double initialLoss = epochLosses[0];
        double bound = cfg.divergenceFactor() * Math.max(initialLoss, Double.MIN_NORMAL);
        TrainingResult.Status status = TrainingResult.Status.BUDGET;
        String reason = "ran the full budget of " + cfg.epochs() + " epochs without meeting the convergence rule";
        if (!Double.isFinite(initialLoss)) {
            status = TrainingResult.Status.DIVERGED;
            reason = "the initial loss is not finite";
        }
        int[] order = new int[n];
        while (status == TrainingResult.Status.BUDGET && epoch < cfg.epochs()) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (batch < n) {
                SplittableRandom rnd = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + epoch + 1);
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            for (int s = 0; s < stepsPerEpoch && status == TrainingResult.Status.BUDGET; s++) {
                int from = s * batch;
                int to = Math.min(n, from + batch);
                double l = batch == n ? loss.valueAndGradient(p, grad) : loss.batchValueAndGradient(p, order, from, to, grad);
                stepLosses[(int) steps] = l;
                steps++;
                if (!Double.isFinite(l) || l > bound) {
                    status = TrainingResult.Status.DIVERGED;
                    reason = String.format(Locale.ROOT, "at step %d the batch loss %.6g is %s", steps, l,
                            Double.isFinite(l) ? "above the bound " + fmt(bound) : "not finite");
                    break;
                }
                if (m == null) {
                    ar.axpy(ar.length(p), -cfg.step(), grad, 0, p, 0);
                } else {
                    double bias1 = 1 - Math.pow(BETA1, steps);
                    double bias2 = 1 - Math.pow(BETA2, steps);
                    ar.adam(p, grad, m, v, ar.length(p), cfg.step(), BETA1, BETA2, EPS, bias1, bias2);
                }
            }
            if (status == TrainingResult.Status.DIVERGED) {
                epochLosses[epoch + 1] = Double.NaN;
                epoch++;
                break;
            }
            double l = loss.value(p);
            epochLosses[epoch + 1] = l;
            epoch++;
            listener.epoch(epoch, cfg.epochs(), l);
            if (!Double.isFinite(l) || l > bound) {
                status = TrainingResult.Status.DIVERGED;
                reason = String.format(Locale.ROOT, "after epoch %d the loss %s is %s", epoch, fmt(l),
                        Double.isFinite(l) ? "above the bound " + fmt(bound) : "not finite");
            } else if (Settle.settled(epochLosses, epoch, cfg.convergenceTol())) {
                status = TrainingResult.Status.CONVERGED;
                reason = String.format(Locale.ROOT, "after epoch %d the losses of the last %d epochs lie within a"
                        + " relative spread of %.3g (at most %.3g); last loss %s", epoch, Settle.WINDOW,
                        Settle.spread(epochLosses, epoch), cfg.convergenceTol(), fmt(l));
            }
            if (ckpt != null && status != TrainingResult.Status.DIVERGED
                    && (epoch % Math.max(1, ckpt.everyEpochs()) == 0 || epoch == cfg.epochs()
                    || status == TrainingResult.Status.CONVERGED)) {
                save(ckpt.file(), cfg, loss, p, m, v, epoch, steps, epochLosses, stepLosses);
            }
        }
        if (status == TrainingResult.Status.BUDGET && epoch > 0 && epoch == cfg.epochs()
                && Settle.settled(epochLosses, epoch, cfg.convergenceTol())) {
            status = TrainingResult.Status.CONVERGED;
            reason = "the last epoch met the convergence rule";
        }
        double[] finalParams = loss.toDoubles(p);
        double finalLoss = epochLosses[epoch];
        return new TrainingResult(status, reason, finalLoss, Arrays.copyOf(epochLosses, epoch + 1),
                Arrays.copyOf(stepLosses, (int) steps), epoch, steps, finalParams, (System.nanoTime() - start) / 1e9,
                cfg.convergenceRule());
    }

    private static <A> void save(Path file, TrainingConfig cfg, TrainingLoss<A> loss, A p, A m, A v, int epoch,
            long steps, double[] epochLosses, double[] stepLosses) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        double[] params = loss.toDoubles(p);
        out.put("parameters", new NpyArray(new int[] {params.length}, "<f8", params));
        if (m != null) {
            double[] dm = loss.toDoubles(m);
            double[] dv = loss.toDoubles(v);
            out.put("adam_m", new NpyArray(new int[] {dm.length}, "<f8", dm));
            out.put("adam_v", new NpyArray(new int[] {dv.length}, "<f8", dv));
        }
        long fp = cfg.fingerprint();
        out.put("state", new NpyArray(new int[] {4}, "<f8",
                new double[] {epoch, steps, (double) (int) (fp >> 32), (double) (int) fp}));
        out.put("epoch_losses", new NpyArray(new int[] {epoch + 1}, "<f8", Arrays.copyOf(epochLosses, epoch + 1)));
        out.put("step_losses", new NpyArray(new int[] {(int) steps}, "<f8", Arrays.copyOf(stepLosses, (int) steps)));
        Npz.write(file, out, false);
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
