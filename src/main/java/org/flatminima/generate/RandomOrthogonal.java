package org.flatminima.generate;

import java.util.SplittableRandom;
import org.flatminima.exact.Bareiss;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.numbers.Rational;

/**
 * Exact rational orthogonal matrices. The Cayley transform Q = (I - A)(I + A)^{-1} of a rational
 * skew-symmetric A is rational and orthogonal with determinant +1 (I + A is always invertible, its
 * eigenvalues being 1 + it). A Householder reflection I - 2 v v^T / (v^T v) with rational v is rational
 * and orthogonal with determinant -1; composing the two reaches both components of O(n).
 */
public final class RandomOrthogonal {
    private RandomOrthogonal() {}

    /** The Cayley transform (I - A)(I + A)^{-1} of a skew-symmetric A (not modified). */
    public static Rational[][] cayley(Rational[][] skew) {
        if (!RationalMatrices.isSkewSymmetric(skew)) {
            throw new IllegalArgumentException("the Cayley transform needs a skew-symmetric matrix");
        }
        int n = skew.length;
        Rational[][] id = RationalMatrices.identity(n);
        Rational[][] plus = RationalMatrices.add(id, skew);
        Rational[][] minus = RationalMatrices.subtract(id, skew);
        // (I - A)(I + A)^{-1} = (I + A)^{-1}(I - A) since the two factors commute
        return Bareiss.solve(plus, minus);
    }

    /** The reflection I - 2 v v^T / (v^T v) across the hyperplane orthogonal to a non-zero v (not modified). */
    public static Rational[][] householder(Rational[] v) {
        Rational norm2 = Rational.ZERO;
        for (Rational x : v) {
            norm2 = norm2.add(x.multiply(x));
        }
        if (norm2.isZero()) {
            throw new IllegalArgumentException("a reflection needs a non-zero vector");
        }
        Rational c = Rational.TWO.divide(norm2);
        Rational[][] h = RationalMatrices.identity(v.length);
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                h[i][j] = h[i][j].subtract(c.multiply(v[i]).multiply(v[j]));
            }
        }
        return h;
    }

    /** A random rotation (determinant +1): the Cayley transform of a random small skew-symmetric matrix. */
    public static Rational[][] rotation(SplittableRandom rnd, int n) {
        if (n == 1) {
            return RationalMatrices.identity(1);
        }
        return cayley(RandomRationals.skewSymmetric(rnd, n, 2, 2));
    }

    /** A random reflection (determinant -1): a Householder reflection with a random small non-zero vector. */
    public static Rational[][] reflection(SplittableRandom rnd, int n) {
        Rational[] v = new Rational[n];
        do {
            for (int i = 0; i < n; i++) {
                v[i] = RandomRationals.small(rnd, 2, 2);
            }
        } while (isZero(v));
        return householder(v);
    }

    /**
     * A random orthogonal matrix: a rotation, and with probability 1/2 also a reflection, so that both
     * determinants +1 and -1 occur.
     */
    public static Rational[][] orthogonal(SplittableRandom rnd, int n) {
        Rational[][] q = rotation(rnd, n);
        if (rnd.nextBoolean()) {
            q = RationalMatrices.multiply(reflection(rnd, n), q);
        }
        return q;
    }

    private static boolean isZero(Rational[] v) {
        for (Rational x : v) {
            if (!x.isZero()) {
                return false;
            }
        }
        return true;
    }
}
