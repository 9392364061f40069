package org.flatminima.claims;

import org.flatminima.exact.Inertia;
import org.flatminima.results.Verdict;
import org.flatminima.exact.CertificateLog;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.model.NetworkAlgebra;
import org.flatminima.exact.PowerBracket;
import org.flatminima.exact.TopSingular;
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
        TopSingular top = TopSingular.of(in.network().target(), digits, m);
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
            Inertia inertia = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(t.rootSquared(), g));
            if (inertia.negative() != 0 || inertia.zero() == 0) {
                return Outcome.hypothesisNotMet("sigma_max(W_" + k + ") != sigma_max(T)^(1/m)");
            }
            CertificateLog.name(g, "layer_gram:" + k);
            CertificateLog.inertia(g, t.rootSquared(), ExactAlgebra.counts(inertia));
        }
        CertificateLog.witness("root_squared", t.rootSquared());
        return null;
    }

    /**
     * The paper's hypothesis of Theorems 1-3, w in Omega_0, decided on an exact instance: A1, A2 and P = T
     * exactly, then lambda_max(H_w) = lambda* (Omega_0 = argmin over Omega of lambda_max, and that minimum
     * is lambda* by eq. (29)). Exact inertia of lambda* I - H when lambda* is rational; when it is irrational
     * a certified enclosure can only show lambda_max outside it (not flattest), otherwise the premise is
     * UNDECIDED. Returns null when the premise holds.
     */
    public static Outcome inOmega0(Instance in, Target t) {
        Outcome o = whiteGlobalMinimum(in);
        if (o != null) {
            return o;
        }
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        Outcome eq = Decisions.topEigenvalueEquals(hs.matrix(), t.lambdaStar(), "lambda*");
        return switch (eq.verdict()) {
            case PROVED -> null;
            case REFUTED -> Outcome.hypothesisNotMet("w is not in Omega_0: " + eq.method());
            default -> Outcome.of(Verdict.UNDECIDED, "premise w in Omega_0 undecided: " + eq.method()
                    + "; equality with an irrational lambda* cannot be certified");
        };
    }

    /** The premise text recorded with every verdict of a Theorem 1-3 claim decided on Omega_0. */
    public static final String OMEGA0_BASIS =
            "w in Omega_0 decided as lambda_max(H_w) = lambda* by exact inertia of lambda* I - H";

    /** The premise text recorded when Theorem 4's condition is the premise. */
    public static final String THEOREM4_BASIS =
            "Theorem 4's condition sigma_max(W_k) = sigma_max(T)^(1/m) for every k, decided by exact inertia";

    /** Which flatness premise a claim decides its instances under. */
    public enum Flatness {
        /** The paper's hypothesis of Theorems 1-3: w in Omega_0 (see {@link #inOmega0}). */
        OMEGA0(OMEGA0_BASIS),
        /** Theorem 4's sufficient condition (see {@link #structurallyFlattest}). */
        THEOREM4(THEOREM4_BASIS),
        /** No flatness premise: any white global minimum (the premise controls). */
        NONE("any global minimum (A1, A2, P = T exactly); no flatness premise");

        /** The premise of Theorems 1-3 as the paper states it. */
        public static final Flatness DEFAULT = OMEGA0;

        private final String basis;

        Flatness(String basis) {
            this.basis = basis;
        }

        /** The premise in words, recorded as the verdict's {@code premise} detail. */
        public String basis() {
            return basis;
        }

        /** Null when the instance meets this premise, else its HYPOTHESIS_NOT_MET (or UNDECIDED) outcome. */
        public Outcome check(Instance in, Target t) {
            return switch (this) {
                case OMEGA0 -> inOmega0(in, t);
                case THEOREM4 -> flattestPremise(in, t);
                case NONE -> whiteGlobalMinimum(in);
            };
        }
    }

    /** Combined premise for the flattest-minimum claims; null when met. */
    public static Outcome flattestPremise(Instance in, Target t) {
        Outcome o = whiteGlobalMinimum(in);
        return o != null ? o : structurallyFlattest(in, t);
    }
}
