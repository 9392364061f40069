package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import java.util.List;
import org.flatminima.numbers.Rational;

/**
 * Theorem 4: a global minimum with sigma_max(W_k) = sigma_max(T)^(1/m) for every k is flattest, i.e. its
 * lambda_max(H) equals Theorem 1's lambda* (the minimum over Omega). The hypothesis is decided exactly
 * (inertia of r^2 I - W_k^T W_k), the conclusion by exact inertia of lambda* I - H.
 */
public final class Theorem4SufficientCondition extends BaseClaim {
    public Theorem4SufficientCondition() {
        super("theorem4", "Theorem 4: the sufficient condition for flatness",
                "w in Omega and sigma_max(W_k) = sigma_max(T)^(1/m) for all k => w in Omega_0",
                ClaimKind.THEOREM, "Sec. 4, Theorem 4",
                List.of("A1", "A2", "w in Omega", "sigma_max(W_k) = sigma_max(T)^(1/m) for all k (decided exactly)"),
                List.of(InstanceSource.FLATTEST_UNEQUAL_LOWER, InstanceSource.FLATTEST_GAUGED, InstanceSource.NON_FLATTEST));
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Premises.Target t = Premises.target(in, settings.digits());
        Outcome premise = Premises.flattestPremise(in, t);
        if (premise != null) {
            return premise;
        }
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        return Decisions.topEigenvalueEquals(hs.matrix(), t.lambdaStar(), "lambda*").withReduction(hs.how());
    }
}
