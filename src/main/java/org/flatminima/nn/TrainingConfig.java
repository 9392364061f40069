package org.flatminima.nn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that determines a training run, so that two runs with equal configs and data give
 * equal results (and a checkpoint can tell whether it belongs to a run).
 *
 * @param widths d_0 .. d_m
 * @param activation ReLU or linear
 * @param biases whether layers have biases
 * @param init identity (W = I, zero biases) or He
 * @param optimiser plain SGD (no momentum) or Adam (beta1 0.9, beta2 0.999, eps 1e-8)
 * @param step the step size
 * @param batch samples per step; 0 or at least n means full batch
 * @param epochs the epoch budget (one epoch = one pass over the shuffled data)
 * @param seed seeds He initialisation and the per-epoch shuffles
 * @param precision float32 or float64
 * @param lossScale sample (paper eq. 2) or element normalisation
 * @param convergenceTol converged when the full-data losses of the last {@link Settle#WINDOW} epochs lie within
 *     this relative spread ({@link Settle})
 * @param divergenceFactor diverged when a loss is not finite or exceeds this multiple of the initial loss
 */
public record TrainingConfig(int[] widths, Activation activation, boolean biases, Initialisation init,
        Optimiser optimiser, double step, int batch, int epochs, long seed, Precision precision, LossScale lossScale,
        double convergenceTol, double divergenceFactor) {

    /** Initialisations. */
    public enum Initialisation { IDENTITY, HE }

    /** Optimisers. */
    public enum Optimiser { SGD, ADAM }

    public TrainingConfig {
        widths = widths.clone();
        if (!(step > 0) || epochs < 0 || batch < 0 || !(divergenceFactor > 1) || !(convergenceTol >= 0)) {
            throw new IllegalArgumentException("invalid training configuration");
        }
    }

    /** Defaults: ReLU, no biases, identity init, SGD, full batch, 100 epochs, seed 1, float32, sample scale. */
    public static TrainingConfig defaults(int[] widths, double step) {
        return new TrainingConfig(widths, Activation.RELU, false, Initialisation.IDENTITY, Optimiser.SGD, step, 0, 100,
                1, Precision.FLOAT32, LossScale.SAMPLE, 1e-4, 1e3);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** The network this config trains. */
    public Network network() {
        return new Network(widths, activation, biases);
    }

    /** The initial parameters. */
    public double[] initialParameters() {
        Network net = network();
        return init == Initialisation.IDENTITY ? net.identityParameters() : net.heParameters(seed);
    }

    /** The convergence rule in words. */
    public String convergenceRule() {
        return Settle.rule(convergenceTol).replace("settled:", "converged (settled):") + String.format(Locale.ROOT,
                "; diverged: a loss not finite or above %.3g times the initial loss", divergenceFactor);
    }

    /** The settings as a map (results files, checkpoint fingerprints). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("widths", widths.clone());
        m.put("activation", activation.name().toLowerCase(Locale.ROOT));
        m.put("biases", biases);
        m.put("init", init.name().toLowerCase(Locale.ROOT));
        m.put("optimiser", optimiser.name().toLowerCase(Locale.ROOT));
        m.put("step", step);
        m.put("batch", batch);
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("dtype", precision.label());
        m.put("loss_scale", lossScale.name().toLowerCase(Locale.ROOT));
        m.put("convergence_tol", convergenceTol);
        m.put("divergence_factor", divergenceFactor);
        return m;
    }

    /** A 64-bit fingerprint of the settings that determine the trajectory (the epoch budget excluded). */
    public long fingerprint() {
        Map<String, Object> m = toMap();
        m.remove("epochs");
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            sb.append(e.getKey()).append('=')
                    .append(v instanceof int[] a ? java.util.Arrays.toString(a) : String.valueOf(v)).append(';');
        }
        long h = 1125899906842597L;
        for (int i = 0; i < sb.length(); i++) {
            h = 31 * h + sb.charAt(i);
        }
        return h;
    }
}
