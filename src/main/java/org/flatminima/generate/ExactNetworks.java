package org.flatminima.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.exact.Bareiss;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.numbers.Rational;

/**
 * Exact global minima of deep linear networks: the deterministic constructions that {@link Family} draws
 * its random ingredients for. Layer lists hold W_1..W_m in order, W_j of shape d_j x d_{j-1}. No method
 * modifies its arguments.
 */
public final class ExactNetworks {
    private ExactNetworks() {}

    /**
     * The target T = U S V^T, S the d_m x d_0 rectangular diagonal of s_i = roots[i]^m (entries past
     * {@code roots.length} are zero), U orthogonal d_m x d_m, V orthogonal d_0 x d_0.
     */
    public static Rational[][] target(Rational[][] u, Rational[] roots, int m, Rational[][] v) {
        Rational[] s = new Rational[roots.length];
        for (int i = 0; i < roots.length; i++) {
            s[i] = roots[i].pow(m);
        }
        Rational[][] us = RationalMatrices.multiply(u, RationalMatrices.diagonal(u.length, v.length, s));
        return RationalMatrices.multiply(us, RationalMatrices.transpose(v));
    }

    /**
     * Layers from rectangular diagonals: W_j = D_j in the middle, W_1 = D_1 V^T, W_m = U D_m (W_1 = U D_1 V^T
     * when m = 1), D_j the d_j x d_{j-1} rectangular diagonal of {@code diagonals.get(j - 1)} (missing
     * entries are zero, extra ones ignored).
     */
    public static List<Rational[][]> diagonalChain(
            int[] dims, List<Rational[]> diagonals, Rational[][] u, Rational[][] v) {
        int m = dims.length - 1;
        if (diagonals.size() != m || u.length != dims[m] || v.length != dims[0]) {
            throw new IllegalArgumentException("diagonals, U or V do not match the dimensions");
        }
        List<Rational[][]> layers = new ArrayList<>(m);
        for (int j = 1; j <= m; j++) {
            Rational[][] w = RationalMatrices.diagonal(dims[j], dims[j - 1], diagonals.get(j - 1));
            if (j == 1) {
                w = RationalMatrices.multiply(w, RationalMatrices.transpose(v));
            }
            if (j == m) {
                w = RationalMatrices.multiply(u, w);
            }
            layers.add(w);
        }
        return layers;
    }

    /**
     * The flattest minimum of the paper's eq. (27): W_m = U S_m^{1/m}, W_j = S_j^{1/m}, W_1 = S_1^{1/m} V^T,
     * where S_j^{1/m} is the d_j x d_{j-1} rectangular diagonal of the roots r_i = s_i^{1/m}. Its product is
     * {@link #target}(u, roots, m, v) whenever every width is at least {@code roots.length}.
     */
    public static List<Rational[][]> eq27(int[] dims, Rational[] roots, Rational[][] u, Rational[][] v) {
        List<Rational[]> diagonals = new ArrayList<>();
        for (int j = 1; j < dims.length; j++) {
            diagonals.add(roots);
        }
        return diagonalChain(dims, diagonals, u, v);
    }

    /**
     * The gauge transform W_k -&gt; Q_k W_k Q_{k-1}^T with Q_0 = I and Q_m = I, given the hidden orthogonal
     * Q_1..Q_{m-1} (Q_k is d_k x d_k). The product is unchanged, and so are the loss and the Hessian's
     * spectrum (the map on parameters is orthogonal).
     */
    public static List<Rational[][]> orthogonalGauge(List<Rational[][]> layers, List<Rational[][]> hidden) {
        List<Rational[][]> inverses = new ArrayList<>(hidden.size());
        for (Rational[][] q : hidden) {
            inverses.add(RationalMatrices.transpose(q));
        }
        return gauge(layers, hidden, inverses);
    }

    /**
     * The transform W_k -&gt; G_k W_k G_{k-1}^{-1} with G_0 = I and G_m = I, given the hidden invertible
     * G_1..G_{m-1}. The product is unchanged; a non-orthogonal G generally changes the sharpness.
     */
    public static List<Rational[][]> invertibleGauge(List<Rational[][]> layers, List<Rational[][]> hidden) {
        List<Rational[][]> inverses = new ArrayList<>(hidden.size());
        for (Rational[][] g : hidden) {
            inverses.add(Bareiss.inverse(g));
        }
        return gauge(layers, hidden, inverses);
    }

    private static List<Rational[][]> gauge(
            List<Rational[][]> layers, List<Rational[][]> hidden, List<Rational[][]> inverses) {
        int m = layers.size();
        if (hidden.size() != m - 1) {
            throw new IllegalArgumentException("need " + (m - 1) + " hidden gauge matrices, got " + hidden.size());
        }
        List<Rational[][]> out = new ArrayList<>(m);
        for (int k = 1; k <= m; k++) {
            Rational[][] w = layers.get(k - 1);
            if (k < m) {
                w = RationalMatrices.multiply(hidden.get(k - 1), w);
            }
            if (k > 1) {
                w = RationalMatrices.multiply(w, inverses.get(k - 2));
            }
            out.add(w);
        }
        return out;
    }

    /**
     * A factorisation of any d_m x d_0 matrix T through widths meeting A1: rectangular identities J_j
     * (ones on the diagonal) everywhere except one end layer, which carries T. If d_0 &lt;= d_m the chain
     * J = J_{m-1}...J_1 has orthonormal columns and W_m = T J^T; otherwise R = J_m...J_2 has orthonormal
     * rows and W_1 = R^T T. For m = 1, W_1 = T.
     */
    public static List<Rational[][]> identityChain(int[] dims, Rational[][] t) {
        int m = dims.length - 1;
        if (!RandomDimensions.meetsA1(dims)) {
            throw new IllegalArgumentException("identityChain needs widths meeting A1");
        }
        if (m == 1) {
            return java.util.Collections.singletonList(RationalMatrices.copy(t));
        }
        List<Rational[][]> layers = new ArrayList<>(m);
        for (int j = 1; j <= m; j++) {
            layers.add(RationalMatrices.diagonal(dims[j], dims[j - 1], ones(Math.min(dims[j], dims[j - 1]))));
        }
        if (dims[0] <= dims[m]) {
            Rational[][] chain = RationalMatrices.productRightToLeft(layers.subList(0, m - 1));
            layers.set(m - 1, RationalMatrices.multiply(t, RationalMatrices.transpose(chain)));
        } else {
            Rational[][] chain = RationalMatrices.productRightToLeft(layers.subList(1, m));
            layers.set(0, RationalMatrices.multiply(RationalMatrices.transpose(chain), t));
        }
        return layers;
    }

    /**
     * Random roots r_1 &gt;= r_2 &gt;= ... &gt;= r_count &gt;= 0 (the m-th roots of T's singular values): positive small
     * rationals, r_1 &gt; r_2 strictly unless {@code repeatedTop} (then r_1 = r_2), and the last {@code zeros}
     * entries zero. Advances (modifies) {@code rnd}.
     */
    public static Rational[] randomRoots(SplittableRandom rnd, int count, boolean repeatedTop, int zeros) {
        if (count < 1 || zeros < 0 || zeros >= count || (repeatedTop && count - zeros < 2)) {
            throw new IllegalArgumentException("cannot draw " + count + " roots with " + zeros
                    + " zeros" + (repeatedTop ? " and a repeated top value" : ""));
        }
        Rational[] r = new Rational[count];
        int positive = count - zeros;
        for (int i = 0; i < positive; i++) {
            r[i] = RandomRationals.positive(rnd, 5, 3);
        }
        java.util.Arrays.sort(r, 0, positive, java.util.Comparator.reverseOrder());
        if (repeatedTop) {
            r[1] = r[0];
        } else if (positive >= 2 && r[1].equals(r[0])) {
            // make the top strictly largest: lift it by a small amount
            r[0] = r[0].add(Rational.of(1, 2));
        }
        for (int i = positive; i < count; i++) {
            r[i] = Rational.ZERO;
        }
        return r;
    }

    /** The layers of a scalar network (all widths 1) with weights w_1..w_m. */
    public static List<Rational[][]> scalarLayers(Rational... w) {
        List<Rational[][]> layers = new ArrayList<>(w.length);
        for (Rational x : w) {
            layers.add(new Rational[][] {{x}});
        }
        return layers;
    }

    private static Rational[] ones(int n) {
        Rational[] r = new Rational[n];
        java.util.Arrays.fill(r, Rational.ONE);
        return r;
    }
}
