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

    /**
     * Outcome; UNDECIDED (too few runs to judge) and VARIES (the verdict differs between seeds, pairs
     * or readings) are never a pass.
     */
    public enum Outcome { PASS, FAIL, UNDECIDED, VARIES }

    /** Seeds (or pairs) that must be decided before a verdict over seeds is taken. */
    public static final int MIN_SEEDS = 3;

    /**
     * One verdict from the same check made on each seed: PASS or FAIL when every seed that could be
     * judged agrees and at least min(3, seeds) were judged; VARIES when they disagree; UNDECIDED
     * otherwise. The numbers give each seed's outcome and, for each number the seeds report, its
     * range over the seeds (the spread).
     */
    public static ClaimCheck acrossSeeds(String id, List<ClaimCheck> perSeed, long[] seeds) {
        Map<String, Object> nums = new LinkedHashMap<>();
        int pass = 0;
        int fail = 0;
        StringBuilder per = new StringBuilder();
        Map<String, double[]> range = new LinkedHashMap<>();
        for (int i = 0; i < perSeed.size(); i++) {
            ClaimCheck c = perSeed.get(i);
            pass += c.outcome == Outcome.PASS ? 1 : 0;
            fail += c.outcome == Outcome.FAIL ? 1 : 0;
            nums.put("seed" + seeds[i] + "_outcome", c.outcome.name());
            per.append(i == 0 ? "" : "; ").append("seed ").append(seeds[i]).append(' ').append(c.outcome)
                    .append(": ").append(c.summary);
            for (Map.Entry<String, Object> e : c.numbers.entrySet()) {
                if (e.getValue() instanceof Number x && !e.getKey().equals("depths_used")) {
                    double v = x.doubleValue();
                    double[] r = range.computeIfAbsent(e.getKey(), k -> new double[] {v, v});
                    r[0] = Math.min(r[0], v);
                    r[1] = Math.max(r[1], v);
                }
            }
        }
        for (Map.Entry<String, double[]> e : range.entrySet()) {
            if (!e.getKey().equals("margin")) {
                nums.put(e.getKey() + "_min", e.getValue()[0]);
                nums.put(e.getKey() + "_max", e.getValue()[1]);
            }
        }
        int decided = pass + fail;
        nums.put("seeds", perSeed.size());
        nums.put("seeds_pass", pass);
        nums.put("seeds_fail", fail);
        Outcome o;
        if (decided < Math.min(MIN_SEEDS, perSeed.size()) || decided == 0) {
            o = Outcome.UNDECIDED;
        } else if (pass > 0 && fail > 0) {
            o = Outcome.VARIES;
        } else {
            o = pass > 0 ? Outcome.PASS : Outcome.FAIL;
            double worst = Double.POSITIVE_INFINITY;
            for (ClaimCheck c : perSeed) {
                if (c.outcome == o && Double.isFinite(c.margin())) {
                    worst = Math.min(worst, o == Outcome.PASS ? c.margin() : -c.margin());
                }
            }
            if (Double.isFinite(worst)) {
                nums.put("margin", o == Outcome.PASS ? worst : -worst);
            }
        }
        String criterion = perSeed.isEmpty() ? "" : perSeed.get(0).criterion + "; taken on each of " + perSeed.size()
                + " seeds: PASS or FAIL only when every judged seed agrees and at least " + Math.min(MIN_SEEDS,
                perSeed.size()) + " were judged, VARIES when seeds disagree";
        String head = switch (o) {
            case PASS -> String.format(Locale.ROOT, "PASS at %d of %d seeds", pass, perSeed.size());
            case FAIL -> String.format(Locale.ROOT, "FAIL at %d of %d seeds", fail, perSeed.size());
            case VARIES -> String.format(Locale.ROOT, "varies: PASS at %d, FAIL at %d of %d seeds", pass, fail,
                    perSeed.size());
            case UNDECIDED -> String.format(Locale.ROOT, "undecided: only %d of %d seeds judged (PASS %d, FAIL %d)",
                    decided, perSeed.size(), pass, fail);
        };
        return new ClaimCheck(id, o, criterion, head + " (" + per + ")", nums);
    }

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
        String rule = String.format(Locale.ROOT, "slope of log(largest step that counts: settled, stable) vs log(m) in"
                + " [%s, %s] over at least 3 depths where it is below the grid's top (assumed reading of"
                + " 'roughly 1/m', slope -1)", STEP_SLOPE_RANGE[0], STEP_SLOPE_RANGE[1]);
        Map<String, Object> nums = new LinkedHashMap<>();
        nums.put("depths_used", pts.size());
        if (pts.size() < 3) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "only " + pts.size()
                    + " depths have a largest step that counts inside the grid", nums);
        }
        Fit f = Fit.of(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
        nums.put("slope", f.slope());
        nums.put("r2", f.r2());
        boolean ok = f.slope() >= STEP_SLOPE_RANGE[0] && f.slope() <= STEP_SLOPE_RANGE[1];
        nums.put("margin", Math.min(f.slope() - STEP_SLOPE_RANGE[0], STEP_SLOPE_RANGE[1] - f.slope()));
        return new ClaimCheck(id, ok ? Outcome.PASS : Outcome.FAIL, rule, String.format(Locale.ROOT,
                "largest step that counts ~ m^%.2f (R^2 = %.3f) over %d depths", f.slope(), f.r2(), pts.size()), nums);
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

    /**
     * SGD minima are several times flatter than Adam's: for every pair (SGD seed i, Adam seed j) of
     * minima that count, the ratio lambda_max(Adam j) / lambda_max(SGD i) is at least
     * {@link #SGD_RATIO}. PASS when every pair meets it, FAIL when none does, VARIES otherwise; the
     * ratios' median and range are reported.
     *
     * @param sgd SGD minima's sharpness by seed (NaN: the run does not count)
     * @param adam Adam minima's sharpness by seed (NaN: the run does not count)
     */
    public static ClaimCheck sgdFlatter(String id, double[] sgd, double[] adam) {
        String rule = String.format(Locale.ROOT, "per pair of minima that count, lambda_max(Adam) / lambda_max(SGD)"
                + " >= %s (assumed reading of 'several times'; the paper saw about 6); PASS when every pair meets"
                + " it, FAIL when none does, VARIES otherwise; at least %d pairs", SGD_RATIO, MIN_SEEDS);
        List<Double> r = new ArrayList<>();
        for (double s : sgd) {
            for (double a : adam) {
                if (Double.isFinite(s) && Double.isFinite(a) && s > 0) {
                    r.add(a / s);
                }
            }
        }
        Map<String, Object> nums = new LinkedHashMap<>();
        nums.put("pairs", r.size());
        nums.put("sgd_minima", finite(sgd).length);
        nums.put("adam_minima", finite(adam).length);
        if (r.size() < MIN_SEEDS) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "only " + r.size() + " pairs of minima that count ("
                    + finite(sgd).length + " SGD, " + finite(adam).length + " Adam)", nums);
        }
        double[] ratios = r.stream().mapToDouble(Double::doubleValue).toArray();
        double lo = Arrays.stream(ratios).min().getAsDouble();
        double hi = Arrays.stream(ratios).max().getAsDouble();
        long meet = Arrays.stream(ratios).filter(x -> x >= SGD_RATIO).count();
        nums.put("median_sgd", median(finite(sgd)));
        nums.put("median_adam", median(finite(adam)));
        nums.put("ratio_median", median(ratios));
        nums.put("ratio_min", lo);
        nums.put("ratio_max", hi);
        nums.put("pairs_meeting", meet);
        Outcome o = meet == ratios.length ? Outcome.PASS : meet == 0 ? Outcome.FAIL : Outcome.VARIES;
        if (o != Outcome.VARIES) {
            nums.put("margin", o == Outcome.PASS ? lo - SGD_RATIO : hi - SGD_RATIO);
        }
        return new ClaimCheck(id, o, rule, String.format(Locale.ROOT, "Adam/SGD sharpness ratio median %.2f, range"
                + " [%.2f, %.2f] over %d pairs (%d meet %.1f); medians %.4g vs %.4g over %d Adam and %d SGD minima;"
                + " paper about 6", median(ratios), lo, hi, ratios.length, meet, SGD_RATIO, median(finite(adam)),
                median(finite(sgd)), finite(adam).length, finite(sgd).length), nums);
    }

    /**
     * SGD networks' intermediate gains are more balanced: for a pair (SGD seed i, Adam seed j) of
     * networks that count, the SGD network's peak maximal gain max_k g_k is lower than the Adam
     * network's, and so is the peak intermediate gain of the input with the largest end-to-end gain.
     * PASS when every pair shows both, FAIL when none does, VARIES otherwise.
     */
    public static ClaimCheck balancedGains(String id, double[] sgdPeak, double[] adamPeak, double[] sgdTopPeak,
            double[] adamTopPeak) {
        String rule = "per pair of networks that count: max_k (max gain to layer k) and max_k (gain to layer k of the"
                + " input with the largest end-to-end gain) are both lower for the SGD network (assumed reading);"
                + " PASS when every pair shows it, FAIL when none does, VARIES otherwise; at least " + MIN_SEEDS
                + " pairs";
        Map<String, Object> nums = new LinkedHashMap<>();
        int n = 0;
        int both = 0;
        double worst = Double.POSITIVE_INFINITY;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < sgdPeak.length; i++) {
            for (int j = 0; j < adamPeak.length; j++) {
                if (!(Double.isFinite(sgdPeak[i]) && Double.isFinite(adamPeak[j]) && Double.isFinite(sgdTopPeak[i])
                        && Double.isFinite(adamTopPeak[j]))) {
                    continue;
                }
                n++;
                double m = Math.min(adamPeak[j] / sgdPeak[i], adamTopPeak[j] / sgdTopPeak[i]) - 1;
                worst = Math.min(worst, m);
                best = Math.max(best, m);
                both += m > 0 ? 1 : 0;
            }
        }
        nums.put("pairs", n);
        nums.put("pairs_balanced", both);
        if (n < MIN_SEEDS) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "only " + n + " pairs of networks that count", nums);
        }
        double sp = median(finite(sgdPeak));
        double ap = median(finite(adamPeak));
        double st = median(finite(sgdTopPeak));
        double at = median(finite(adamTopPeak));
        nums.put("median_peak_gain_sgd", sp);
        nums.put("median_peak_gain_adam", ap);
        nums.put("median_top_signal_peak_sgd", st);
        nums.put("median_top_signal_peak_adam", at);
        Outcome o = both == n ? Outcome.PASS : both == 0 ? Outcome.FAIL : Outcome.VARIES;
        if (o != Outcome.VARIES) {
            nums.put("margin", o == Outcome.PASS ? worst : best);
        }
        return new ClaimCheck(id, o, rule, String.format(Locale.ROOT, "both gains lower for SGD in %d of %d pairs;"
                + " medians: peak gain SGD %.3g vs Adam %.3g, top signal's peak gain SGD %.3g vs Adam %.3g", both, n,
                sp, ap, st, at), nums);
    }

    /**
     * The interpolation plot misorders flatness, read two ways: a pair is misordered when the SGD
     * minimum is truly flatter (lower lambda_max) yet curves more along the segment to the Adam
     * minimum, by the exact curvature u^T H u at each end ({@code alongSgd}, {@code alongAdam}) and by
     * the plotted cross-section (the second difference of the plotted segment loss at t = 0 and t = 1,
     * {@code plotSgd}, {@code plotAdam}, the reading of the paper's Fig. 7a). Each reading passes when
     * more than half of the pairs are misordered (the paper: 16 of 16); the verdict is PASS or FAIL when
     * the readings agree and VARIES when they do not.
     */
    public static ClaimCheck interpolationMisorders(String id, double[] trueSgd, double[] trueAdam,
            double[] alongSgd, double[] alongAdam, double[] plotSgd, double[] plotAdam) {
        int mis = 0;
        int misPlot = 0;
        int truly = 0;
        int n = 0;
        for (int i = 0; i < trueSgd.length; i++) {
            if (!(Double.isFinite(trueSgd[i]) && Double.isFinite(trueAdam[i]) && Double.isFinite(alongSgd[i])
                    && Double.isFinite(alongAdam[i]) && Double.isFinite(plotSgd[i]) && Double.isFinite(plotAdam[i]))) {
                continue;
            }
            n++;
            if (trueSgd[i] < trueAdam[i]) {
                truly++;
                mis += alongSgd[i] > alongAdam[i] ? 1 : 0;
                misPlot += plotSgd[i] > plotAdam[i] ? 1 : 0;
            }
        }
        String rule = "a pair is misordered when lambda_max(SGD) < lambda_max(Adam) but the SGD end curves more along"
                + " the segment, read (a) by the exact curvature u^T H u and (b) by the second difference of the"
                + " plotted segment loss at t = 0 and t = 1 (the paper's reading of Fig. 7a); each reading passes"
                + " when more than half of the pairs of minima that count are misordered (the paper: 16 of 16);"
                + " VARIES when the readings disagree; at least " + MIN_SEEDS + " pairs";
        Map<String, Object> nums = new LinkedHashMap<>();
        nums.put("pairs", n);
        nums.put("sgd_truly_flatter", truly);
        nums.put("misordered_exact", mis);
        nums.put("misordered_plot", misPlot);
        if (n < MIN_SEEDS) {
            return new ClaimCheck(id, Outcome.UNDECIDED, rule, "only " + n + " pairs of minima that count", nums);
        }
        boolean a = 2 * mis > n;
        boolean b = 2 * misPlot > n;
        Outcome o = a == b ? (a ? Outcome.PASS : Outcome.FAIL) : Outcome.VARIES;
        if (o != Outcome.VARIES) {
            nums.put("margin", o == Outcome.PASS ? (double) Math.min(mis, misPlot) / n - 0.5
                    : (double) Math.max(mis, misPlot) / n - 0.5);
        }
        return new ClaimCheck(id, o, rule, String.format(Locale.ROOT, "misordered in %d of %d pairs by exact curvature,"
                + " %d of %d by the plotted cross-section (SGD truly flatter in %d)", mis, n, misPlot, n, truly), nums);
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
