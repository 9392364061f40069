package org.flatminima.claims;

import org.flatminima.exact.Inertia;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.model.NetworkAlgebra;
import org.flatminima.exact.PowerBracket;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * The univariate deep linear regression setting of Marion and Chizat decided exactly on an instance, and
 * its closed forms: w* (the target row), a = w*^T Sigma w* / ||w*||^2, and the lower bound
 * 2 L a ||w*||^(2-2/L) = 2 L a (||w*||^2)^((L-1)/L) as an exact value or a certified enclosure (powers
 * compared, never a root taken in floating point).
 */
public final class RegressionPremises {
    private RegressionPremises() {}

    /** Shared provenance of the bound and its equality cases. */
    static final String BOUND_PROVENANCE = "from the authors' code (Marion & Chizat 2024: the statement as their "
            + "experiments use it; the full text is not available here); proof idea (Cauchy-Schwarz, AM-GM) derived here";

    /** The closed forms of one instance. */
    public record Setting(int depth, int d, Rational[] wStar, Rational normSquared, Rational a) {
        /** factor * 2 L a (||w*||^2)^((L-1)/L). */
        public PowerBracket bound(Rational factor) {
            return PowerBracket.of(factor.multiply(Rational.of(2L * depth)).multiply(a), normSquared, normSquared, depth - 1, depth, 30);
        }
    }

    /**
     * Shapes d x d ... d x d, 1 x d; Sigma symmetric positive definite; P = w*^T exactly with w* != 0.
     * Null when all hold, else the HYPOTHESIS_NOT_MET outcome.
     */
    public static Outcome premise(Instance in) {
        int[] dims = in.dims();
        int d = dims[0];
        if (dims[dims.length - 1] != 1) {
            return Outcome.hypothesisNotMet("not univariate: d_y = " + dims[dims.length - 1]);
        }
        for (int j = 1; j < dims.length - 1; j++) {
            if (dims[j] != d) {
                return Outcome.hypothesisNotMet("hidden layers are not d x d (dims " + in.shape() + ")");
            }
        }
        Matrix<Rational> s = in.network().sigmaX();
        if (!s.equals(s.transpose()) || ExactAlgebra.inertia(s).positive() != d) {
            return Outcome.hypothesisNotMet("Sigma is not positive definite (n >= d with X of full rank is assumed)");
        }
        if (!in.isGlobalMinimum()) {
            return Outcome.hypothesisNotMet("not a minimiser: W_L ... W_1 != w*^T");
        }
        if (in.network().target().isZero()) {
            return Outcome.hypothesisNotMet("w* = 0");
        }
        return null;
    }

    /** The closed forms (call after {@link #premise} returned null). */
    public static Setting setting(Instance in) {
        Matrix<Rational> t = in.network().target();
        int d = t.cols();
        Rational[] w = new Rational[d];
        Rational n2 = Rational.ZERO;
        for (int i = 0; i < d; i++) {
            w[i] = t.get(0, i);
            n2 = n2.add(w[i].multiply(w[i]));
        }
        Matrix<Rational> s = in.network().sigmaX();
        Rational q = Rational.ZERO;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                q = q.add(w[i].multiply(s.get(i, j)).multiply(w[j]));
            }
        }
        return new Setting(in.depth(), d, w, n2, q.divide(n2));
    }

    /** Sigma = s I for some s (always true when d = 1). */
    public static boolean sigmaIsotropic(Instance in) {
        Matrix<Rational> s = in.network().sigmaX();
        return s.equals(Matrix.identity(s.arithmetic(), s.rows()).scale(s.get(0, 0)));
    }

    /**
     * Balanced: sigma_max(W_k)^2 = ||w*||^(2/L) for every k, decided by exact inertia of
     * r^2 I - W_k^T W_k; null when it holds, else why not.
     */
    public static String unbalanced(Instance in, Setting st) {
        Rational r2 = st.normSquared().exactRoot(st.depth());
        if (r2 == null) {
            return "||w*||^(2/L) is irrational; no exact balance to check";
        }
        for (int k = 1; k <= in.depth(); k++) {
            Matrix<Rational> g = NetworkAlgebra.smallGram(in.network().layer(k));
            Inertia inertia = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(r2, g));
            if (inertia.negative() != 0 || inertia.zero() == 0) {
                return "sigma_max(W_" + k + ") != ||w*||^(1/L): not balanced";
            }
            org.flatminima.exact.CertificateLog.name(g, "layer_gram:" + k);
            org.flatminima.exact.CertificateLog.inertia(g, r2, ExactAlgebra.counts(inertia));
        }
        org.flatminima.exact.CertificateLog.witness("root_squared", r2);
        return null;
    }
}
