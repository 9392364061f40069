package org.flatminima.claims;

import org.flatminima.exact.ExactAlgebra;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.generate.RandomOrthogonal;
import org.flatminima.generate.RandomRationals;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.Rational;

/**
 * Exact instances of the univariate deep linear regression setting (W_1..W_(L-1) in R^(d x d),
 * W_L in R^(1 x d), Sigma = X^T X / n, target w*^T): random minimisers, balanced rank-one minimisers, and
 * the equality cases (d = 1 or Sigma = s I). Every instance is a global minimiser by construction (the
 * target is set to the product, or the layers multiply to w*^T exactly).
 */
public final class RegressionFamilies {
    private static final Rational[] ROOTS = {Rational.of(3, 2), Rational.of(2), Rational.of(5, 4), Rational.of(1, 2),
        Rational.of(4, 3)};

    private RegressionFamilies() {}

    /** Sigma = X^T X / n for a random rational X (n = d + 2 rows), redrawn until positive definite. */
    public static Rational[][] sampleCovariance(SplittableRandom rnd, int d) {
        int n = d + 2;
        while (true) {
            Rational[][] x = RandomRationals.matrix(rnd, n, d, 3, 2);
            Rational[][] s = RationalMatrices.scale(RationalMatrices.multiply(RationalMatrices.transpose(x), x), Rational.of(1, n));
            if (ExactAlgebra.inertia(org.flatminima.linalg.Matrix.of(ExactAlgebra.Q, s)).positive() == d) {
                return s;
            }
        }
    }

    /** Random square layers and a random row W_L; the target is their product (non-zero). */
    public static LinearNetwork<Rational> randomMinimum(SplittableRandom rnd, CheckSettings s) {
        int d = rnd.nextInt(1, s.maxDim() + 1);
        int depth = rnd.nextInt(2, Math.max(2, s.maxDepth()) + 1);
        Rational[][] sigma = rnd.nextBoolean() ? sampleCovariance(rnd, d)
                : RationalMatrices.scale(RationalMatrices.identity(d), RandomRationals.positive(rnd, 5, 3));
        while (true) {
            List<Rational[][]> layers = new ArrayList<>();
            for (int k = 1; k < depth; k++) {
                layers.add(RandomRationals.matrix(rnd, d, d, 3, 2));
            }
            layers.add(RandomRationals.matrix(rnd, 1, d, 3, 2));
            Rational[][] p = RationalMatrices.productRightToLeft(layers);
            if (!RationalMatrices.isZero(p)) {
                return InstanceFamilies.network(layers, sigma, p);
            }
        }
    }

    /**
     * The balanced rank-one minimiser W_1 = rho u_1 q^T, W_k = rho u_k u_(k-1)^T, W_L = rho u_(L-1)^T with
     * rational unit vectors u_k (columns of random rational orthogonal matrices) and w* = rho^L q.
     *
     * @param sigmaKind 0: a sample covariance X^T X / n with a != 1; 1: s I; 2: the identity
     * @param scalar true for d = 1
     */
    public static LinearNetwork<Rational> balanced(SplittableRandom rnd, CheckSettings s, int sigmaKind, boolean scalar) {
        int d = scalar ? 1 : rnd.nextInt(Math.min(2, s.maxDim()), s.maxDim() + 1);
        int depth = rnd.nextInt(2, Math.max(2, s.maxDepth()) + 1);
        Rational rho = ROOTS[rnd.nextInt(ROOTS.length)];
        List<Rational[]> u = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            Rational[][] q = RandomOrthogonal.orthogonal(rnd, d);
            Rational[] col = new Rational[d];
            for (int i = 0; i < d; i++) {
                col[i] = q[i][0];
            }
            u.add(col);
        }
        List<Rational[][]> layers = new ArrayList<>();
        for (int k = 1; k < depth; k++) {
            layers.add(RationalMatrices.scale(outer(u.get(k), u.get(k - 1)), rho));
        }
        layers.add(RationalMatrices.scale(outer(new Rational[] {Rational.ONE}, u.get(depth - 1)), rho));
        Rational[][] target = RationalMatrices.scale(outer(new Rational[] {Rational.ONE}, u.get(0)), rho.pow(depth));
        Rational[][] sigma;
        if (sigmaKind == 2) {
            sigma = null;
        } else if (sigmaKind == 1 || scalar) {
            sigma = RationalMatrices.scale(RationalMatrices.identity(d), RandomRationals.positive(rnd, 5, 3));
        } else {
            do {
                sigma = sampleCovariance(rnd, d);
            } while (quotient(sigma, u.get(0)).equals(Rational.ONE) || isEigenvector(sigma, u.get(0)));
        }
        return InstanceFamilies.network(layers, sigma, target);
    }

    /** v^T S v / v^T v. */
    public static Rational quotient(Rational[][] sigma, Rational[] v) {
        Rational num = Rational.ZERO;
        Rational den = Rational.ZERO;
        Rational[] sv = RationalMatrices.multiply(sigma, v);
        for (int i = 0; i < v.length; i++) {
            num = num.add(v[i].multiply(sv[i]));
            den = den.add(v[i].multiply(v[i]));
        }
        return num.divide(den);
    }

    static boolean isEigenvector(Rational[][] sigma, Rational[] v) {
        Rational a = quotient(sigma, v);
        Rational[] sv = RationalMatrices.multiply(sigma, v);
        for (int i = 0; i < v.length; i++) {
            if (!sv[i].equals(a.multiply(v[i]))) {
                return false;
            }
        }
        return true;
    }

    static Rational[][] outer(Rational[] a, Rational[] b) {
        Rational[][] m = RationalMatrices.zeros(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                m[i][j] = a[i].multiply(b[j]);
            }
        }
        return m;
    }
}
