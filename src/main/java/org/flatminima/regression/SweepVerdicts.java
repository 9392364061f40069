package org.flatminima.regression;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.results.Verdict;
import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsRecorder;
import org.flatminima.results.Settings;

/** The verdicts of a GD sweep on Marion &amp; Chizat's setting, decided from its runs. */
public final class SweepVerdicts {
    private SweepVerdicts() {}

    /**
     * The sweep's verdicts in the results model, in the report's "beyond" section: per initialisation one claim
     * whose instances are the runs; a converged run is NUMERICAL when its sharpness S lies in [bound, 8 L
     * lambda_max(Sigma)] and below 2/eta (relative tolerance 1e-6), REFUTED otherwise; a run that did not converge
     * is HYPOTHESIS_NOT_MET.
     */
    public static Results results(List<GradientDescentRun> runs, RegressionData data, RegressionSweep.Settings s,
            double seconds) {
        Map<String, String> other = new LinkedHashMap<>();
        other.put("depths", Arrays.toString(s.depths()));
        other.put("etas", Arrays.toString(s.etas()));
        other.put("data", data.description());
        ResultsRecorder rec = ResultsRecorder.start(List.of("regression-sweep"), new Settings(s.seed(), null, null, s.dimension(),
                Arrays.stream(s.depths()).max().orElse(0), null, other));
        for (String init : s.inits()) {
            ClaimRecorder within = new ClaimRecorder("beyond.mc.gd-" + init, ClaimKind.EXPERIMENT,
                    "GD from " + init + " initialisation: sharpness within the authors' constant",
                    "converged GD solution: 2La||w*||^(2-2/L) <= S <= 8 L lambda_max(Sigma) ||w*||^(2-2/L) and S <= 2/eta")
                    .section("beyond")
                    .provenance("Marion & Chizat 2024 (gradient flow; the constant 8 L lambda_max(Sigma) is from the authors' "
                            + "code); GD with finite steps and the " + init + " initialisation as defined here")
                    .hypotheses("double precision, converged = excess loss <= " + s.tolerance()
                            + "; numerical verdicts with tolerance 1e-6 relative")
                    .family("regression-gd-" + init)
                    .figure("GD sharpness against step size (" + init + ")", "gd-sharpness-" + init + ".png")
                    .timeSeconds(seconds);
            for (GradientDescentRun r : runs) {
                if (!r.init().equals(init)) {
                    continue;
                }
                Verdict v;
                String how;
                if (!r.converged()) {
                    v = Verdict.HYPOTHESIS_NOT_MET;
                    how = "GD " + r.status() + " after " + r.steps() + " steps (loss " + String.format(Locale.ROOT, "%.3g", r.loss()) + ")";
                } else {
                    double rel = 1e-6;
                    boolean ok = r.sharpness() >= r.lowerBound() * (1 - rel) && r.sharpness() <= r.authorsConstant() * (1 + rel)
                            && r.sharpness() <= 2 / r.eta() * (1 + rel);
                    v = ok ? Verdict.NUMERICAL : Verdict.REFUTED;
                    how = "double precision: S = " + fmt(r.sharpness()) + " against [" + fmt(r.lowerBound()) + ", "
                            + fmt(r.authorsConstant()) + "]; 2/eta = " + fmt(2 / r.eta());
                }
                InstanceResult ir = InstanceResult.of(s.seed(), "regression-gd-" + init, List.of(s.dimension(), r.depth()), v, how)
                        .withDetail("eta", fmt(r.eta()))
                        .withDetail("steps", r.steps())
                        .withDetail("two_over_eta_below_bound", String.valueOf(2 / r.eta() < r.lowerBound()))
                        .withDetail("ratio_to_bound", fmt(r.sharpness() / r.lowerBound()))
                        .withDetail("max_sigma2_over_sigma1", fmt(r.maxRankRatio()))
                        .withDetail("min_alignment", fmt(r.minAlignment()));
                if (r.converged()) {
                    ir = ir.withMargin(new BigDecimal(fmt(Math.min(r.sharpness() / r.lowerBound() - 1,
                            1 - r.sharpness() / r.authorsConstant())))).withTolerance(new BigDecimal("1e-6"));
                }
                within.add(ir);
            }
            rec.add(within.finish());
        }
        return rec.finish();
    }

    static String fmt(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "NaN";
    }
}
