package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.exact.PowerBracket;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;

/**
 * Eq. (10): for a scalar network at a global minimum, lambda_max(H) = 2 sigma_x^2 tau^2 sum_j 1/w_j^2, and
 * H has rank one (eq. (9)). Decided by exact inertia of that value times I minus H.
 */
public final class ScalarSharpness extends BaseClaim {
    private final boolean dropSigma;

    public ScalarSharpness() {
        this(false);
    }

    private ScalarSharpness(boolean dropSigma) {
        super(dropSigma ? "control.scalar.eq10-no-sigma" : "scalar.eq10",
                dropSigma ? "Control: eq. (10) without sigma_x^2" : "Eq. (10): sharpness of scalar minima",
                dropSigma ? "FALSE: lambda_max(H_w) = 2 tau^2 sum_j w_j^(-2)"
                        : "lambda_max(H_w) = 2 sigma_x^2 tau^2 sum_j w_j^(-2), H rank one",
                dropSigma ? ClaimKind.CONTROL : ClaimKind.EQUATION, "Sec. 3, eqs. (8)-(10)", List.of("d_j = 1 for all j", "w in Omega"),
                dropSigma ? List.of(InstanceSource.SCALAR_SIGMA) : List.of(InstanceSource.SCALAR_MINIMUM, InstanceSource.SCALAR_FLATTEST));
        this.dropSigma = dropSigma;
    }

    /** Control: eqs. (8)-(10) with the factor sigma_x^2 dropped. */
    public static ScalarSharpness noSigmaControl() {
        return new ScalarSharpness(true);
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome p = ScalarSupport.premise(in);
        if (p != null) {
            return p;
        }
        Rational[] w = ScalarSupport.weights(in.network());
        Rational tau = ScalarSupport.tau(in.network());
        Rational sum = Rational.ZERO;
        for (Rational x : w) {
            sum = sum.add(x.pow(-2));
        }
        Rational value = Rational.TWO.multiply(dropSigma ? Rational.ONE : ScalarSupport.sigma2(in.network())).multiply(tau.pow(2)).multiply(sum);
        Matrix<Rational> h = Loss.hessian(in.network());
        org.flatminima.exact.CertificateLog.name(h, "hessian");
        Outcome o = Decisions.topEigenvalueEquals(h, new PowerBracket(value, value, value), "eq. (10)");
        var inertia = org.flatminima.exact.ExactAlgebra.inertia(h);
        if (o.verdict() == Verdict.PROVED && inertia.positive() != 1) {
            return Outcome.of(Verdict.REFUTED, "exact inertia: H has rank " + inertia.positive() + ", not one");
        }
        if (o.verdict() == Verdict.PROVED) { // rank one: 0 I - H has one negative eigenvalue and no positive one
            org.flatminima.exact.CertificateLog.inertia(h, Rational.ZERO,
                    new int[] {inertia.positive(), inertia.zero(), inertia.negative()});
        }
        return o.withDetail("rank", inertia.positive());
    }
}
