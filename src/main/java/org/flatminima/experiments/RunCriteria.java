package org.flatminima.experiments;

import java.util.Locale;
import org.flatminima.nn.Settle;

/**
 * Why a training run counts as a minimum of Figs. 4-6, or why not; applied in this order:
 * <ol>
 *   <li>{@link Standing#DIVERGED}: a loss became non-finite or exceeded the divergence bound;</li>
 *   <li>{@link Standing#COLLAPSED}: the final loss is within {@code collapseTol} of the loss of the
 *       zero output, the only constant a bias-free ReLU network can output (every unit dead);</li>
 *   <li>{@link Standing#UNSETTLED}: the last {@link Settle#WINDOW} epochs fail the windowed settle
 *       test (still descending, or oscillating);</li>
 *   <li>{@link Standing#NO_SHARPNESS}: no finite top eigenvalue was measured;</li>
 *   <li>{@link Standing#UNSTABLE}: for SGD, lambda_max exceeds the stability bound 2/eta (Section 2;
 *       Wu et al., 2018) by more than the eigen-solver's residual, the stated tolerance of the estimate
 *       (for a symmetric operator some eigenvalue lies within the residual norm of the Ritz value);</li>
 *   <li>{@link Standing#COUNTS}: otherwise.</li>
 * </ol>
 * For Adam the 2/eta bound does not apply and is not tested.
 */
public final class RunCriteria {
    private RunCriteria() {}

    /** Why a run counts or not. */
    public enum Standing {
        COUNTS, DIVERGED, COLLAPSED, UNSETTLED, NO_SHARPNESS, UNSTABLE;

        /** The name in result files and figures. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The standing of a label written by {@link #label()}. */
        public static Standing of(String label) {
            for (Standing s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown standing " + label);
        }
    }

    /**
     * The decision with its numbers.
     *
     * @param standing the outcome
     * @param reason one line with the numbers that decided it
     * @param spread the relative loss spread over the settle window (+inf when undefined)
     * @param bound the stability bound 2/eta (NaN for Adam)
     * @param stabilityMargin 2/eta - (lambda_max - residual): non-negative when stable (NaN when untested)
     */
    public record Judgement(Standing standing, String reason, double spread, double bound, double stabilityMargin) {
        public boolean counts() {
            return standing == Standing.COUNTS;
        }
    }

    /**
     * Judges one run.
     *
     * @param diverged whether training stopped as diverged
     * @param epochLosses full-data loss before training and after each epoch
     * @param zeroOutputLoss the loss of the zero output on the same data
     * @param lambdaMax the top Hessian eigenvalue at the final parameters (NaN: not measured)
     * @param residual the eigen-solver's residual norm for it (NaN: unknown, then 1e-3 lambda_max is used)
     * @param sgdStep the SGD step in the loss's own units, or NaN for Adam
     * @param settleTol relative spread of the settle window
     * @param collapseTol relative distance from the zero-output loss that counts as collapsed
     */
    public static Judgement judge(boolean diverged, double[] epochLosses, double zeroOutputLoss, double lambdaMax,
            double residual, double sgdStep, double settleTol, double collapseTol) {
        int last = epochLosses.length - 1;
        double fin = last >= 0 ? epochLosses[last] : Double.NaN;
        double spread = last >= 0 ? Settle.spread(epochLosses, last) : Double.POSITIVE_INFINITY;
        double bound = Double.isFinite(sgdStep) ? 2 / sgdStep : Double.NaN;
        if (diverged || !Double.isFinite(fin)) {
            return new Judgement(Standing.DIVERGED, "training diverged (final loss " + fmt(fin) + ")", spread, bound,
                    Double.NaN);
        }
        if (Double.isFinite(zeroOutputLoss) && fin >= (1 - collapseTol) * zeroOutputLoss) {
            return new Judgement(Standing.COLLAPSED, String.format(Locale.ROOT, "final loss %s is within %.3g of the"
                    + " zero-output loss %s (dead ReLU network)", fmt(fin), collapseTol, fmt(zeroOutputLoss)), spread,
                    bound, Double.NaN);
        }
        if (!(spread <= settleTol)) {
            return new Judgement(Standing.UNSETTLED, String.format(Locale.ROOT, "the losses of the last %d epochs"
                    + " spread by %s of their minimum (settled: at most %.3g)", Settle.WINDOW, fmt(spread), settleTol),
                    spread, bound, Double.NaN);
        }
        if (!Double.isFinite(lambdaMax)) {
            return new Judgement(Standing.NO_SHARPNESS, "no finite lambda_max was measured", spread, bound,
                    Double.NaN);
        }
        if (!Double.isFinite(sgdStep)) {
            return new Judgement(Standing.COUNTS, String.format(Locale.ROOT, "settled (spread %s), lambda_max %s;"
                    + " the 2/eta bound is not tested for Adam", fmt(spread), fmt(lambdaMax)), spread, bound,
                    Double.NaN);
        }
        double tol = Double.isFinite(residual) ? Math.abs(residual) : 1e-3 * Math.abs(lambdaMax);
        double margin = bound - (lambdaMax - tol);
        if (margin < 0) {
            return new Judgement(Standing.UNSTABLE, String.format(Locale.ROOT, "lambda_max %s exceeds 2/eta = %s by"
                    + " more than the eigen-solver tolerance %s", fmt(lambdaMax), fmt(bound), fmt(tol)), spread,
                    bound, margin);
        }
        return new Judgement(Standing.COUNTS, String.format(Locale.ROOT, "settled (spread %s <= %.3g) and stable"
                + " (lambda_max %s <= 2/eta = %s within tolerance %s)", fmt(spread), settleTol, fmt(lambdaMax),
                fmt(bound), fmt(tol)), spread, bound, margin);
    }

    /** The rules in words, for settings and results files. */
    public static String rule(double settleTol, double collapseTol) {
        return "diverged: a loss not finite or above the divergence bound; collapsed: final loss within "
                + ExperimentPlan.num(collapseTol) + " (relative) of the zero-output loss (dead ReLU); unsettled: "
                + Settle.rule(settleTol).replace("settled: ", "not settled, where settled means ")
                + "; unstable (SGD only): lambda_max - residual > 2/eta; a run counts when none of these holds";
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
