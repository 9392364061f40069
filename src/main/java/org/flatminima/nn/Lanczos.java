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
    /** A reorthogonalisation sweep is repeated when it leaves less than this fraction of the norm. */
    static final double REPEAT_BELOW = Math.sqrt(0.5);
    /** Entries per chunk of the fused sweeps: a chunk of w stays in cache while every basis vector passes. */
    static final int CHUNK = 8192;

    private Lanczos() {}

    /** The stopping rule in words, for results. */
    public static String rule(double tol) {
        return String.format(java.util.Locale.ROOT,
                "|theta_k - theta_{k-1}| <= %.3g |theta_k| and ||H v - theta v|| <= %.3g |theta_k| (Lanczos estimate)",
                tol, Math.sqrt(tol));
    }

    /**
     * Runs at most {@code maxIterations} iterations from a random start drawn with {@code seed}.
     * Stores up to {@code maxIterations} vectors of the operator's dimension (full reorthogonalisation). When
     * the operator computes in float32 ({@link LinearOperator#single()}) the vectors are float32 end to end (the
     * products cannot resolve more, and the basis and every sweep over it then take half the memory and
     * bandwidth) while the recurrence's coefficients, inner products and norms are accumulated in float64.
     */
    public static Spectrum run(LinearOperator h, int maxIterations, double tol, long seed,
            Spectrum.Listener listener) {
        int n = h.dimension();
        int kMax = Math.max(1, Math.min(maxIterations, n));
        Work q = h.single() ? new FloatWork(h, kMax) : new DoubleWork(h, kMax);
        q.start(Spectrum.randomUnit(n, seed));
        double[] alpha = new double[kMax];
        double[] beta = new double[kMax];
        double prevTop = Double.NaN;
        boolean converged = false;
        int k = 0;
        Ritz ritz = null;
        while (k < kMax) {
            q.apply();
            alpha[k] = q.alpha();
            // The three-term recurrence, then full reorthogonalisation against every stored vector by classical
            // Gram-Schmidt in one fused sweep, repeated only when it removed more than 1 - 1/sqrt(2) of the norm
            // (the DGKS criterion: "twice is enough").
            double before = q.localRecurrence(k, alpha[k], k > 0 ? beta[k - 1] : 0);
            double b = q.norm();
            for (int pass = 0; pass < 2 && (pass == 0 || b < before * REPEAT_BELOW); pass++) {
                before = b;
                q.orthogonalise(k + 1);
                b = q.norm();
            }
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
                q.advance(k, b);
            }
        }
        double[] top = q.combination(ritz.vectors, k, k - 1);
        double lambdaMax = ritz.values[k - 1];
        double lambdaMin = ritz.values[0];
        double resMin = beta[k - 1] * Math.abs(ritz.vectors.get(k - 1, 0));
        double residual = Spectrum.residual(h, top, lambdaMax);
        return new Spectrum("lanczos", lambdaMax, lambdaMin, top, residual, resMin, k + 1, k, converged, rule(tol));
    }

    /** The chunks of a vector of length n. */
    static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    /**
     * The Lanczos vectors q_0.., the current one and the work vector w, with the sweeps one iteration makes over
     * them; every sweep runs chunk by chunk on {@link Parallel#threads()} and adds its partial sums in chunk order.
     */
    abstract static class Work {
        final LinearOperator h;
        final int n;
        final int chunks;

        Work(LinearOperator h) {
            this.h = h;
            this.n = h.dimension();
            this.chunks = chunks(n);
        }

        /** Sets q_0 = {@code v} (unit). */
        abstract void start(double[] v);

        /** w = H q_k. */
        abstract void apply();

        /** q_k . w. */
        abstract double alpha();

        /** w = w - alpha q_k - beta q_{k-1}; returns ||w|| before. */
        abstract double localRecurrence(int k, double alpha, double beta);

        /** ||w||. */
        abstract double norm();

        /** w = w - Q (Q^T w) over q_0..q_{count-1} (classical Gram-Schmidt, two fused sweeps). */
        abstract void orthogonalise(int count);

        /** q_k = w / beta becomes the current vector. */
        abstract void advance(int k, double beta);

        /** sum_j s_{j,column} q_j, normalised, in double. */
        abstract double[] combination(DMatrixRMaj s, int k, int column);

        final int lo(int c) {
            return c * CHUNK;
        }

        final int hi(int c) {
            return Math.min(n, (c + 1) * CHUNK);
        }

        /** The per-chunk coefficient sums of the first sweep, added in chunk order. */
        final double[] coefficients(int count, java.util.function.BiConsumer<Integer, double[]> chunkDots) {
            double[][] parts = new double[chunks][count];
            Parallel.forEach(chunks, c -> chunkDots.accept(c, parts[c]));
            double[] coef = new double[count];
            for (double[] part : parts) {
                for (int j = 0; j < count; j++) {
                    coef[j] += part[j];
                }
            }
            return coef;
        }

        static double[] normalised(double[] v) {
            double s = 1 / Spectrum.norm(v);
            for (int i = 0; i < v.length; i++) {
                v[i] *= s;
            }
            return v;
        }
    }

    /** Vectors in float64, for operators that compute in float64. */
    static final class DoubleWork extends Work {
        private final double[][] basis;
        private double[] current;
        private final double[] w;

        DoubleWork(LinearOperator h, int kMax) {
            super(h);
            basis = new double[kMax][];
            w = new double[n];
        }

        @Override
        void start(double[] v) {
            current = v.clone();
            basis[0] = current;
        }

        @Override
        void apply() {
            h.apply(current, w);
        }

        @Override
        double alpha() {
            return Parallel.sum(chunks, c -> dot(current, w, lo(c), hi(c)));
        }

        @Override
        double localRecurrence(int k, double alpha, double beta) {
            double before = norm();
            double[] prev = k > 0 ? basis[k - 1] : null;
            Parallel.forEach(chunks, c -> {
                for (int i = lo(c); i < hi(c); i++) {
                    w[i] -= alpha * current[i] + (prev == null ? 0 : beta * prev[i]);
                }
            });
            return before;
        }

        @Override
        double norm() {
            return Math.sqrt(Parallel.sum(chunks, c -> dot(w, w, lo(c), hi(c))));
        }

        @Override
        void orthogonalise(int count) {
            double[] coef = coefficients(count, (c, part) -> {
                for (int j = 0; j < count; j++) {
                    part[j] = dot(basis[j], w, lo(c), hi(c));
                }
            });
            Parallel.forEach(chunks, c -> {
                for (int j = 0; j < count; j++) {
                    double cj = coef[j];
                    double[] q = basis[j];
                    for (int i = lo(c); i < hi(c); i++) {
                        w[i] -= cj * q[i];
                    }
                }
            });
        }

        @Override
        void advance(int k, double beta) {
            double inv = 1 / beta;
            double[] next = new double[n];
            Parallel.forEach(chunks, c -> {
                for (int i = lo(c); i < hi(c); i++) {
                    next[i] = w[i] * inv;
                }
            });
            basis[k] = next;
            current = next;
        }

        @Override
        double[] combination(DMatrixRMaj s, int k, int column) {
            double[] v = new double[n];
            for (int j = 0; j < k; j++) {
                double c = s.get(j, column);
                double[] q = basis[j];
                for (int i = 0; i < n; i++) {
                    v[i] += c * q[i];
                }
            }
            return normalised(v);
        }

        private static double dot(double[] a, double[] b, int lo, int hi) {
            double s = 0;
            for (int i = lo; i < hi; i++) {
                s += a[i] * b[i];
            }
            return s;
        }
    }

    /**
     * Vectors in float32 for operators that compute in float32: the products go in and out as float32 with no
     * conversion, and every inner product and norm is accumulated in float64.
     */
    static final class FloatWork extends Work {
        private final float[][] basis;
        private float[] current;
        private final float[] w;

        FloatWork(LinearOperator h, int kMax) {
            super(h);
            basis = new float[kMax][];
            w = new float[n];
        }

        @Override
        void start(double[] v) {
            current = new float[n];
            for (int i = 0; i < n; i++) {
                current[i] = (float) v[i];
            }
            double s = 1 / Math.sqrt(dot(current, current, 0, n));
            for (int i = 0; i < n; i++) {
                current[i] = (float) (current[i] * s);
            }
            basis[0] = current;
        }

        @Override
        void apply() {
            h.applyFloat(current, w);
        }

        @Override
        double alpha() {
            return Parallel.sum(chunks, c -> dot(current, w, lo(c), hi(c)));
        }

        @Override
        double localRecurrence(int k, double alpha, double beta) {
            double before = norm();
            float[] prev = k > 0 ? basis[k - 1] : null;
            Parallel.forEach(chunks, c -> {
                if (prev == null) {
                    for (int i = lo(c); i < hi(c); i++) {
                        w[i] = (float) (w[i] - alpha * current[i]);
                    }
                } else {
                    for (int i = lo(c); i < hi(c); i++) {
                        w[i] = (float) (w[i] - alpha * current[i] - beta * prev[i]);
                    }
                }
            });
            return before;
        }

        @Override
        double norm() {
            return Math.sqrt(Parallel.sum(chunks, c -> dot(w, w, lo(c), hi(c))));
        }

        @Override
        void orthogonalise(int count) {
            double[] coef = coefficients(count, (c, part) -> {
                for (int j = 0; j < count; j++) {
                    part[j] = dot(basis[j], w, lo(c), hi(c));
                }
            });
            Parallel.forEach(chunks, c -> {
                for (int j = 0; j < count; j++) {
                    float cj = (float) coef[j];
                    float[] q = basis[j];
                    for (int i = lo(c); i < hi(c); i++) {
                        w[i] -= cj * q[i];
                    }
                }
            });
        }

        @Override
        void advance(int k, double beta) {
            double inv = 1 / beta;
            float[] next = new float[n];
            Parallel.forEach(chunks, c -> {
                for (int i = lo(c); i < hi(c); i++) {
                    next[i] = (float) (w[i] * inv);
                }
            });
            basis[k] = next;
            current = next;
        }

        @Override
        double[] combination(DMatrixRMaj s, int k, int column) {
            double[] v = new double[n];
            for (int j = 0; j < k; j++) {
                double c = s.get(j, column);
                float[] q = basis[j];
                for (int i = 0; i < n; i++) {
                    v[i] += c * q[i];
                }
            }
            return normalised(v);
        }

        private static double dot(float[] a, float[] b, int lo, int hi) {
            double s = 0;
            for (int i = lo; i < hi; i++) {
                s += (double) a[i] * b[i];
            }
            return s;
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
    }
}
