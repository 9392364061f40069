package org.flatminima.claims;

import org.flatminima.exact.Inertia;
import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;

/**
 * Eq. (12): the flattest scalar minima are exactly the points |w_j| = |tau|^(1/m) with prod sgn(w_j) =
 * sgn(tau), 2^(m-1) of them. With c = |tau|^(1/m) rational: all 2^m sign patterns at |w_j| = c are
 * enumerated; those in Omega (exact product) must number 2^(m-1) and each must have lambda_max equal to
 * eq. (13)'s value (exact inertia); the instance itself (a global minimum) must have lambda_max strictly
 * above that value unless it is one of them. The control claims all 2^m patterns are minima.
 */
public final class ScalarFlattestSet extends BaseClaim {
    private final boolean allPatternsControl;

    public ScalarFlattestSet() {
        this(false);
    }

    private ScalarFlattestSet(boolean control) {
        super(control ? "control.scalar.eq12-count" : "scalar.eq12",
                control ? "Control: all 2^m sign patterns are flattest minima" : "Eq. (12): the flattest scalar minima",
                control ? "FALSE: every w with |w_j| = |tau|^(1/m) is in Omega_0 (2^m points)"
                        : "Omega_0 = {w : |w_j| = |tau|^(1/m), prod sgn(w_j) = sgn(tau)}, exactly 2^(m-1) points",
                control ? ClaimKind.CONTROL : ClaimKind.EQUATION, "Sec. 3, eqs. (11)-(12)",
                List.of("d_j = 1 for all j", "w in Omega", "|tau|^(1/m) rational (exact families)"),
                control ? List.of(InstanceSource.SCALAR_FLATTEST) : List.of(InstanceSource.SCALAR_FLATTEST, InstanceSource.SCALAR_MINIMUM));
        this.allPatternsControl = control;
    }

    public static ScalarFlattestSet allPatternsControl() {
        return new ScalarFlattestSet(true);
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome p = ScalarSupport.premise(in);
        if (p != null) {
            return p;
        }
        int m = in.depth();
        Rational tau = ScalarSupport.tau(in.network());
        Rational c = tau.abs().exactRoot(m);
        if (c == null) {
            return Outcome.hypothesisNotMet("|tau|^(1/m) is irrational: the flattest points are not exact");
        }
        Rational lambda13 = Rational.of(2L * m).multiply(ScalarSupport.sigma2(in.network())).multiply(c.pow(2 * (m - 1)));
        int inOmega = 0;
        for (int mask = 0; mask < (1 << m); mask++) {
            Rational[] w = new Rational[m];
            Rational prod = Rational.ONE;
            for (int j = 0; j < m; j++) {
                w[j] = ((mask >> j) & 1) == 1 ? c.negate() : c;
                prod = prod.multiply(w[j]);
            }
            boolean member = prod.equals(tau);
            if (allPatternsControl && !member) {
                return Outcome.of(Verdict.REFUTED, "exact: the sign pattern " + Integer.toBinaryString(mask)
                        + " at |w_j| = " + c + " has product " + prod + " != tau = " + tau);
            }
            if (!member) {
                continue;
            }
            inOmega++;
            Matrix<Rational> h = Loss.hessian(ScalarSupport.withWeights(in.network(), w));
            Inertia ie = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(lambda13, h));
            if (ie.negative() != 0 || ie.zero() == 0) {
                return Outcome.of(Verdict.REFUTED, "exact: a point of (12) has lambda_max != eq. (13)'s value " + lambda13);
            }
            // the Hessian at w_j = (-1)^(bit j of mask) |tau|^(1/m)
            org.flatminima.exact.CertificateLog.name(h, "hessian_signs:" + mask);
            org.flatminima.exact.CertificateLog.inertia(h, lambda13, ExactAlgebra.counts(ie));
        }
        if (inOmega != (1 << (m - 1))) {
            return Outcome.of(Verdict.REFUTED, "exact: " + inOmega + " sign patterns reach tau, expected 2^(m-1) = " + (1 << (m - 1)));
        }
        Rational[] w = ScalarSupport.weights(in.network());
        boolean inSet = true;
        for (Rational x : w) {
            inSet &= x.abs().equals(c);
        }
        Matrix<Rational> h = Loss.hessian(in.network());
        Inertia ie = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(lambda13, h));
        boolean ok = inSet ? ie.negative() == 0 && ie.zero() >= 1 : ie.negative() >= 1;
        if (ok) {
            org.flatminima.exact.CertificateLog.name(h, "hessian");
            org.flatminima.exact.CertificateLog.inertia(h, lambda13, ExactAlgebra.counts(ie));
            org.flatminima.exact.CertificateLog.witness("root", c);
        }
        return Outcome.of(ok ? Verdict.PROVED : Verdict.REFUTED, "exact: " + inOmega + " = 2^(m-1) flattest points, each at eq. (13)'s "
                + "value " + lambda13 + "; the instance (" + (inSet ? "in" : "not in") + " the set) has lambda_max "
                + (inSet ? "equal to" : "strictly above") + " it by exact inertia");
    }
}
