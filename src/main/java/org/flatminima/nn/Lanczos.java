package org.flatminima.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Lanczos method with full reorthogonalisation for the extreme eigenvalues of a symmetric
 * operator. It targets the top of the spectrum by construction (the largest Ritz value), so a
 * negative eigenvalue of larger magnitude does not displace it, and it yields the bottom
 * eigenvalue from the same Krylov space.
 *
 * <p>Stopping rule, checked after each iteration k >= 2: the top Ritz value changed by at most
 * {@code tol} relative to itself, and its residual ||H v - theta v|| (which Lanczos gives as
 * beta_k |s_k|, no extra product) is at most sqrt(tol) |theta|, so the eigenvalue error, about the
 * squared residual over the spectral gap, is of order tol. The method also stops when the Krylov
 * space becomes invariant. The returned residual is recomputed with one extra product.
 */
public final class Lanczos {
    private Lanczos() {}

    /** The stopping rule in words, for results. */
    public static String rule(double tol) {
        return String.format(java.util.Locale.ROOT,
                "|theta_k - theta_{k-1}| <= %.3g |theta_k| and ||H v - theta v|| <= %.3g |theta_k| (Lanczos estimate)",
                tol, Math.sqrt(tol));
    }

    /**
     * Runs at most {@code maxIterations} iterations from a random start drawn with {@code seed}.
     * Stores {@code maxIterations} vectors of the operator's dimension (full reorthogonalisation).
     */
    public static Spectrum run(LinearOperator h, int maxIterations, double tol, long seed,
            Spectrum.Listener listener) {
        int n = h.dimension();
        int kMax = Math.max(1, Math.min(maxIterations, n));
        double[][] q = new double[kMax][];
        double[] alpha = new double[kMax];
        double[] beta = new double[kMax];
        q[0] = Spectrum.randomUnit(n, seed);
        double[] w = new double[n];
        double prevTop = Double.NaN;
        boolean converged = false;
        int k = 0;
        Ritz ritz = null;
        while (k < kMax) {
            h.apply(q[k], w);
            alpha[k] = Spectrum.dot(q[k], w);
            // Full reorthogonalisation, twice (classical Gram-Schmidt repeated is numerically orthogonal).
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j <= k; j++) {
                    double c = Spectrum.dot(q[j], w);
                    double[] qj = q[j];
                    for (int i = 0; i < n; i++) {
                        w[i] -= c * qj[i];
                    }
                }
            }
            double b = Spectrum.norm(w);
            beta[k] = b;
            k++;
            ritz = Ritz.of(alpha, beta, k);
            double top = ritz.values[k - 1];
            double resTop = b * Math.abs(ritz.vectors.get(k - 1, k - 1));
            listener.iteration(k, top, resTop);
            double scale = Math.max(Math.abs(top), Double.MIN_NORMAL);
            boolean invariant = b <= 1e3 * h.unitRoundoff() * Math.max(Math.abs(alpha[k - 1]), scale);
            if (invariant || (k >= 2 && Math.abs(top - prevTop) <= tol * scale && resTop <= Math.sqrt(tol) * scale)) {
                converged = true;
                break;
            }
            prevTop = top;
            if (k < kMax) {
                double[] next = new double[n];
                double inv = 1 / b;
                for (int i = 0; i < n; i++) {
                    next[i] = w[i] * inv;
                }
                q[k] = next;
            }
        }
        double[] top = ritz.vector(q, k, k - 1, n);
        double lambdaMax = ritz.values[k - 1];
        double lambdaMin = ritz.values[0];
        double resMin = beta[k - 1] * Math.abs(ritz.vectors.get(k - 1, 0));
        double residual = Spectrum.residual(h, top, lambdaMax);
        return new Spectrum("lanczos", lambdaMax, lambdaMin, top, residual, resMin, k + 1, k, converged, rule(tol));
    }

    /** Eigenvalues (ascending) and eigenvectors (columns) of the k x k tridiagonal matrix. */
    private record Ritz(double[] values, DMatrixRMaj vectors) {
        static Ritz of(double[] alpha, double[] beta, int k) {
            DMatrixRMaj t = new DMatrixRMaj(k, k);
            for (int i = 0; i < k; i++) {
                t.set(i, i, alpha[i]);
                if (i + 1 < k) {
                    t.set(i, i + 1, beta[i]);
                    t.set(i + 1, i, beta[i]);
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
            if (!eig.decompose(t)) {
                throw new ArithmeticException("tridiagonal eigen-decomposition failed");
            }
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(a).real, eig.getEigenvalue(b).real));
            double[] values = new double[k];
            DMatrixRMaj vectors = new DMatrixRMaj(k, k);
            for (int c = 0; c < k; c++) {
                values[c] = eig.getEigenvalue(order[c]).real;
                DMatrixRMaj v = eig.getEigenVector(order[c]);
                double norm = 0;
                for (int r = 0; r < k; r++) {
                    norm += v.get(r, 0) * v.get(r, 0);
                }
                norm = Math.sqrt(norm);
                for (int r = 0; r < k; r++) {
                    vectors.set(r, c, v.get(r, 0) / norm);
                }
            }
            return new Ritz(values, vectors);
        }

        double[] vector(double[][] q, int k, int column, int n) {
            double[] v = new double[n];
            for (int j = 0; j < k; j++) {
                double c = vectors.get(j, column);
                for (int i = 0; i < n; i++) {
                    v[i] += c * q[j][i];
                }
            }
            double s = 1 / Spectrum.norm(v);
            for (int i = 0; i < n; i++) {
                v[i] *= s;
            }
            return v;
        }
    }
}
