package org.flatminima.generate;

import java.util.SplittableRandom;
import org.flatminima.exact.Bareiss;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.numbers.Rational;

/**
 * Small random rationals and rational matrices drawn from a {@link SplittableRandom}, so that every
 * instance replays from its seed. Numbers are kept small on purpose: exact computations on them
 * stay fast. Every method advances (modifies) the random source it is given.
 */
public final class RandomRationals {
    private RandomRationals() {}

    /** p/q with p uniform in [-maxNumerator, maxNumerator] and q uniform in [1, maxDenominator]. */
    public static Rational small(SplittableRandom rnd, int maxNumerator, int maxDenominator) {
        int p = rnd.nextInt(-maxNumerator, maxNumerator + 1);
        int q = rnd.nextInt(1, maxDenominator + 1);
        return Rational.of(p, q);
    }

    /** As {@link #small} but never zero (maxNumerator must be at least 1). */
    public static Rational nonZero(SplittableRandom rnd, int maxNumerator, int maxDenominator) {
        int p = rnd.nextInt(1, maxNumerator + 1);
        int q = rnd.nextInt(1, maxDenominator + 1);
        return Rational.of(rnd.nextBoolean() ? p : -p, q);
    }

    /** p/q with p uniform in [1, maxNumerator] and q uniform in [1, maxDenominator]. */
    public static Rational positive(SplittableRandom rnd, int maxNumerator, int maxDenominator) {
        return Rational.of(rnd.nextInt(1, maxNumerator + 1), rnd.nextInt(1, maxDenominator + 1));
    }

    /** A rational drawn uniformly from the grid {lo + (hi - lo) k / steps : k = 0..steps}. */
    public static Rational between(SplittableRandom rnd, Rational lo, Rational hi, int steps) {
        int k = rnd.nextInt(0, steps + 1);
        return lo.add(hi.subtract(lo).multiply(Rational.of(k, steps)));
    }

    /** A rows x cols matrix of {@link #small} entries. */
    public static Rational[][] matrix(SplittableRandom rnd, int rows, int cols, int maxNumerator, int maxDenominator) {
        Rational[][] a = RationalMatrices.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = small(rnd, maxNumerator, maxDenominator);
            }
        }
        return a;
    }

    /** A random symmetric n x n matrix of {@link #small} entries. */
    public static Rational[][] symmetric(SplittableRandom rnd, int n, int maxNumerator, int maxDenominator) {
        Rational[][] a = RationalMatrices.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = small(rnd, maxNumerator, maxDenominator);
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    /** A random skew-symmetric n x n matrix (A^T = -A) of {@link #small} entries. */
    public static Rational[][] skewSymmetric(SplittableRandom rnd, int n, int maxNumerator, int maxDenominator) {
        Rational[][] a = RationalMatrices.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = small(rnd, maxNumerator, maxDenominator);
                a[j][i] = a[i][j].negate();
            }
        }
        return a;
    }

    /**
     * A random invertible n x n matrix of {@link #small} entries that is not orthogonal (G^T G != I), so
     * that W -&gt; G W G'^{-1} really changes the geometry. Redraws until both hold.
     */
    public static Rational[][] invertible(SplittableRandom rnd, int n, int maxNumerator, int maxDenominator) {
        if (maxNumerator < 2) {
            throw new IllegalArgumentException("maxNumerator must be at least 2 to avoid +-1 only");
        }
        while (true) {
            Rational[][] g = matrix(rnd, n, n, maxNumerator, maxDenominator);
            if (Bareiss.isInvertible(g) && !RationalMatrices.hasOrthonormalColumns(g)) {
                return g;
            }
        }
    }

    /**
     * A random symmetric positive definite n x n matrix L L^T, L lower triangular with positive diagonal
     * entries and small entries below; for n &gt;= 2 it is never the identity (an off-diagonal entry of L is
     * forced non-zero), for n = 1 its single entry is never 1.
     */
    public static Rational[][] positiveDefinite(SplittableRandom rnd, int n, int maxNumerator, int maxDenominator) {
        Rational[][] l = RationalMatrices.zeros(n, n);
        for (int i = 0; i < n; i++) {
            l[i][i] = positive(rnd, maxNumerator, maxDenominator);
            for (int j = 0; j < i; j++) {
                l[i][j] = small(rnd, maxNumerator, maxDenominator);
            }
        }
        if (n >= 2 && l[1][0].isZero()) {
            l[1][0] = nonZero(rnd, maxNumerator, maxDenominator);
        }
        if (n == 1 && l[0][0].equals(Rational.ONE)) {
            l[0][0] = Rational.TWO;
        }
        return RationalMatrices.multiply(l, RationalMatrices.transpose(l));
    }
}
