package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.exact.PowerBracket;
import org.flatminima.exact.TopSingular;
import org.flatminima.numbers.Rational;

/**
 * Where the two papers meet: for one output and Sigma = I, Theorem 1's flattest sharpness
 * 2m sigma_max(T)^(2(1-1/m)) (sigma_max from the target by {@link TopSingular}) equals Marion and
 * Chizat's bound 2 L a ||w*||^(2-2/L) (a from Sigma and w*), decided by comparing
 * (2m)^m (sigma^2)^(m-1) with (2La)^m (||w*||^2)^(m-1) exactly; on balanced minimisers both also equal
 * lambda_max(H) (exact inertia). The control drops Sigma = I, where a != 1 separates them.
 */
public final class RegressionTheorem1Agreement extends BaseClaim {
    private final boolean requireWhite;

    public RegressionTheorem1Agreement() {
        this("beyond.mc.theorem1-agreement", "Theorem 1 and Marion & Chizat's bound agree for one output and Sigma = I",
                "d_y = 1, Sigma = I => 2m sigma_max(T)^(2(1-1/m)) = 2 L a ||w*||^(2-2/L) (= lambda_max(H) when balanced)",
                ClaimKind.EQUATION, true, List.of(InstanceSource.REGRESSION_WHITE));
    }

    private RegressionTheorem1Agreement(String id, String title, String statement, ClaimKind kind, boolean requireWhite,
            List<InstanceSource> families) {
        super(id, title, statement, kind, "Theorem 1 (eq. 17) against Marion & Chizat 2024's bound",
                List.of("the setting of beyond.mc.lower-bound", requireWhite ? "Sigma = I (A2)" : "(none on Sigma)"),
                families);
        this.requireWhite = requireWhite;
    }

    /** Control: the agreement claimed for any Sigma. */
    public static RegressionTheorem1Agreement unwhitenedControl() {
        return new RegressionTheorem1Agreement("control.beyond.mc.theorem1-unwhitened",
                "Control: Theorem 1's formula used as the bound without Sigma = I",
                "FALSE: d_y = 1 => 2m sigma_max(T)^(2(1-1/m)) = 2 L a ||w*||^(2-2/L) whatever Sigma", ClaimKind.CONTROL,
                false, List.of(InstanceSource.REGRESSION_BALANCED));
    }

    @Override
    public String provenance() {
        return "derived here (both closed forms as implemented; Theorem 1 from the paper, the bound from the authors' code)";
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
        if (requireWhite && !in.meetsA2()) {
            return Outcome.hypothesisNotMet("Sigma != I");
        }
        RegressionPremises.Setting st = RegressionPremises.setting(in);
        TopSingular top = TopSingular.of(in.network().target(), settings.digits());
        if (!top.isExact()) {
            return Outcome.of(Verdict.UNDECIDED, "sigma_max(T)^2 not exact for a 1 x d target");
        }
        int m = in.depth();
        Rational theorem1 = Rational.of(2L * m).pow(m).multiply(top.sigmaSquared().pow(m - 1));
        Rational bound = Rational.of(2L * m).multiply(st.a()).pow(m).multiply(st.normSquared().pow(m - 1));
        String how = "exact comparison of powers (2m)^m (sigma_max(T)^2)^(m-1) vs (2La)^m (||w*||^2)^(m-1)";
        if (!theorem1.equals(bound)) {
            return Outcome.of(Verdict.REFUTED, how + ": they differ")
                    .withMargin(Decisions.relative(bound.doubleValue(), theorem1.doubleValue()))
                    .withDetail("a", st.a()).withDetail("sigma_max_squared", top.sigmaSquared());
        }
        PowerBracket value = PowerBracket.flattestSharpness(Rational.of(2L * m), top, m, settings.digits());
        if (RegressionPremises.unbalanced(in, st) != null) {
            return Outcome.of(Verdict.PROVED, how + ": equal").withDetail("a", st.a()).withDetail("value", value.describe());
        }
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        Outcome o = Decisions.topEigenvalueEquals(hs.matrix(), value, "lambda*").withReduction(hs.how());
        return new Outcome(o.verdict(), how + ": equal; and at this balanced minimiser " + o.method(), o.margin(), o.tolerance(),
                o.details()).withDetail("a", st.a()).withDetail("value", value.describe());
    }
}
