package org.flatminima.nn;

/**
 * Power iteration that targets the top of the spectrum. Plain power iteration finds the eigenvalue
 * of largest magnitude mu, which away from a minimum can be a negative one. So: phase 1 finds mu;
 * if mu >= 0 it is lambda_max, and phase 2 iterates on H - mu I (spectrum in [lambda_min - mu, 0])
 * to find lambda_min; if mu < 0 it is lambda_min, and phase 2 iterates on H - mu I (spectrum in
 * [0, lambda_max - mu]) to find lambda_max.
 *
 * <p>Stopping rule per phase: the Rayleigh quotient changed by at most {@code tol} relative to
 * itself and the residual ||(H - shift) v - theta v|| is at most sqrt(tol) |theta|.
 */
public final class PowerIteration {
    private PowerIteration() {}

    /** The stopping rule in words. */
    public static String rule(double tol) {
        return String.format(java.util.Locale.ROOT,
                "per phase: |theta_k - theta_{k-1}| <= %.3g |theta_k| and ||(H - shift) v - theta v|| <= %.3g |theta_k|",
                tol, Math.sqrt(tol));
    }

    /** One phase's outcome: the dominant eigenvalue of H - shift, its vector and residual. */
    public record Phase(double value, double[] vector, double residual, int iterations, boolean converged) {}

    /**
     * Dominant eigenvalue of H - shift I by at most {@code maxIterations} products from a random
     * start drawn with {@code seed}.
     */
    public static Phase dominant(LinearOperator h, double shift, int maxIterations, double tol, long seed,
            Spectrum.Listener listener, int iterationOffset) {
        int n = h.dimension();
        double[] v = Spectrum.randomUnit(n, seed);
        double[] w = new double[n];
        double theta = Double.NaN;
        double prev = Double.NaN;
        double res = Double.NaN;
        int k = 0;
        boolean converged = false;
        while (k < maxIterations) {
            h.apply(v, w);
            if (shift != 0) {
                for (int i = 0; i < n; i++) {
                    w[i] -= shift * v[i];
                }
            }
            k++;
            theta = Spectrum.dot(v, w);
            double r = 0;
            for (int i = 0; i < n; i++) {
                double e = w[i] - theta * v[i];
                r += e * e;
            }
            res = Math.sqrt(r);
            listener.iteration(iterationOffset + k, theta + shift, res);
            double scale = Math.max(Math.abs(theta), Double.MIN_NORMAL);
            double wn = Spectrum.norm(w);
            if (wn == 0) {
                converged = true;
                break;
            }
            if ((k >= 2 && Math.abs(theta - prev) <= tol * scale && res <= Math.sqrt(tol) * scale)) {
                converged = true;
                break;
            }
            prev = theta;
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / wn;
            }
        }
        return new Phase(theta, v, res, k, converged);
    }

    /**
     * Both extreme eigenvalues, each phase limited to {@code maxIterations} products; the result's
     * residual for lambda_max is recomputed with one extra product.
     */
    public static Spectrum run(LinearOperator h, int maxIterations, double tol, long seed,
            Spectrum.Listener listener) {
        Phase first = dominant(h, 0, maxIterations, tol, seed, listener, 0);
        double mu = first.value();
        Phase second = dominant(h, mu, maxIterations, tol, seed + 1, (i, l, r) -> { }, first.iterations());
        double lambdaMax;
        double lambdaMin;
        double[] top;
        double resMin;
        if (mu >= 0) {
            lambdaMax = mu;
            top = first.vector();
            lambdaMin = second.value() + mu;
            resMin = second.residual();
        } else {
            lambdaMin = mu;
            resMin = first.residual();
            lambdaMax = second.value() + mu;
            top = second.vector();
        }
        int iterations = first.iterations() + second.iterations();
        double residual = Spectrum.residual(h, top, lambdaMax);
        return new Spectrum("power", lambdaMax, lambdaMin, top, residual, resMin, iterations + 1, iterations,
                first.converged() && second.converged(), rule(tol));
    }
}
