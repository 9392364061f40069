package org.flatminima.claims;

import org.flatminima.exact.ExactAlgebra;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.generate.ExactNetwork;
import org.flatminima.generate.ExactNetworks;
import org.flatminima.generate.RandomDimensions;
import org.flatminima.generate.RandomOrthogonal;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.Rational;

/**
 * Draws the instances of every {@link InstanceSource}: the shared families through
 * {@link org.flatminima.generate.Family}, the checker-specific ones here. The same family, seed and limits
 * always give the same instance.
 */
public final class InstanceFamilies {
    private static final org.flatminima.numbers.ExactArithmetic Q = ExactAlgebra.Q;

    private InstanceFamilies() {}

    /** Draws one instance of {@code family} from {@code seed}, within the size limits of {@code s}. */
    public static Instance generate(InstanceSource family, long seed, CheckSettings s) {
        if (family.shared() != null) {
            int depth = Math.max(s.maxDepth(), family.shared().minDepth());
            ExactNetwork n = family.shared().generate(seed, s.maxDim(), depth);
            // roots families: redraw (deterministically) the degenerate m = 1 or sigma_max(T) = 1 draws, where
            // a wrong constant or exponent is invisible, whenever the size limits allow anything else
            long next = seed;
            for (int attempt = 0; attempt < 8 && family.shared().takesRoots() && depth >= 2 && degenerate(n); attempt++) {
                next = mix(next);
                n = family.shared().generate(next, s.maxDim(), depth);
            }
            if (family == InstanceSource.SCALAR_FLATTEST || family == InstanceSource.SCALAR_MINIMUM) {
                n = withScalarSigma(n, new SplittableRandom(seed ^ 0x51C3A2L));
            }
            return new Instance(family.id(), seed, toNetwork(n));
        }
        if (family == InstanceSource.SCALAR_SIGMA) {
            org.flatminima.generate.Family shared = org.flatminima.generate.Family.SCALAR_FLATTEST;
            ExactNetwork n = shared.generate(seed, s.maxDim(), Math.max(s.maxDepth(), shared.minDepth()));
            SplittableRandom r = new SplittableRandom(seed ^ 0x51C3A2L);
            Rational s2 = SCALAR_SIGMAS[r.nextInt(SCALAR_SIGMAS.length)];
            return new Instance(family.id(), seed, toNetwork(org.flatminima.generate.Family.withSigmaX(n, new Rational[][] {{s2}})));
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        LinearNetwork<Rational> net = switch (family) {
            case SQUARE_FLATTEST -> squareFlattest(rnd, s);
            case SCALAR_MISLEADING -> scalarMisleading(rnd, s);
            case CHAIN_RANDOM -> chainRandom(rnd, s);
            case CHAIN_EQUALITY -> chainEquality(rnd, s);
            case IDENTITY_INIT_PD -> identityInit(rnd, s, true);
            case IDENTITY_INIT_GENERAL -> identityInit(rnd, s, false);
            case REGRESSION_MINIMUM -> RegressionFamilies.randomMinimum(rnd, s);
            case REGRESSION_BALANCED -> RegressionFamilies.balanced(rnd, s, 0, false);
            case REGRESSION_SCALAR -> RegressionFamilies.balanced(rnd, s, 1, true);
            case REGRESSION_ISOTROPIC -> RegressionFamilies.balanced(rnd, s, 1, false);
            case REGRESSION_WHITE -> RegressionFamilies.balanced(rnd, s, 2, false);
            default -> throw new IllegalStateException("unhandled family " + family);
        };
        return new Instance(family.id(), seed, net);
    }

    /** Sigma_x^2 values the scalar families draw (never 1). */
    private static final Rational[] SCALAR_SIGMAS = {Rational.of(1, 4), Rational.of(4, 9), Rational.of(2), Rational.of(9, 4),
        Rational.of(3), Rational.of(1, 2)};

    /**
     * A scalar instance with sigma_x^2 != 1 in three draws of four (eqs. (8)-(13) carry sigma_x^2 as a factor
     * that a wrong formula could drop); Sigma_x = 1 otherwise.
     */
    private static ExactNetwork withScalarSigma(ExactNetwork n, SplittableRandom rnd) {
        if (rnd.nextInt(4) == 0) {
            return n;
        }
        Rational s2 = SCALAR_SIGMAS[rnd.nextInt(SCALAR_SIGMAS.length)];
        return org.flatminima.generate.Family.withSigmaX(n, new Rational[][] {{s2}});
    }

    private static boolean degenerate(ExactNetwork n) {
        return n.dims().length == 2 || (n.sigmaMaxT() != null && n.sigmaMaxT().equals(Rational.ONE));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (z ^ (z >>> 33)) & Long.MAX_VALUE;
    }

    /** The exact network of a generated instance (Sigma_x = I is passed as "not given"). */
    public static LinearNetwork<Rational> toNetwork(ExactNetwork n) {
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (Rational[][] w : n.layers()) {
            layers.add(Matrix.of(Q, w));
        }
        Matrix<Rational> sigma = n.meetsA2() ? null : Matrix.of(Q, n.sigmaX());
        return new LinearNetwork<>(Q, layers, sigma, Matrix.of(Q, n.target()));
    }

    static int[] anyDims(SplittableRandom rnd, int maxDim, int maxDepth) {
        int m = rnd.nextInt(1, maxDepth + 1);
        int[] d = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            d[j] = rnd.nextInt(1, maxDim + 1);
        }
        return d;
    }

    /** d_x = d_y = d, hidden widths in [d, maxDim], depth in [2, maxDepth]. */
    static int[] squareDims(SplittableRandom rnd, int maxDim, int maxDepth) {
        int m = rnd.nextInt(2, Math.max(2, maxDepth) + 1);
        int dd = rnd.nextInt(Math.min(2, maxDim), maxDim + 1);
        int[] d = new int[m + 1];
        d[0] = dd;
        d[m] = dd;
        for (int j = 1; j < m; j++) {
            d[j] = rnd.nextInt(dd, maxDim + 1);
        }
        return d;
    }

    /** Eq. (27) with a simple top root r_1 in {3/2, 2, 5/4, 5/2} (never 1) and lower roots below it, gauged. */
    static LinearNetwork<Rational> squareFlattest(SplittableRandom rnd, CheckSettings s) {
        int[] d = squareDims(rnd, s.maxDim(), s.maxDepth());
        int m = d.length - 1;
        Rational[] choices = {Rational.of(3, 2), Rational.of(2), Rational.of(5, 4), Rational.of(5, 2)};
        Rational[] roots = new Rational[d[0]];
        roots[0] = choices[rnd.nextInt(choices.length)];
        for (int i = 1; i < roots.length; i++) {
            roots[i] = roots[i - 1].multiply(Rational.of(rnd.nextInt(1, 4), 4));
        }
        Rational[][] u = RandomOrthogonal.orthogonal(rnd, d[m]);
        Rational[][] v = RandomOrthogonal.orthogonal(rnd, d[0]);
        List<Rational[][]> layers = ExactNetworks.eq27(d, roots, u, v);
        List<Rational[][]> hidden = new ArrayList<>();
        for (int k = 1; k < m; k++) {
            hidden.add(RandomOrthogonal.orthogonal(rnd, d[k]));
        }
        layers = ExactNetworks.orthogonalGauge(layers, hidden);
        return network(layers, null, ExactNetworks.target(u, roots, m, v));
    }

    /** A scalar minimum with tau = +-r^m whose plot against the flattest point of its signs shows it sharper. */
    static LinearNetwork<Rational> scalarMisleading(SplittableRandom rnd, CheckSettings s) {
        int m = rnd.nextInt(3, Math.max(3, s.maxDepth()) + 1);
        while (true) {
            Rational r = Rational.of(rnd.nextInt(1, 6), rnd.nextInt(1, 4));
            Rational tau = rnd.nextBoolean() ? r.pow(m) : r.pow(m).negate();
            Rational[] w = new Rational[m];
            Rational rest = Rational.ONE;
            for (int j = 0; j < m - 1; j++) {
                Rational x = Rational.of(rnd.nextInt(1, 9), rnd.nextInt(1, 4));
                w[j] = rnd.nextBoolean() ? x : x.negate();
                rest = rest.multiply(w[j]);
            }
            w[m - 1] = tau.divide(rest);
            // plot sharpness at w1 ~ (sum (x_j - 1))^2, at w2 ~ (sum (1 - 1/x_j))^2 with x_j = w2_j / w1_j
            Rational a = Rational.ZERO;
            Rational b = Rational.ZERO;
            for (Rational wj : w) {
                Rational x = wj.abs().divide(r);
                a = a.add(x.subtract(Rational.ONE));
                b = b.add(Rational.ONE.subtract(x.reciprocal()));
            }
            if (b.pow(2).compareTo(a.pow(2)) > 0) {
                List<Rational[][]> layers = new ArrayList<>();
                for (Rational x : w) {
                    layers.add(new Rational[][] {{x}});
                }
                return network(layers, null, new Rational[][] {{tau}});
            }
        }
    }

    static LinearNetwork<Rational> chainRandom(SplittableRandom rnd, CheckSettings s) {
        int[] d = anyDims(rnd, s.maxDim(), s.maxDepth());
        while (true) {
            List<Rational[][]> layers = new ArrayList<>();
            for (int k = 1; k < d.length; k++) {
                layers.add(org.flatminima.generate.RandomRationals.matrix(rnd, d[k], d[k - 1], 5, 3));
            }
            LinearNetwork<Rational> net = network(layers, null, null);
            if (!net.product().isZero()) {
                return net;
            }
        }
    }

    static LinearNetwork<Rational> chainEquality(SplittableRandom rnd, CheckSettings s) {
        int[] d = anyDims(rnd, s.maxDim(), s.maxDepth());
        Rational a = org.flatminima.generate.RandomRationals.positive(rnd, 5, 3);
        List<Rational[][]> q = new ArrayList<>();
        for (int x : d) {
            q.add(RandomOrthogonal.orthogonal(rnd, x));
        }
        List<Rational[][]> layers = new ArrayList<>();
        for (int k = 1; k < d.length; k++) {
            Rational[][] e = RationalMatrices.zeros(d[k], d[k - 1]);
            e[0][0] = a;
            layers.add(RationalMatrices.multiply(RationalMatrices.multiply(q.get(k), e), RationalMatrices.transpose(q.get(k - 1))));
        }
        return network(layers, null, null);
    }

    /** Square d x d layers at the identity; T symmetric positive definite or U S V^T with det T &gt; 0. */
    static LinearNetwork<Rational> identityInit(SplittableRandom rnd, CheckSettings s, boolean pd) {
        int d = rnd.nextInt(1, Math.min(3, s.maxDim()) + 1);
        int m = rnd.nextInt(Math.min(2, s.maxDepth()), Math.min(4, s.maxDepth()) + 1);
        Rational[][] u = RandomOrthogonal.rotation(rnd, d);
        Rational[][] v = pd ? u : RandomOrthogonal.rotation(rnd, d);
        Rational[] sv = new Rational[d];
        for (int i = 0; i < d; i++) {
            sv[i] = Rational.of(rnd.nextInt(2, 9), 4);
        }
        Rational[][] t = RationalMatrices.multiply(RationalMatrices.multiply(u, RationalMatrices.diagonal(d, d, sv)),
                RationalMatrices.transpose(v));
        List<Rational[][]> layers = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            layers.add(RationalMatrices.identity(d));
        }
        return network(layers, null, t);
    }

    static LinearNetwork<Rational> network(List<Rational[][]> layers, Rational[][] sigma, Rational[][] target) {
        List<Matrix<Rational>> ls = new ArrayList<>();
        for (Rational[][] w : layers) {
            ls.add(Matrix.of(Q, w));
        }
        return new LinearNetwork<>(Q, ls, sigma == null ? null : Matrix.of(Q, sigma), target == null ? null : Matrix.of(Q, target));
    }

    /** True if the dims meet A1 (delegates to the shared helper). */
    public static boolean meetsA1(int[] dims) {
        return RandomDimensions.meetsA1(dims);
    }
}
