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
     * Stores up to {@code maxIterations} vectors of the operator's dimension (full reorthogonalisation), in
     * float when the operator computes in float32.
     */
    public static Spectrum run(LinearOperator h, int maxIterations, double tol, long seed,
            Spectrum.Listener listener) {
        int n = h.dimension();
        int kMax = Math.max(1, Math.min(maxIterations, n));
        Basis q = new Basis(kMax, n, h.unitRoundoff() > 1e-10);
        double[] alpha = new double[kMax];
        double[] beta = new double[kMax];
        double[] current = Spectrum.randomUnit(n, seed);
        q.set(0, current);
        q.get(0, current);
        double[] w = new double[n];
        double prevTop = Double.NaN;
        boolean converged = false;
        int k = 0;
        Ritz ritz = null;
        while (k < kMax) {
            h.apply(current, w);
            alpha[k] = Spectrum.dot(current, w);
            // Full reorthogonalisation, twice (classical Gram-Schmidt repeated is numerically orthogonal).
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j <= k; j++) {
                    q.subtractProjection(j, w);
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
                double inv = 1 / b;
                for (int i = 0; i < n; i++) {
                    current[i] = w[i] * inv;
                }
                q.set(k, current);
                q.get(k, current);
            }
        }
        double[] top = ritz.vector(q, k, k - 1, n);
        double lambdaMax = ritz.values[k - 1];
        double lambdaMin = ritz.values[0];
        double resMin = beta[k - 1] * Math.abs(ritz.vectors.get(k - 1, 0));
        double residual = Spectrum.residual(h, top, lambdaMax);
        return new Spectrum("lanczos", lambdaMax, lambdaMin, top, residual, resMin, k + 1, k, converged, rule(tol));
    }

    /**
     * The Lanczos vectors, stored in double, or in float when the operator itself rounds to float32
     * (its products cannot resolve more, and the basis then takes half the memory).
     */
    static final class Basis {
        private final double[][] wide;
        private final float[][] narrow;

        Basis(int k, int n, boolean single) {
            wide = single ? null : new double[k][];
            narrow = single ? new float[k][] : null;
        }

        /** Stores {@code v} as vector {@code j}. */
        void set(int j, double[] v) {
            if (wide != null) {
                wide[j] = v.clone();
            } else {
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                narrow[j] = f;
            }
        }

        /** Copies vector {@code j} into {@code out} (modified). */
        void get(int j, double[] out) {
            if (wide != null) {
                System.arraycopy(wide[j], 0, out, 0, out.length);
            } else {
                float[] f = narrow[j];
                for (int i = 0; i < out.length; i++) {
                    out[i] = f[i];
                }
            }
        }

        /** w = w - (q_j . w) q_j ({@code w} modified). */
        void subtractProjection(int j, double[] w) {
            if (wide != null) {
                double[] q = wide[j];
                double c = Spectrum.dot(q, w);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= c * q[i];
                }
            } else {
                float[] q = narrow[j];
                double c = 0;
                for (int i = 0; i < w.length; i++) {
                    c += q[i] * w[i];
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] -= c * q[i];
                }
            }
        }

        /** out = out + c q_j ({@code out} modified). */
        void addTo(int j, double c, double[] out) {
            if (wide != null) {
                double[] q = wide[j];
                for (int i = 0; i < out.length; i++) {
                    out[i] += c * q[i];
                }
            } else {
                float[] q = narrow[j];
                for (int i = 0; i < out.length; i++) {
                    out[i] += c * q[i];
                }
            }
        }
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

        double[] vector(Basis q, int k, int column, int n) {
            double[] v = new double[n];
            for (int j = 0; j < k; j++) {
                q.addTo(j, vectors.get(j, column), v);
            }
            double s = 1 / Spectrum.norm(v);
            for (int i = 0; i < n; i++) {
                v[i] *= s;
            }
            return v;
        }
    }
}
