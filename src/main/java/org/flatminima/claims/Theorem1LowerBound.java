package org.flatminima.claims;

import java.util.List;
import org.flatminima.numbers.Rational;

/**
 * Theorem 1 / eq. (29): every global minimum has lambda_max(H) &gt;= 2m sigma_max(T)^(2(1-1/m)). PROVED by
 * exact inertia when the bound is rational, CERTIFIED through an enclosure (powers compared exactly)
 * when it is not.
 */
public final class Theorem1LowerBound extends BaseClaim {
    public Theorem1LowerBound() {
        super("theorem1.lower-bound", "Theorem 1: no global minimum is flatter than the bound",
                "w in Omega => lambda_max(H_w) >= 2m sigma_max(T)^(2(1-1/m))", ClaimKind.THEOREM, "Sec. 5, eqs. (26), (29)",
                List.of("A1", "A2", "w in Omega (P = T)"),
                List.of(Family.NON_FLATTEST, Family.RANDOM_MINIMUM, Family.GAUGE_FLATTEST, Family.RANDOM_MINIMUM,
                        Family.THEOREM4, Family.SIGMA_NOT_IDENTITY, Family.RANDOM_MINIMUM, Family.BOTTLENECK));
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome premise = Premises.whiteGlobalMinimum(in);
        if (premise != null) {
            return premise;
        }
        Premises.Target t = Premises.target(in, settings.digits());
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        return Decisions.topEigenvalueAtLeast(hs.matrix(), t.lambdaStar(), "lambda*").withReduction(hs.how())
                .withDetail("lambda_star", t.lambdaStar().describe());
    }
}
