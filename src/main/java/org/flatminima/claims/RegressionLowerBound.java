package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import java.util.List;
import org.flatminima.exact.PowerBracket;
import org.flatminima.numbers.Rational;

/**
 * Marion and Chizat's lower bound for univariate deep linear regression: every minimiser has sharpness
 * S &gt;= 2 L a ||w*||^(2-2/L) with a = w*^T Sigma w* / ||w*||^2. Decided by exact inertia of the full
 * Hessian shifted by the bound (PROVED when the bound is rational), or at both ends of a certified
 * enclosure (powers compared). The control multiplies the bound by 1 + 10^-3 on the equality cases.
 */
public final class RegressionLowerBound extends BaseClaim {
    private final Rational factor;

    public RegressionLowerBound() {
        this("beyond.mc.lower-bound", "Marion & Chizat: no minimiser is flatter than 2 L a ||w*||^(2-2/L)",
                "P = w*^T => lambda_max(H_w) >= 2 L a ||w*||^(2-2/L), a = w*^T Sigma w* / ||w*||^2", ClaimKind.THEOREM,
                Rational.ONE, List.of(InstanceSource.REGRESSION_MINIMUM, InstanceSource.REGRESSION_BALANCED, InstanceSource.REGRESSION_SCALAR,
                        InstanceSource.REGRESSION_ISOTROPIC));
    }

    private RegressionLowerBound(String id, String title, String statement, ClaimKind kind, Rational factor, List<InstanceSource> families) {
        super(id, title, statement, kind, "Marion & Chizat 2024, lower bound on the sharpness of minimisers",
                List.of("W_1..W_(L-1) in R^(d x d), W_L in R^(1 x d)", "Sigma = X^T X / n positive definite",
                        "w a minimiser: W_L ... W_1 = w*^T, w* != 0"),
                families);
        this.factor = factor;
    }

    /** Control: the bound times 1 + 10^-3, on instances where it is attained. */
    public static RegressionLowerBound tightenedControl() {
        return new RegressionLowerBound("control.beyond.mc.lower-bound-factor",
                "Control: the Marion & Chizat bound times (1 + 1e-3) on its equality cases",
                "FALSE: P = w*^T => lambda_max(H_w) >= (1 + 1e-3) 2 L a ||w*||^(2-2/L)", ClaimKind.CONTROL,
                Rational.ONE.add(Rational.of(1, 1000)), List.of(InstanceSource.REGRESSION_SCALAR, InstanceSource.REGRESSION_ISOTROPIC));
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
        RegressionPremises.Setting st = RegressionPremises.setting(in);
        PowerBracket bound = st.bound(factor);
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        return Decisions.topEigenvalueAtLeast(hs.matrix(), bound, factor.equals(Rational.ONE) ? "2 L a ||w*||^(2-2/L)"
                        : "(1 + 1e-3) 2 L a ||w*||^(2-2/L)")
                .withReduction(hs.how())
                .withDetail("a", st.a())
                .withDetail("norm_w_star_squared", st.normSquared())
                .withDetail("bound", bound.describe());
    }
}
