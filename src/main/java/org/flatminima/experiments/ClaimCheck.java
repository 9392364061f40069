package org.flatminima.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision on one of Section 6's qualitative claims, from measured numbers. Every criterion
 * is an assumed reading of the paper's words ("roughly 1/m", "roughly linear", "several times"),
 * stated in {@link #criterion()}; the numbers come from float training runs, so a PASS is
 * numerical evidence, never a proof. UNDECIDED means too few runs reached a minimum to judge.
 *
 * @param id claim id in results files
 * @param outcome PASS, FAIL or UNDECIDED
 * @param criterion the rule applied, in words
 * @param summary the measured numbers against the rule, one line
 * @param numbers the measured numbers by name
 */
public record ClaimCheck(String id, Outcome outcome, String criterion, String summary, Map<String, Object> numbers) {

    /** Three-valued outcome; UNDECIDED is never a pass. */
    public enum Outcome { PASS, FAIL, UNDECIDED }

    /** Lower and upper slope of log(max step) against log(m) that count as "roughly 1/m". */
    public static final double[] STEP_SLOPE_RANGE = {-1.5, -0.5};
    /** R^2 of the linear fit of lowest sharpness against m that counts as "roughly linear". */
    public static final double LINEAR_R2 = 0.9;
    /** Fraction of depths on which identity must beat He. */
    public static final double INIT_FRACTION = 0.75;
    /** Ratio of median sharpness (Adam over SGD) that counts as "several times flatter". */
    public static final double SGD_RATIO = 2.0;
    /** Band of measured / Theorem 1 for the linear sanity check. */
    public static final double[] LINEAR_BAND = {0.98, 1.10};

    /** A least-squares line y = slope x + intercept with its R^2. */
    public record Fit(double slope, double intercept, double r2) {
        /** Fits {@code y} against {@code x}; needs two or more distinct x. */
        public static Fit of(double[] x, double[] y) {
            int n = x.length;
            double mx = Arrays.stream(x).average().orElse(Double.NaN);
            double my = Arrays.stream(y).average().orElse(Double.NaN);
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
            double slope = sxy / sxx;
            double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
            return new Fit(slope, my - slope * mx, r2);
        }
    }

    /**
     * The largest stable step falls roughly as 1/m: the slope of log(max step) against log(m), over
     * the depths whose largest converged step is below the top of the grid (a run converging at the
     * top only bounds the step from below), lies in {@link #STEP_SLOPE_RANGE}.
     *
     * @param maxStep largest step that reached a minimum per depth (NaN: none did)
     * @param atTop true where that step is the largest of the grid
     */
    public static ClaimCheck stepScaling(String id, int[] depths, double[] maxStep, boolean[] atTop) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < depths.length; i++) {
            if (Double.isFinite(maxStep[i]) && !atTop[i]) {
                pts.add(new double[] {Math.log(depths[i]), Math.log(maxStep[i])});
            }
        }
        String rule = String.format(Locale.ROOT, "slope of log(largest converged step) vs log(m) in [%s, %s] over "
                + "at least 3 depths whose largest converged step is below the grid's top (assumed reading of"
                + " 'roughly 1/m', slope -1)", STEP_SLOPE_RANGE[0], STEP_SLOPE_RANGE[1]);
        Map<String, Object> nums = new LinkedHashMap<>();
        nums.put("depths_used", pts.size());
        if (pts.size() < 3) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "only " + pts.size()
                    + " depths have a largest converged step inside the grid", nums);
        }
        Fit f = Fit.of(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
        nums.put("slope", f.slope());
        nums.put("r2", f.r2());
        boolean ok = f.slope() >= STEP_SLOPE_RANGE[0] && f.slope() <= STEP_SLOPE_RANGE[1];
        nums.put("margin", Math.min(f.slope() - STEP_SLOPE_RANGE[0], STEP_SLOPE_RANGE[1] - f.slope()));
        return new ClaimCheck(id, ok ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "largest converged step ~ m^%.2f (R^2 = %.3f) over %d depths", f.slope(), f.r2(), pts.size()), nums);
    }

    /**
     * The lowest sharpness grows roughly linearly with m: a least-squares line through (m, lowest
     * sharpness) has positive slope and R^2 at least {@link #LINEAR_R2}, over at least 3 depths.
     */
    public static ClaimCheck linearGrowth(String id, int[] depths, double[] lowest) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < depths.length; i++) {
            if (Double.isFinite(lowest[i])) {
                pts.add(new double[] {depths[i], lowest[i]});
            }
        }
        String rule = String.format(Locale.ROOT, "least-squares line of lowest sharpness vs m has slope > 0 and"
                + " R^2 >= %s over at least 3 depths (assumed reading of 'roughly linear')", LINEAR_R2);
        Map<String, Object> nums = new LinkedHashMap<>();
        nums.put("depths_used", pts.size());
        if (pts.size() < 3) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "only " + pts.size() + " depths reached a minimum",
                    nums);
        }
        Fit f = Fit.of(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
        nums.put("slope", f.slope());
        nums.put("intercept", f.intercept());
        nums.put("r2", f.r2());
        boolean ok = f.slope() > 0 && f.r2() >= LINEAR_R2;
        nums.put("margin", f.slope() > 0 ? f.r2() - LINEAR_R2 : f.slope());
        return new ClaimCheck(id, ok ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "lowest sharpness ~ %.4g m %+.4g, R^2 = %.3f over %d depths", f.slope(), f.intercept(), f.r2(),
                pts.size()), nums);
    }

    /**
     * Identity initialisation reaches flatter minima and admits larger steps than He: on at least
     * {@link #INIT_FRACTION} of the depths where identity reached a minimum, its lowest sharpness is
     * at most He's (He reaching none counts for identity) and its largest converged step at least He's.
     */
    public static ClaimCheck initComparison(String id, int[] depths, double[] lowestIdentity, double[] lowestHe,
            double[] stepIdentity, double[] stepHe) {
        int flatter = 0;
        int larger = 0;
        int counted = 0;
        for (int i = 0; i < depths.length; i++) {
            if (!Double.isFinite(lowestIdentity[i])) {
                continue;
            }
            counted++;
            if (!Double.isFinite(lowestHe[i]) || lowestIdentity[i] <= lowestHe[i]) {
                flatter++;
            }
            if (!Double.isFinite(stepHe[i]) || stepIdentity[i] >= stepHe[i]) {
                larger++;
            }
        }
        String rule = String.format(Locale.ROOT, "on at least %.0f%% of the depths where identity reached a minimum,"
                + " identity's lowest sharpness <= He's and its largest converged step >= He's (assumed)",
                100 * INIT_FRACTION);
        Map<String, Object> nums = new LinkedHashMap<>();
        nums.put("depths_used", counted);
        nums.put("identity_flatter", flatter);
        nums.put("identity_larger_step", larger);
        if (counted < 2) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "identity reached a minimum at only " + counted
                    + " depths", nums);
        }
        boolean ok = flatter >= INIT_FRACTION * counted && larger >= INIT_FRACTION * counted;
        nums.put("margin", (double) Math.min(flatter, larger) / counted - INIT_FRACTION);
        return new ClaimCheck(id, ok ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "identity flatter at %d/%d depths, larger largest step at %d/%d", flatter, counted, larger, counted),
                nums);
    }

    /** SGD minima are several times flatter than Adam's: median(Adam) / median(SGD) >= {@link #SGD_RATIO}. */
    public static ClaimCheck sgdFlatter(String id, double[] sgd, double[] adam) {
        double[] s = finite(sgd);
        double[] a = finite(adam);
        String rule = String.format(Locale.ROOT, "median Adam sharpness / median SGD sharpness >= %s (assumed reading"
                + " of 'several times'; the paper saw about 6)", SGD_RATIO);
        Map<String, Object> nums = new LinkedHashMap<>();
        if (s.length == 0 || a.length == 0) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "no converged " + (s.length == 0 ? "SGD" : "Adam")
                    + " run", nums);
        }
        double ratio = median(a) / median(s);
        nums.put("median_sgd", median(s));
        nums.put("median_adam", median(a));
        nums.put("ratio", ratio);
        nums.put("margin", ratio - SGD_RATIO);
        return new ClaimCheck(id, ratio >= SGD_RATIO ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "Adam/SGD sharpness ratio %.2f (median %.4g vs %.4g over %d and %d runs; paper about 6)", ratio,
                median(a), median(s), a.length, s.length), nums);
    }

    /**
     * SGD networks' intermediate gains are more balanced: the median over networks of the peak
     * maximal gain max_k g_k is lower for SGD than for Adam, and so is the peak intermediate gain
     * of the input with the largest end-to-end gain.
     */
    public static ClaimCheck balancedGains(String id, double[] sgdPeak, double[] adamPeak, double[] sgdTopPeak,
            double[] adamTopPeak) {
        String rule = "median over networks of max_k (max gain to layer k) is lower for SGD than for Adam, and so is"
                + " max_k (gain to layer k of the input with the largest end-to-end gain) (assumed reading)";
        Map<String, Object> nums = new LinkedHashMap<>();
        if (finite(sgdPeak).length == 0 || finite(adamPeak).length == 0) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "no converged network on one side", nums);
        }
        double sp = median(finite(sgdPeak));
        double ap = median(finite(adamPeak));
        double st = median(finite(sgdTopPeak));
        double at = median(finite(adamTopPeak));
        nums.put("median_peak_gain_sgd", sp);
        nums.put("median_peak_gain_adam", ap);
        nums.put("median_top_signal_peak_sgd", st);
        nums.put("median_top_signal_peak_adam", at);
        boolean ok = sp < ap && st < at;
        nums.put("margin", Math.min(ap / sp, at / st) - 1);
        return new ClaimCheck(id, ok ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "peak gain SGD %.3g vs Adam %.3g; top signal's peak gain SGD %.3g vs Adam %.3g", sp, ap, st, at), nums);
    }

    /**
     * The interpolation plot misorders flatness: a pair is misordered when the SGD minimum is truly
     * flatter (lower top eigenvalue) yet curves more along the segment (u^T H u at its end larger);
     * PASS when more than half of all pairs are misordered (the paper: all 16).
     */
    public static ClaimCheck interpolationMisorders(String id, double[] trueSgd, double[] trueAdam,
            double[] alongSgd, double[] alongAdam) {
        int mis = 0;
        int truly = 0;
        int n = 0;
        for (int i = 0; i < trueSgd.length; i++) {
            if (!(Double.isFinite(trueSgd[i]) && Double.isFinite(trueAdam[i]) && Double.isFinite(alongSgd[i])
                    && Double.isFinite(alongAdam[i]))) {
                continue;
            }
            n++;
            if (trueSgd[i] < trueAdam[i]) {
                truly++;
                if (alongSgd[i] > alongAdam[i]) {
                    mis++;
                }
            }
        }
        String rule = "a pair is misordered when lambda_max(SGD) < lambda_max(Adam) but the curvature u^T H u along"
                + " the segment direction u is larger at the SGD end; PASS when more than half of the pairs are"
                + " misordered (the paper: 16 of 16)";
        Map<String, Object> nums = new LinkedHashMap<>();
        nums.put("pairs", n);
        nums.put("sgd_truly_flatter", truly);
        nums.put("misordered", mis);
        if (n == 0) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "no pair of converged minima", nums);
        }
        nums.put("margin", (double) mis / n - 0.5);
        return new ClaimCheck(id, 2 * mis > n ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "%d of %d pairs misordered (SGD truly flatter in %d)", mis, n, truly), nums);
    }

    /**
     * The linear sanity check: at every depth where a run reached the least-squares minimum, the
     * lowest measured sharpness over the step sizes divided by Theorem 1's value lies in
     * {@link #LINEAR_BAND} (below 1 only by float32 training and eigen-solver error; above 1 when no
     * run found the flattest minimum).
     */
    public static ClaimCheck linearCheck(String id, int[] depths, double[] lowest, double[] theory) {
        String rule = String.format(Locale.ROOT, "lowest sharpness / Theorem 1 in [%s, %s] at every depth with a"
                + " converged run, at least 3 depths (band assumed: float32 training to a relative loss excess of"
                + " 1e-2 and a Lanczos tolerance of 1e-4)", LINEAR_BAND[0], LINEAR_BAND[1]);
        Map<String, Object> nums = new LinkedHashMap<>();
        int used = 0;
        double worst = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean ok = true;
        for (int i = 0; i < depths.length; i++) {
            if (!Double.isFinite(lowest[i])) {
                continue;
            }
            used++;
            double r = lowest[i] / theory[i];
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
            ok &= r >= LINEAR_BAND[0] && r <= LINEAR_BAND[1];
            worst = Math.max(worst, Math.abs(r - 1));
        }
        nums.put("depths_used", used);
        if (used < 3) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "only " + used + " depths converged", nums);
        }
        nums.put("ratio_min", lo);
        nums.put("ratio_max", hi);
        nums.put("margin", Math.min(lo - LINEAR_BAND[0], LINEAR_BAND[1] - hi));
        return new ClaimCheck(id, ok ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "measured / Theorem 1 between %.4f and %.4f over %d depths", lo, hi, used), nums);
    }

    /** How far the numbers were from failing the criterion (positive: passed with room), or NaN. */
    public double margin() {
        Object m = numbers.get("margin");
        return m instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    static double[] finite(double[] a) {
        return Arrays.stream(a).filter(Double::isFinite).toArray();
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
