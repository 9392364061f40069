package org.flatminima.generate;

import java.util.Arrays;
import java.util.List;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.numbers.Rational;

/**
 * A deep linear network with exact rational weights, built by one of the {@link Family} constructions.
 * The matrices are shared, not copied: treat them as read-only.
 *
 * @param family the construction's name (see {@link Family#label()})
 * @param seed the seed the instance was drawn with; the family, the seed and the size limits replay it
 * @param dims d_0..d_m
 * @param layers W_1..W_m in order, W_j of shape d_j x d_{j-1}
 * @param target T (d_m x d_0); every construction has W_m...W_1 = T exactly
 * @param sigmaX the input second-moment matrix Sigma_x (d_0 x d_0, symmetric positive definite)
 * @param flattestByConstruction true if the construction yields a flattest global minimum: eq. (27) of
 *     the paper and its orthogonal gauge transforms (flattest by the paper's Theorem 1 proof and because
 *     the loss and the Hessian's spectrum are invariant under the gauge), and the unequal-lower-value
 *     layers, which are flattest by Theorem 4 itself (so a Theorem 4 check must decide it independently).
 *     False means only that the construction makes no such claim, not that the point is proved sharper.
 * @param sigmaMaxT sigma_max(T) when it is known to be rational, else null
 * @param sigmaMaxRoot sigma_max(T)^(1/m) when it is known to be rational, else null
 */
public record ExactNetwork(
        String family,
        long seed,
        int[] dims,
        List<Rational[][]> layers,
        Rational[][] target,
        Rational[][] sigmaX,
        boolean flattestByConstruction,
        Rational sigmaMaxT,
        Rational sigmaMaxRoot) {

    /** Checks that the shapes chain and that Sigma_x and T have the right shapes. */
    public ExactNetwork {
        layers = List.copyOf(layers);
        dims = dims.clone();
        if (dims.length != layers.size() + 1 || layers.isEmpty()) {
            throw new IllegalArgumentException("need m >= 1 layers and m + 1 dimensions, got " + layers.size()
                    + " layers and dimensions " + Arrays.toString(dims));
        }
        for (int j = 1; j <= layers.size(); j++) {
            Rational[][] w = layers.get(j - 1);
            RationalMatrices.checkShape(w);
            if (w.length != dims[j] || w[0].length != dims[j - 1]) {
                throw new IllegalArgumentException("W" + j + " is " + w.length + "x" + w[0].length
                        + ", expected " + dims[j] + "x" + dims[j - 1]);
            }
        }
        int m = layers.size();
        RationalMatrices.checkShape(target);
        if (target.length != dims[m] || target[0].length != dims[0]) {
            throw new IllegalArgumentException("target is " + target.length + "x" + target[0].length
                    + ", expected " + dims[m] + "x" + dims[0]);
        }
        RationalMatrices.checkSquare(sigmaX);
        if (sigmaX.length != dims[0]) {
            throw new IllegalArgumentException("sigma_x is " + sigmaX.length + "x" + sigmaX.length
                    + ", expected " + dims[0] + "x" + dims[0]);
        }
    }

    /** d_0..d_m (a copy). */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The depth m. */
    public int depth() {
        return layers.size();
    }

    /** W_j for j = 1..m (the paper's numbering). */
    public Rational[][] layer(int j) {
        return layers.get(j - 1);
    }

    /** The end-to-end product W_m ... W_1, computed afresh. */
    public Rational[][] product() {
        return RationalMatrices.productRightToLeft(layers);
    }

    /** Assumption A1 of the paper: min_j d_j &gt;= min(d_0, d_m). */
    public boolean meetsA1() {
        return RandomDimensions.meetsA1(dims);
    }

    /** Assumption A2 of the paper: Sigma_x = I. */
    public boolean meetsA2() {
        return RationalMatrices.equals(sigmaX, RationalMatrices.identity(dims[0]));
    }

    /** The number of parameters N = sum_k d_k d_{k-1}. */
    public int parameters() {
        int n = 0;
        for (int k = 1; k < dims.length; k++) {
            n += dims[k] * dims[k - 1];
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExactNetwork e)) {
            return false;
        }
        if (e.layers.size() != layers.size()) {
            return false;
        }
        for (int k = 0; k < layers.size(); k++) {
            if (!RationalMatrices.equals(layers.get(k), e.layers.get(k))) {
                return false;
            }
        }
        return family.equals(e.family) && seed == e.seed && Arrays.equals(dims, e.dims)
                && RationalMatrices.equals(target, e.target) && RationalMatrices.equals(sigmaX, e.sigmaX)
                && flattestByConstruction == e.flattestByConstruction
                && java.util.Objects.equals(sigmaMaxT, e.sigmaMaxT)
                && java.util.Objects.equals(sigmaMaxRoot, e.sigmaMaxRoot);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * family.hashCode() + Long.hashCode(seed)) + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "ExactNetwork[" + family + ", seed " + seed + ", dims " + Arrays.toString(dims) + "]";
    }
}
