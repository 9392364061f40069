package org.flatminima.claims.support;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.claims.CheckSettings;
import org.flatminima.claims.Family;
import org.flatminima.claims.Instance;
import org.flatminima.linalg.GaussJordan;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.Rational;

/**
 * Seeded exact generators for every {@link Family} (interim home until {@code org.flatminima.generate}
 * lands on main). The same family, seed and limits always give the same instance.
 */
public final class InstanceFamilies {
    private static final org.flatminima.numbers.ExactArithmetic Q = ExactAlgebra.Q;

    private InstanceFamilies() {}

    /** Draws one instance of {@code family} from {@code seed}, within the size limits of {@code s}. */
    public static Instance generate(Family family, long seed, CheckSettings s) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LinearNetwork<Rational> net = switch (family) {
            case FLATTEST_27 -> flattest(rnd, dimsA1(rnd, s.maxDim(), s.maxDepth(), 2), false, false);
            case GAUGE_FLATTEST -> flattest(rnd, dimsA1(rnd, s.maxDim(), s.maxDepth(), 2), true, false);
            case THEOREM4 -> flattest(rnd, dimsA1(rnd, s.maxDim(), s.maxDepth(), 2), true, true);
            case NON_FLATTEST -> nonFlattest(rnd, flattest(rnd, dimsA1(rnd, s.maxDim(), s.maxDepth(), 2), true, false));
            case RANDOM_MINIMUM -> randomLayers(rnd, dimsA1(rnd, s.maxDim(), s.maxDepth(), 2), null);
            case SCALAR_FLATTEST -> scalar(rnd, s.maxDepth(), true, true);
            case SCALAR_MINIMUM -> scalar(rnd, s.maxDepth(), false, true);
            case SCALAR_IRRATIONAL -> scalar(rnd, s.maxDepth(), false, false);
            case LEMMA4_RANDOM -> randomLayers(rnd, anyDims(rnd, s.maxDim(), s.maxDepth()), null);
            case LEMMA4_EQUALITY -> equalityChain(rnd, anyDims(rnd, s.maxDim(), s.maxDepth()));
            case LEMMA1_PD -> lemma1(rnd, s, true);
            case LEMMA1_GENERAL -> lemma1(rnd, s, false);
            case SIGMA_NOT_IDENTITY -> withSigma(rnd, flattest(rnd, dimsA1(rnd, s.maxDim(), Math.min(4, s.maxDepth()), 2), true, false));
            case BOTTLENECK -> randomLayers(rnd, bottleneckDims(rnd, s.maxDim(), s.maxDepth()), null);
        };
        return new Instance(family.id(), seed, net);
    }

    /** Dimensions meeting A1: d_x, d_y in [1, maxDim], inner widths in [min(d_x, d_y), maxDim]. */
    static int[] dimsA1(SplittableRandom rnd, int maxDim, int maxDepth, int minDepth) {
        int m = minDepth > maxDepth ? maxDepth : rnd.nextInt(minDepth, maxDepth + 1);
        int[] d = new int[m + 1];
        d[0] = rnd.nextInt(1, maxDim + 1);
        d[m] = rnd.nextInt(1, maxDim + 1);
        int lo = Math.min(d[0], d[m]);
        for (int j = 1; j < m; j++) {
            d[j] = rnd.nextInt(lo, maxDim + 1);
        }
        return d;
    }

    static int[] anyDims(SplittableRandom rnd, int maxDim, int maxDepth) {
        int m = rnd.nextInt(1, maxDepth + 1);
        int[] d = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            d[j] = rnd.nextInt(1, maxDim + 1);
        }
        return d;
    }

    static int[] bottleneckDims(SplittableRandom rnd, int maxDim, int maxDepth) {
        int top = Math.max(2, maxDim);
        int m = Math.max(2, rnd.nextInt(2, Math.max(2, maxDepth) + 1));
        int[] d = new int[m + 1];
        d[0] = rnd.nextInt(2, top + 1);
        d[m] = rnd.nextInt(2, top + 1);
        int lo = Math.min(d[0], d[m]);
        for (int j = 1; j < m; j++) {
            d[j] = rnd.nextInt(lo, top + 1);
        }
        d[rnd.nextInt(1, m)] = rnd.nextInt(1, lo);
        return d;
    }

    /** A small rational p/q with |p| &lt;= maxNum, 1 &lt;= q &lt;= maxDen. */
    public static Rational smallRational(SplittableRandom rnd, int maxNum, int maxDen) {
        return Rational.of(rnd.nextInt(-maxNum, maxNum + 1), rnd.nextInt(1, maxDen + 1));
    }

    /** A rational orthogonal n x n matrix by the Cayley transform (I - A)(I + A)^(-1) of a random skew A. */
    public static Matrix<Rational> cayley(SplittableRandom rnd, int n) {
        Rational[][] a = new Rational[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = Rational.ZERO;
            for (int j = i + 1; j < n; j++) {
                a[i][j] = Rational.of(rnd.nextInt(-2, 3), rnd.nextInt(1, 3));
                a[j][i] = a[i][j].negate();
            }
        }
        Matrix<Rational> skew = Matrix.of(Q, a);
        Matrix<Rational> id = Matrix.identity(Q, n);
        return id.subtract(skew).multiply(GaussJordan.inverse(id.add(skew)));
    }

    /** A top root r = a / 2^b, chosen so that sigma_max(T) = r^m is exactly representable and moderate. */
    static Rational topRoot(SplittableRandom rnd) {
        Rational[] choices = {Rational.of(3, 2), Rational.of(2), Rational.of(5, 4), Rational.of(3), Rational.of(5, 2), Rational.of(7, 4)};
        return choices[rnd.nextInt(choices.length)];
    }

    /** A rational in (0, r), distinct from the values in {@code taken}. */
    static Rational below(SplittableRandom rnd, Rational r, List<Rational> taken) {
        while (true) {
            int q = rnd.nextInt(2, 7);
            int p = rnd.nextInt(1, q);
            Rational x = r.multiply(Rational.of(p, q));
            if (!taken.contains(x)) {
                return x;
            }
        }
    }

    /**
     * Flattest minima: W_k = Q_k D_k Q_(k-1)^T with Q_0 = V, Q_m = U (rational orthogonal). D_k is
     * diagonal with r_1 first; with {@code unequal} false the other entries are the same r_i for every
     * layer and zero beyond the rank (eq. (27), gauge-transformed when {@code gauge}); with {@code unequal}
     * they differ per layer (Theorem 4's sufficient condition).
     */
    static LinearNetwork<Rational> flattest(SplittableRandom rnd, int[] d, boolean gauge, boolean unequal) {
        int m = d.length - 1;
        int rank = Math.min(d[0], d[m]);
        Rational r1 = topRoot(rnd);
        List<Rational> roots = new ArrayList<>();
        roots.add(r1);
        for (int i = 1; i < rank; i++) {
            roots.add(below(rnd, r1, roots));
        }
        List<Matrix<Rational>> q = new ArrayList<>();
        q.add(cayley(rnd, d[0]));
        for (int k = 1; k < m; k++) {
            q.add(gauge ? cayley(rnd, d[k]) : Matrix.identity(Q, d[k]));
        }
        q.add(cayley(rnd, d[m]));
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            List<Rational> diag = new ArrayList<>();
            int len = Math.min(d[k], d[k - 1]);
            for (int i = 0; i < len; i++) {
                if (i == 0) {
                    diag.add(r1);
                } else if (unequal) {
                    diag.add(below(rnd, r1, diag));
                } else {
                    diag.add(i < rank ? roots.get(i) : Rational.ZERO);
                }
            }
            Matrix<Rational> dk = Matrix.build(Q, d[k], d[k - 1], (i, j) -> i == j ? diag.get(i) : Rational.ZERO);
            layers.add(q.get(k).multiply(dk).multiply(q.get(k - 1).transpose()));
        }
        return new LinearNetwork<>(Q, layers, null, null);
    }

    /** W_k -> G_k W_k G_(k-1)^(-1) with G_0 = I, G_m = I and random invertible G_k. */
    static LinearNetwork<Rational> nonFlattest(SplittableRandom rnd, LinearNetwork<Rational> net) {
        int m = net.depth();
        int[] d = net.dims();
        List<Matrix<Rational>> g = new ArrayList<>();
        List<Matrix<Rational>> gi = new ArrayList<>();
        for (int k = 0; k <= m; k++) {
            if (k == 0 || k == m) {
                g.add(Matrix.identity(Q, d[k]));
                gi.add(Matrix.identity(Q, d[k]));
                continue;
            }
            while (true) {
                int n = d[k];
                Matrix<Rational> cand = Matrix.build(Q, n, n, (i, j) ->
                        (i == j ? Rational.ONE : Rational.ZERO).add(Rational.of(rnd.nextInt(-2, 3), rnd.nextInt(1, 4))));
                Matrix<Rational> inv = GaussJordan.inverse(cand);
                if (inv != null) {
                    g.add(cand);
                    gi.add(inv);
                    break;
                }
            }
        }
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            layers.add(g.get(k).multiply(net.layer(k)).multiply(gi.get(k - 1)));
        }
        return new LinearNetwork<>(Q, layers, null, net.target());
    }

    /** Random integer layers in [-3, 3] with T their product (redrawn while T = 0). */
    static LinearNetwork<Rational> randomLayers(SplittableRandom rnd, int[] d, Matrix<Rational> sigma) {
        while (true) {
            List<Matrix<Rational>> layers = new ArrayList<>();
            for (int k = 1; k < d.length; k++) {
                layers.add(Matrix.build(Q, d[k], d[k - 1], (i, j) -> Rational.of(rnd.nextInt(-3, 4))));
            }
            LinearNetwork<Rational> net = new LinearNetwork<>(Q, layers, sigma, null);
            if (!net.product().isZero()) {
                return net;
            }
        }
    }

    /** Lemma 4's equality case: Psi_k = Q_k (a e_1 e_1^T) Q_(k-1)^T. */
    static LinearNetwork<Rational> equalityChain(SplittableRandom rnd, int[] d) {
        Rational a = Rational.of(rnd.nextInt(1, 6), rnd.nextInt(1, 4));
        List<Matrix<Rational>> q = new ArrayList<>();
        for (int x : d) {
            q.add(cayley(rnd, x));
        }
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (int k = 1; k < d.length; k++) {
            Matrix<Rational> e = Matrix.build(Q, d[k], d[k - 1], (i, j) -> i == 0 && j == 0 ? a : Rational.ZERO);
            layers.add(q.get(k).multiply(e).multiply(q.get(k - 1).transpose()));
        }
        return new LinearNetwork<>(Q, layers, null, null);
    }

    /** Scalar networks: flattest (|w_j| = r) or a random minimum; tau = +-r^m or a random rational. */
    static LinearNetwork<Rational> scalar(SplittableRandom rnd, int maxDepth, boolean flattest, boolean perfectPower) {
        int m = rnd.nextInt(Math.min(2, maxDepth), maxDepth + 1);
        Rational r = Rational.of(rnd.nextInt(1, 6), rnd.nextInt(1, 4));
        Rational[] w = new Rational[m];
        Rational tau;
        if (flattest) {
            for (int j = 0; j < m; j++) {
                w[j] = rnd.nextBoolean() ? r : r.negate();
            }
        } else {
            tau = perfectPower ? r.pow(m) : Rational.of(rnd.nextInt(2, 30), rnd.nextInt(1, 7));
            if (!perfectPower && tau.exactRoot(m) != null) {
                tau = tau.add(Rational.of(1, 7));
            }
            if (rnd.nextBoolean()) {
                tau = tau.negate();
            }
            Rational prod = Rational.ONE;
            for (int j = 0; j < m - 1; j++) {
                Rational x = Rational.of(rnd.nextInt(1, 8), rnd.nextInt(1, 5));
                w[j] = rnd.nextBoolean() ? x : x.negate();
                prod = prod.multiply(w[j]);
            }
            w[m - 1] = tau.divide(prod);
        }
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (Rational x : w) {
            layers.add(Matrix.build(Q, 1, 1, (i, j) -> x));
        }
        Matrix<Rational> sigma = null;
        if (rnd.nextBoolean()) {
            Rational s2 = Rational.of(rnd.nextInt(1, 10), rnd.nextInt(1, 5));
            sigma = Matrix.build(Q, 1, 1, (i, j) -> s2);
        }
        return new LinearNetwork<>(Q, layers, sigma, null);
    }

    /** Lemma 1: square d x d layers initialised at I; the target T is PD (Q S Q^T) or U S V^T. */
    static LinearNetwork<Rational> lemma1(SplittableRandom rnd, CheckSettings s, boolean pd) {
        int d = rnd.nextInt(1, Math.min(3, s.maxDim()) + 1);
        int m = rnd.nextInt(Math.min(2, s.maxDepth()), Math.min(4, s.maxDepth()) + 1);
        Matrix<Rational> u = cayley(rnd, d);
        Matrix<Rational> v = pd ? u : cayley(rnd, d);
        List<Rational> sv = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            Rational x;
            do {
                x = Rational.of(rnd.nextInt(2, 9), 4);
            } while (sv.contains(x));
            sv.add(x);
        }
        Matrix<Rational> sm = Matrix.build(Q, d, d, (i, j) -> i == j ? sv.get(i) : Rational.ZERO);
        Matrix<Rational> t = u.multiply(sm).multiply(v.transpose());
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            layers.add(Matrix.identity(Q, d));
        }
        return new LinearNetwork<>(Q, layers, null, t);
    }

    /** The same layers with a random SPD Sigma_x = L L^T + I != I (target: the product). */
    static LinearNetwork<Rational> withSigma(SplittableRandom rnd, LinearNetwork<Rational> net) {
        int n = net.dims()[0];
        Matrix<Rational> l = Matrix.build(Q, n, n, (i, j) -> Rational.of(rnd.nextInt(-2, 3), rnd.nextInt(1, 3)));
        Matrix<Rational> sigma = l.multiply(l.transpose()).add(Matrix.identity(Q, n));
        if (sigma.equals(Matrix.identity(Q, n))) {
            sigma = sigma.scale(Rational.TWO);
        }
        return new LinearNetwork<>(Q, net.layers(), sigma, null);
    }
}
