package org.flatminima.model;

import org.flatminima.exact.ExactAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * Exact quantities of a network used by several claims: the partial products, Lemma 3's Phi Phi^T
 * (built from the products, independently of the loss's Hessian), and Theorem 1's vector b. No method
 * modifies its arguments.
 */
public final class NetworkAlgebra {
    private NetworkAlgebra() {}

    /** W_(k-1) ... W_1 (the identity for k = 1). */
    public static <T> Matrix<T> before(LinearNetwork<T> net, int k) {
        return net.partialProduct(1, k - 1);
    }

    /** W_m ... W_(k+1) (the identity for k = m). */
    public static <T> Matrix<T> after(LinearNetwork<T> net, int k) {
        return net.partialProduct(k + 1, net.depth());
    }

    /**
     * factor * Phi Phi^T with the (i, j) block (B_i Sigma B_j^T) kron (A_i^T A_j), which equals
     * Phi_i Phi_j^T for Phi_k = (B_k Sigma^(1/2)) kron A_k^T (eq. (16)); exact for any rational Sigma.
     */
    public static Matrix<Rational> phiPhiTransposed(LinearNetwork<Rational> net, Rational factor) {
        int m = net.depth();
        int n = net.parameterCount();
        Rational[][] h = new Rational[n][n];
        Matrix<Rational> s = net.sigmaX();
        for (int i = 1; i <= m; i++) {
            for (int j = i; j <= m; j++) {
                Matrix<Rational> x = before(net, i).multiply(s).multiply(before(net, j).transpose());
                Matrix<Rational> y = after(net, i).transpose().multiply(after(net, j));
                Matrix<Rational> block = x.kronecker(y);
                int oi = net.offset(i);
                int oj = net.offset(j);
                for (int r = 0; r < block.rows(); r++) {
                    for (int c = 0; c < block.cols(); c++) {
                        Rational v = block.get(r, c).multiply(factor);
                        h[oi + r][oj + c] = v;
                        h[oj + c][oi + r] = v;
                    }
                }
            }
        }
        return Matrix.of(ExactAlgebra.Q, h);
    }

    /**
     * b = Phi (x kron y) for Sigma = I, block k being vec(A_k^T y x^T B_k^T). Theorem 1 takes x = v
     * (right singular vector, length d_x) and y = u (left, length d_y).
     */
    public static Matrix<Rational> phiTimesKronecker(LinearNetwork<Rational> net, Rational[] x, Rational[] y) {
        int m = net.depth();
        Rational[] b = new Rational[net.parameterCount()];
        Matrix<Rational> xc = ExactAlgebra.column(x);
        Matrix<Rational> yc = ExactAlgebra.column(y);
        for (int k = 1; k <= m; k++) {
            Matrix<Rational> q = after(net, k).transpose().multiply(yc);  // d_k
            Matrix<Rational> r = before(net, k).multiply(xc);             // d_(k-1)
            int dk = q.rows();
            int off = net.offset(k);
            for (int c = 0; c < r.rows(); c++) {
                for (int rr = 0; rr < dk; rr++) {
                    b[off + c * dk + rr] = q.get(rr, 0).multiply(r.get(c, 0));
                }
            }
        }
        return ExactAlgebra.column(b);
    }

    /**
     * The Gauss-Newton part of the Hessian times a vector, 2 J^T (Sigma kron I) J b, without forming the
     * N x N matrix: J b = sum_k A_k X_k B_k (X_k the block of b for W_k, reshaped column-major), and block j of
     * the result is 2 A_j^T (J b) Sigma B_j^T. At an exact global minimum this is the loss's Hessian times b
     * (the other second-order term carries the residual P - T as a factor).
     */
    public static Matrix<Rational> gaussNewtonTimes(LinearNetwork<Rational> net, Matrix<Rational> b) {
        int m = net.depth();
        int[] d = net.dims();
        Matrix<Rational> y = null;
        for (int k = 1; k <= m; k++) {
            int off = net.offset(k);
            int rows = d[k];
            Matrix<Rational> xk = Matrix.build(ExactAlgebra.Q, rows, d[k - 1], (r, c) -> b.get(off + c * rows + r, 0));
            Matrix<Rational> term = after(net, k).multiply(xk).multiply(before(net, k));
            y = y == null ? term : y.add(term);
        }
        Matrix<Rational> ys = y.multiply(net.sigmaX());
        Rational[] out = new Rational[net.parameterCount()];
        for (int j = 1; j <= m; j++) {
            Matrix<Rational> g = after(net, j).transpose().multiply(ys).multiply(before(net, j).transpose());
            int off = net.offset(j);
            for (int c = 0; c < g.cols(); c++) {
                for (int r = 0; r < g.rows(); r++) {
                    out[off + c * g.rows() + r] = g.get(r, c).multiply(Rational.TWO);
                }
            }
        }
        return ExactAlgebra.column(out);
    }

    /** The Gram matrix M^T M or M M^T, whichever is smaller (same non-zero eigenvalues: sigma_i(M)^2). */
    public static Matrix<Rational> smallGram(Matrix<Rational> mat) {
        return mat.cols() <= mat.rows() ? mat.transpose().multiply(mat) : mat.multiply(mat.transpose());
    }

    /** The vector as a plain array. */
    public static Rational[] asArray(Matrix<Rational> column) {
        Rational[] v = new Rational[column.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = column.get(i, 0);
        }
        return v;
    }

    /** Is {@code a} a positive rational multiple of {@code b} (both column vectors, b non-zero)? Returns the multiple or null. */
    public static Rational positiveMultiple(Matrix<Rational> a, Matrix<Rational> b) {
        Rational c = null;
        for (int i = 0; i < b.rows(); i++) {
            if (b.get(i, 0).signum() != 0) {
                c = a.get(i, 0).divide(b.get(i, 0));
                break;
            }
        }
        if (c == null || c.signum() <= 0) {
            return null;
        }
        return a.equals(b.scale(c)) ? c : null;
    }
}
