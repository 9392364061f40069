package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import java.util.List;
import org.flatminima.exact.PowerBracket;
import org.flatminima.numbers.Rational;

/**
 * The equality cases of Marion and Chizat's bound: when d = 1 or Sigma = s I, the balanced minimiser
 * (sigma_max(W_k) = ||w*||^(1/L) for every k) has sharpness exactly 2 L a ||w*||^(2-2/L). Decided by exact
 * inertia (the bound is rational on these instances). The control drops the hypothesis on Sigma: a
 * balanced minimiser for a sample covariance whose w* is not an eigenvector is strictly sharper.
 */
public final class RegressionEquality extends BaseClaim {
    private final boolean requireIsotropic;

    public RegressionEquality() {
        this("beyond.mc.equality", "Marion & Chizat: the bound is attained when d = 1 or Sigma = s I",
                "(d = 1 or Sigma = s I) and w balanced => lambda_max(H_w) = 2 L a ||w*||^(2-2/L)", ClaimKind.EQUATION,
                true, List.of(InstanceSource.REGRESSION_SCALAR, InstanceSource.REGRESSION_ISOTROPIC, InstanceSource.REGRESSION_WHITE));
    }

    private RegressionEquality(String id, String title, String statement, ClaimKind kind, boolean requireIsotropic,
            List<InstanceSource> families) {
        super(id, title, statement, kind, "Marion & Chizat 2024, equality cases of the lower bound",
                List.of("the setting of beyond.mc.lower-bound", requireIsotropic ? "d = 1 or Sigma = s I" : "(none on Sigma)",
                        "w balanced: sigma_max(W_k)^2 = ||w*||^(2/L) for every k, checked by exact inertia"),
                families);
        this.requireIsotropic = requireIsotropic;
    }

    /** Control: equality claimed for any Sigma on balanced minimisers. */
    public static RegressionEquality anySigmaControl() {
        return new RegressionEquality("control.beyond.mc.equality-any-sigma",
                "Control: the bound claimed attained for every Sigma",
                "FALSE: w balanced => lambda_max(H_w) = 2 L a ||w*||^(2-2/L) whatever Sigma", ClaimKind.CONTROL, false,
                List.of(InstanceSource.REGRESSION_BALANCED));
    }

    @Override
    public String provenance() {
        return RegressionPremises.BOUND_PROVENANCE;
    }

    @Override
    public String reportSection() {
        return kind() == ClaimKind.CONTROL ? null : "beyond";
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome premise = RegressionPremises.premise(in);
        if (premise != null) {
            return premise;
        }
        if (requireIsotropic && !RegressionPremises.sigmaIsotropic(in)) {
            return Outcome.hypothesisNotMet("d > 1 and Sigma is not proportional to I");
        }
        RegressionPremises.Setting st = RegressionPremises.setting(in);
        String why = RegressionPremises.unbalanced(in, st);
        if (why != null) {
            return Outcome.hypothesisNotMet(why);
        }
        PowerBracket bound = st.bound(Rational.ONE);
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        return Decisions.topEigenvalueEquals(hs.matrix(), bound, "2 L a ||w*||^(2-2/L)")
                .withReduction(hs.how())
                .withDetail("a", st.a())
                .withDetail("bound", bound.describe());
    }
}
