package org.flatminima.model;

import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Arithmetic;

/**
 * The loss l(w) = tr(R Sigma_x R^T) with R = P - T, and its gradient and full Hessian, derived
 * directly from the loss at any point w (not only at minima, and not from Lemma 3, which is a claim
 * the checker tests against this).
 *
 * <p>With A_j = W_m ... W_{j+1} and B_j = W_{j-1} ... W_1, a change of entry (r, c) of W_j moves P
 * by A_j e_r e_c^T B_j. Differentiating twice,
 * <pre>
 *   dl/dW_j = 2 A_j^T R S B_j^T,
 *   d2l / dW_j[r,c] dW_k[r',c'] = 2 (A_j^T A_k)[r,r'] (B_j S B_k^T)[c,c']
 *                               + 2 M_kj[c',r] (A_k^T R S B_j^T)[r',c]   (j &lt; k),
 * </pre>
 * where S = Sigma_x and M_kj = W_{k-1} ... W_{j+1} (the identity when k = j + 1); the second term
 * vanishes for j = k. The first term is the Gauss-Newton part; the second vanishes at global minima.
 */
public final class Loss {
    private Loss() {}

    /** R = P - T. */
    public static <T> Matrix<T> residual(LinearNetwork<T> net) {
        return net.product().subtract(net.target());
    }

    /** l(w) = tr(R Sigma_x R^T). */
    public static <T> T value(LinearNetwork<T> net) {
        Arithmetic<T> ar = net.arithmetic();
        Matrix<T> r = residual(net);
        Matrix<T> rs = r.multiply(net.sigmaX());
        T s = ar.zero();
        for (int i = 0; i < r.rows(); i++) {
            for (int j = 0; j < r.cols(); j++) {
                s = ar.add(s, ar.multiply(rs.get(i, j), r.get(i, j)));
            }
        }
        return s;
    }

    /** The gradient blocks dl/dW_k (k = 1..m, index k-1), each shaped like W_k. */
    public static <T> java.util.List<Matrix<T>> gradientBlocks(LinearNetwork<T> net) {
        Products<T> p = new Products<>(net);
        Arithmetic<T> ar = net.arithmetic();
        Matrix<T> rs = residual(net).multiply(net.sigmaX());
        java.util.List<Matrix<T>> out = new java.util.ArrayList<>();
        for (int k = 1; k <= net.depth(); k++) {
            out.add(p.after[k].transpose().multiply(rs).multiply(p.before[k].transpose()).scale(ar.of(2)));
        }
        return out;
    }

    /** The gradient as a vector in the parameter order of {@link LinearNetwork#parameters()}. */
    public static <T> T[] gradient(LinearNetwork<T> net) {
        return net.withLayers(gradientBlocks(net)).parameters();
    }

    /** The full N x N Hessian of l at w. */
    public static <T> Matrix<T> hessian(LinearNetwork<T> net) {
        Arithmetic<T> ar = net.arithmetic();
        int m = net.depth();
        int n = net.parameterCount();
        int[] d = net.dims();
        Products<T> p = new Products<>(net);
        Matrix<T> s = net.sigmaX();
        Matrix<T> rs = residual(net).multiply(s);
        boolean atZeroResidual = rs.isZero();
        T two = ar.of(2);
        Object[][] h = new Object[n][n];
        for (int j = 1; j <= m; j++) {
            for (int k = j; k <= m; k++) {
                Matrix<T> aa = p.after[j].transpose().multiply(p.after[k]);                    // d_j x d_k
                Matrix<T> bb = p.before[j].multiply(s).multiply(p.before[k].transpose());     // d_{j-1} x d_{k-1}
                Matrix<T> mid = null;
                Matrix<T> e = null;
                if (k > j && !atZeroResidual) {
                    mid = net.partialProduct(j + 1, k - 1);                                  // d_{k-1} x d_j
                    e = p.after[k].transpose().multiply(rs).multiply(p.before[j].transpose()); // d_k x d_{j-1}
                }
                int oj = net.offset(j);
                int ok = net.offset(k);
                for (int c = 0; c < d[j - 1]; c++) {
                    for (int r = 0; r < d[j]; r++) {
                        int row = oj + c * d[j] + r;
                        for (int c2 = 0; c2 < d[k - 1]; c2++) {
                            for (int r2 = 0; r2 < d[k]; r2++) {
                                int col = ok + c2 * d[k] + r2;
                                if (k == j && col < row) {
                                    continue;
                                }
                                T v = ar.multiply(aa.get(r, r2), bb.get(c, c2));
                                if (mid != null) {
                                    v = ar.add(v, ar.multiply(mid.get(c2, r), e.get(r2, c)));
                                }
                                v = ar.multiply(two, v);
                                h[row][col] = v;
                                h[col][row] = v;
                            }
                        }
                    }
                }
            }
        }
        return Matrix.build(ar, n, n, (i, jj) -> {
            @SuppressWarnings("unchecked")
            T v = (T) h[i][jj];
            return v;
        });
    }

    /** The products A_k = W_m..W_{k+1} ({@code after[k]}) and B_k = W_{k-1}..W_1 ({@code before[k]}). */
    static final class Products<T> {
        final Matrix<T>[] after;
        final Matrix<T>[] before;

        @SuppressWarnings("unchecked")
        Products(LinearNetwork<T> net) {
            int m = net.depth();
            after = new Matrix[m + 1];
            before = new Matrix[m + 1];
            before[1] = net.partialProduct(1, 0);
            for (int k = 2; k <= m; k++) {
                before[k] = net.layer(k - 1).multiply(before[k - 1]);
            }
            after[m] = net.partialProduct(m + 1, m);
            for (int k = m - 1; k >= 1; k--) {
                after[k] = after[k + 1].multiply(net.layer(k + 1));
            }
        }
    }
}
