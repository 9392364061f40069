package org.flatminima.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Arithmetic;

/**
 * An m-layer linear network P = W_m ... W_1 with its quadratic problem: the input second moment
 * Sigma_x (d_0 x d_0, symmetric positive definite) and the target T (d_m x d_0). Layer W_j is
 * d_j x d_{j-1}. The loss is {@code l(w) = tr((P - T) Sigma_x (P - T)^T)}, the paper's eq. (2) up
 * to an additive constant. Parameters are ordered w = [vec(W_1); ...; vec(W_m)], vec stacking
 * columns. Immutable.
 *
 * @param <T> the number type
 */
public final class LinearNetwork<T> {
    private final Arithmetic<T> ar;
    private final List<Matrix<T>> layers;
    private final Matrix<T> sigmaX;
    private final Matrix<T> target;
    private final boolean sigmaIsIdentity;
    private final int[] dims;
    private final int[] offsets;

    /**
     * @param layers W_1..W_m, chained (W_j has d_{j-1} columns and W_{j+1} has d_j columns)
     * @param sigmaX Sigma_x, or null for the identity
     * @param target T, or null for the product of the layers (the network is then at a global minimum)
     */
    public LinearNetwork(Arithmetic<T> ar, List<Matrix<T>> layers, Matrix<T> sigmaX, Matrix<T> target) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.ar = ar;
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        int m = layers.size();
        dims = new int[m + 1];
        dims[0] = layers.get(0).cols();
        for (int j = 0; j < m; j++) {
            if (layers.get(j).cols() != dims[j]) {
                throw new IllegalArgumentException("layer W" + (j + 1) + " is " + layers.get(j).shape()
                        + " but needs " + dims[j] + " columns");
            }
            dims[j + 1] = layers.get(j).rows();
        }
        offsets = new int[m + 1];
        for (int j = 0; j < m; j++) {
            offsets[j + 1] = offsets[j] + dims[j] * dims[j + 1];
        }
        this.sigmaIsIdentity = sigmaX == null;
        this.sigmaX = sigmaX == null ? Matrix.identity(ar, dims[0]) : sigmaX;
        if (this.sigmaX.rows() != dims[0] || this.sigmaX.cols() != dims[0]) {
            throw new IllegalArgumentException("sigma_x is " + this.sigmaX.shape() + ", expected " + dims[0] + "x" + dims[0]);
        }
        this.target = target == null ? partialProduct(1, m) : target;
        if (this.target.rows() != dims[m] || this.target.cols() != dims[0]) {
            throw new IllegalArgumentException("target is " + this.target.shape() + ", expected " + dims[m] + "x" + dims[0]);
        }
    }

    public Arithmetic<T> arithmetic() {
        return ar;
    }

    /** Number of layers m. */
    public int depth() {
        return layers.size();
    }

    /** d_0, ..., d_m (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** N = sum_j d_j d_{j-1}. */
    public int parameterCount() {
        return offsets[layers.size()];
    }

    /** Index in w of the first entry of vec(W_k), k = 1..m. */
    public int offset(int k) {
        return offsets[k - 1];
    }

    /** W_k, k = 1..m. */
    public Matrix<T> layer(int k) {
        return layers.get(k - 1);
    }

    public List<Matrix<T>> layers() {
        return layers;
    }

    public Matrix<T> sigmaX() {
        return sigmaX;
    }

    /** True when Sigma_x was not given, i.e. the data are white (assumption A2). */
    public boolean sigmaIsIdentity() {
        return sigmaIsIdentity;
    }

    public Matrix<T> target() {
        return target;
    }

    /** W_hi ... W_lo (1-based, inclusive); the identity of size d_{lo-1} when hi &lt; lo. */
    public Matrix<T> partialProduct(int lo, int hi) {
        if (hi < lo) {
            return Matrix.identity(ar, dims[lo - 1]);
        }
        Matrix<T> p = layers.get(lo - 1);
        for (int j = lo + 1; j <= hi; j++) {
            p = layers.get(j - 1).multiply(p);
        }
        return p;
    }

    /** The end-to-end matrix P = W_m ... W_1. */
    public Matrix<T> product() {
        return partialProduct(1, depth());
    }

    /** The same network with different layers (same Sigma_x and target). */
    public LinearNetwork<T> withLayers(List<Matrix<T>> newLayers) {
        return new LinearNetwork<>(ar, newLayers, sigmaIsIdentity ? null : sigmaX, target);
    }

    /** The network in another arithmetic, entry by entry. */
    public <U> LinearNetwork<U> convert(Arithmetic<U> to, Function<T, U> f) {
        List<Matrix<U>> ls = new ArrayList<>();
        for (Matrix<T> w : layers) {
            ls.add(w.map(to, f));
        }
        return new LinearNetwork<>(to, ls, sigmaIsIdentity ? null : sigmaX.map(to, f), target.map(to, f));
    }

    /** The parameter vector w (length N). */
    public T[] parameters() {
        T[] w = ar.newArray(parameterCount());
        for (int k = 1; k <= depth(); k++) {
            Matrix<T> wk = layer(k);
            for (int c = 0; c < wk.cols(); c++) {
                for (int r = 0; r < wk.rows(); r++) {
                    w[offset(k) + c * wk.rows() + r] = wk.get(r, c);
                }
            }
        }
        return w;
    }

    /** The network with parameter vector {@code w} (same shapes, Sigma_x and target). */
    public LinearNetwork<T> withParameters(T[] w) {
        if (w.length != parameterCount()) {
            throw new IllegalArgumentException("expected " + parameterCount() + " parameters, got " + w.length);
        }
        List<Matrix<T>> ls = new ArrayList<>();
        for (int k = 1; k <= depth(); k++) {
            int rows = dims[k];
            int off = offset(k);
            ls.add(Matrix.build(ar, rows, dims[k - 1], (r, c) -> w[off + c * rows + r]));
        }
        return withLayers(ls);
    }
}
