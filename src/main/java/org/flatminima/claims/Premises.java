package org.flatminima.claims;

import org.flatminima.certificates.CertificateLog;
import org.flatminima.claims.support.ExactAlgebra;
import org.flatminima.claims.support.NetworkAlgebra;
import org.flatminima.claims.support.PowerBracket;
import org.flatminima.claims.support.TopSingular;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * The shared hypotheses of Theorems 1-4 decided exactly on an instance, and the closed forms derived
 * from its target: sigma_max(T)^2 with u and v, r^2 = sigma_max(T)^(2/m), and lambda* = 2m sigma^(2(1-1/m)).
 */
public final class Premises {
    private Premises() {}

    /** A1, A2 and P = T exactly; null when all hold, else the HYPOTHESIS_NOT_MET outcome. */
    public static Outcome whiteGlobalMinimum(Instance in) {
        if (!in.meetsA1()) {
            return Outcome.hypothesisNotMet("A1 fails: a layer is narrower than min(d_x, d_y) (dims " + in.shape() + ")");
        }
        if (!in.meetsA2()) {
            return Outcome.hypothesisNotMet("A2 fails: Sigma_x is not the identity");
        }
        if (!in.isGlobalMinimum()) {
            return Outcome.hypothesisNotMet("not a global minimum: W_m ... W_1 != T");
        }
        return null;
    }

    /** The closed forms of an instance's target. */
    public record Target(TopSingular top, Rational rootSquared, PowerBracket lambdaStar) {
        /** sigma_max(T)^(2/m) exactly, when it is rational. */
        public boolean hasRationalRoot() {
            return rootSquared != null;
        }
    }

    /** The closed forms, enclosures refined to relative width 10^-digits where irrational. */
    public static Target target(Instance in, int digits) {
        int m = in.depth();
        CertificateLog.name(in.network().target(), "target");
        TopSingular top = TopSingular.of(in.network().target(), digits);
        Rational r2 = top.isExact() ? top.sigmaSquared().exactRoot(m) : null;
        PowerBracket ls = PowerBracket.flattestSharpness(Rational.of(2L * m), top, m, digits);
        return new Target(top, r2, ls);
    }

    /**
     * The structural flatness condition sigma_max(W_k)^2 = r^2 for every k, decided exactly by inertia
     * of r^2 I - W_k^T W_k (no negative, at least one zero eigenvalue). Returns null when it holds.
     */
    public static Outcome structurallyFlattest(Instance in, Target t) {
        if (!t.top().isExact() || t.top().sigmaSquared().isZero()) {
            return Outcome.hypothesisNotMet("sigma_max(T) is not an exact non-zero rational");
        }
        if (!t.hasRationalRoot()) {
            return Outcome.hypothesisNotMet("sigma_max(T)^(2/m) is irrational; no exact flattest structure to check");
        }
        for (int k = 1; k <= in.depth(); k++) {
            Matrix<Rational> g = NetworkAlgebra.smallGram(in.network().layer(k));
            ExactAlgebra.Inertia inertia = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(t.rootSquared(), g));
            if (inertia.negative() != 0 || inertia.zero() == 0) {
                return Outcome.hypothesisNotMet("sigma_max(W_" + k + ") != sigma_max(T)^(1/m)");
            }
            CertificateLog.name(g, "layer_gram:" + k);
            CertificateLog.inertia(g, t.rootSquared(), ExactAlgebra.counts(inertia));
        }
        CertificateLog.witness("root_squared", t.rootSquared());
        return null;
    }

    /** Combined premise for the flattest-minimum claims; null when met. */
    public static Outcome flattestPremise(Instance in, Target t) {
        Outcome o = whiteGlobalMinimum(in);
        return o != null ? o : structurallyFlattest(in, t);
    }
}
