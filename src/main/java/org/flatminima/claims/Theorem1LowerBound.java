package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.exact.PowerBracket;
import org.flatminima.numbers.Rational;

import java.util.List;
import org.flatminima.numbers.Rational;

/**
 * Theorem 1 / eq. (29): every global minimum has lambda_max(H) &gt;= 2m sigma_max(T)^(2(1-1/m)). PROVED by
 * exact inertia when the bound is rational, CERTIFIED through an enclosure (powers compared exactly)
 * when it is not.
 */
public final class Theorem1LowerBound extends BaseClaim {
    private final int constantOffset;

    public Theorem1LowerBound() {
        super("theorem1.lower-bound", "Theorem 1: no global minimum is flatter than the bound",
                "w in Omega => lambda_max(H_w) >= 2m sigma_max(T)^(2(1-1/m))", ClaimKind.THEOREM, "Sec. 5, eqs. (26), (29)",
                List.of("A1", "A2", "w in Omega (P = T)"),
                List.of(InstanceSource.NON_FLATTEST, InstanceSource.RANDOM_TARGET, InstanceSource.FLATTEST_GAUGED, InstanceSource.RANDOM_TARGET,
                        InstanceSource.FLATTEST_UNEQUAL_LOWER, InstanceSource.SIGMA_X_NOT_IDENTITY, InstanceSource.RANDOM_TARGET, InstanceSource.BOTTLENECK));
        this.constantOffset = 0;
    }

    private Theorem1LowerBound(int constantOffset) {
        super("control.theorem1.lower-bound-constant", "Control: eq. (29)'s bound with 2(m+1) for 2m",
                "FALSE: w in Omega => lambda_max(H_w) >= 2(m+1) sigma_max(T)^(2(1-1/m))", ClaimKind.CONTROL,
                "Sec. 5, eqs. (26), (29)", List.of("A1", "A2", "w in Omega (P = T)"), InstanceSource.THEOREMS);
        this.constantOffset = constantOffset;
    }

    /** Control: the bound with the constant 2(m+1) in place of 2m (flattest minima refute it). */
    public static Theorem1LowerBound wrongConstantControl() {
        return new Theorem1LowerBound(1);
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome premise = Premises.whiteGlobalMinimum(in);
        if (premise != null) {
            return premise;
        }
        Premises.Target t = Premises.target(in, settings.digits());
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        if (constantOffset != 0) {
            int m = in.depth();
            PowerBracket b = PowerBracket.flattestSharpness(Rational.of(2L * (m + constantOffset)), t.top(), m, settings.digits());
            return Decisions.topEigenvalueAtLeast(hs.matrix(), b, "2(m+1) sigma^(2(1-1/m))").withReduction(hs.how());
        }
        return Decisions.topEigenvalueAtLeast(hs.matrix(), t.lambdaStar(), "lambda*").withReduction(hs.how())
                .withDetail("lambda_star", t.lambdaStar().describe());
    }
}
