package org.flatminima.nn;

/**
 * The extreme eigenvalues of a symmetric operator as an iterative method estimated them.
 *
 * @param method "lanczos" or "power"
 * @param lambdaMax the largest algebraic eigenvalue estimate
 * @param lambdaMin the smallest algebraic eigenvalue estimate
 * @param eigenvector a unit vector for {@code lambdaMax}
 * @param residualMax ||H v - lambdaMax v|| for {@code eigenvector}, computed with one extra product
 * @param residualMinEstimate the method's own estimate of ||H u - lambdaMin u|| for the bottom vector
 * @param products the number of operator products used, the extra residual product included
 * @param iterations iterations of the method (products excluding the residual check)
 * @param converged whether the stopping rule was met before the iteration limit
 * @param stoppingRule the rule, stated in words with its tolerance
 */
public record Spectrum(String method, double lambdaMax, double lambdaMin, double[] eigenvector, double residualMax,
        double residualMinEstimate, int products, int iterations, boolean converged, String stoppingRule) {

    /** Called after each iteration with the current top estimate and its residual (estimate). */
    @FunctionalInterface
    public interface Listener {
        void iteration(int iteration, double lambdaMax, double residual);

        /** A listener that does nothing. */
        Listener NONE = (i, l, r) -> { };
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] randomUnit(int n, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        double s = 1 / norm(v);
        for (int i = 0; i < n; i++) {
            v[i] *= s;
        }
        return v;
    }

    /** ||H v - lambda v|| with one product (v unit). */
    static double residual(LinearOperator h, double[] v, double lambda) {
        double[] hv = new double[v.length];
        h.apply(v, hv);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double r = hv[i] - lambda * v[i];
            s += r * r;
        }
        return Math.sqrt(s);
    }
}
