package org.flatminima.exact;

import org.flatminima.numbers.Rational;

/**
 * Exact decisions about the singular values of a rational matrix W, by the inertia of its Gram matrix
 * shifted by s^2 (the squares of the singular values are the eigenvalues of W^T W, and of W W^T, whichever
 * is smaller): no square roots are taken. Arguments are not modified.
 */
public final class SingularValueComparisons {
    private SingularValueComparisons() {}

    /**
     * The sign of sigma_max(W) - s for a rational s &gt;= 0, decided exactly: +1 if some eigenvalue of the
     * Gram matrix exceeds s^2, 0 if none does and s^2 is one of them, -1 otherwise.
     */
    public static int compareTop(Rational[][] w, Rational s) {
        checkNonNegative(s);
        Rational[][] shifted = RationalMatrices.shift(gram(w), s.multiply(s));
        Inertia in = Inertia.of(shifted);
        if (in.positive() > 0) {
            return 1;
        }
        return in.zero() > 0 ? 0 : -1;
    }

    /** True if sigma_max(W) = s exactly (s &gt;= 0). */
    public static boolean isTop(Rational[][] w, Rational s) {
        return compareTop(w, s) == 0;
    }

    /**
     * How many singular values of W equal s &gt; 0 (the multiplicity of s^2 as an eigenvalue of the Gram
     * matrix), decided exactly.
     */
    public static int multiplicity(Rational[][] w, Rational s) {
        if (s.signum() <= 0) {
            throw new IllegalArgumentException("the singular value must be positive, got " + s);
        }
        return Inertia.multiplicity(gram(w), s.multiply(s));
    }

    /** How many singular values of W exceed s &gt;= 0, decided exactly. */
    public static int countAbove(Rational[][] w, Rational s) {
        checkNonNegative(s);
        return Inertia.countAbove(gram(w), s.multiply(s));
    }

    /** The smaller of W^T W and W W^T. */
    private static Rational[][] gram(Rational[][] w) {
        RationalMatrices.checkShape(w);
        Rational[][] t = RationalMatrices.transpose(w);
        return w.length < w[0].length ? RationalMatrices.multiply(w, t) : RationalMatrices.multiply(t, w);
    }

    private static void checkNonNegative(Rational s) {
        if (s.signum() < 0) {
            throw new IllegalArgumentException("a singular value bound must be non-negative, got " + s);
        }
    }
}
