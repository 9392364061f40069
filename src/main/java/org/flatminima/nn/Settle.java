package org.flatminima.nn;

import java.util.Locale;

/**
 * The windowed settle test that ends a training run: the full-data loss has settled after epoch
 * {@code e} when the {@link #WINDOW} + 1 losses of epochs {@code e - WINDOW .. e} all lie within a
 * relative spread {@code tol} of their smallest, {@code (max - min) / min <= tol}. A single calm
 * epoch inside an oscillation does not pass (the window holds the swings), and neither does a slow
 * descent faster than about {@code tol / WINDOW} per epoch (the window spans the drop).
 */
public final class Settle {
    /** Epochs of change the test looks back over. */
    public static final int WINDOW = 5;

    private Settle() {}

    /**
     * Whether {@code losses[0..upTo]} (index 0 the initial loss, index e the loss after epoch e)
     * has settled at epoch {@code upTo}: at least {@link #WINDOW} epochs run, every loss of the window
     * finite and positive, and their relative spread at most {@code tol}.
     */
    public static boolean settled(double[] losses, int upTo, double tol) {
        return upTo >= WINDOW && spread(losses, upTo) <= tol;
    }

    /** The relative spread (max - min) / min of the window ending at {@code upTo}; +inf when undefined. */
    public static double spread(double[] losses, int upTo) {
        if (upTo < WINDOW || upTo >= losses.length) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = upTo - WINDOW; k <= upTo; k++) {
            double l = losses[k];
            if (!Double.isFinite(l) || l < 0) {
                return Double.POSITIVE_INFINITY;
            }
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
        }
        if (lo == 0) {
            return hi == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (hi - lo) / lo;
    }

    /** The rule in words. */
    public static String rule(double tol) {
        return String.format(Locale.ROOT, "settled: the full-data losses of the last %d epochs (and the one before)"
                + " lie within a relative spread (max - min) / min of %.3g", WINDOW, tol);
    }
}
