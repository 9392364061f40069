package org.flatminima.regression;

import java.util.SplittableRandom;
import org.flatminima.linalg.DoubleEigen;

/**
 * Sigma = X^T X / n and the least-squares solution w* of a regression y = X w* without noise.
 *
 * @param sigma d x d
 * @param wStar length d
 * @param description how it was drawn
 */
public record RegressionData(double[][] sigma, double[] wStar, String description) {

    public int dimension() {
        return wStar.length;
    }

    /**
     * X with n rows drawn from N(0, C), C having eigenvalues spaced geometrically from 1 down to 1/kappa in a
     * random basis; w* a random unit vector; y = X w*. Sigma's own condition number is measured, not assumed.
     */
    public static RegressionData synthetic(int d, int n, double kappa, long seed) {
        if (n < d) {
            throw new IllegalArgumentException("n >= d required");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] basis = DoubleEigen.approxSymmetric(gram(gaussian(rnd, d, d))).vectors();
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double scale = Math.pow(kappa, -0.5 * k / Math.max(1, d - 1)) * gaussianValue(rnd);
                for (int j = 0; j < d; j++) {
                    x[i][j] += scale * basis[j][k];
                }
            }
        }
        double[][] sigma = gram(x);
        for (double[] row : sigma) {
            for (int j = 0; j < d; j++) {
                row[j] /= n;
            }
        }
        double[] w = new double[d];
        double norm = 0;
        for (int j = 0; j < d; j++) {
            w[j] = gaussianValue(rnd);
            norm += w[j] * w[j];
        }
        for (int j = 0; j < d; j++) {
            w[j] /= Math.sqrt(norm);
        }
        return new RegressionData(sigma, w, "synthetic: d = " + d + ", n = " + n + ", population kappa = " + kappa
                + ", ||w*|| = 1, seed " + seed);
    }

    /** w*^T Sigma w* / ||w*||^2. */
    public double a() {
        double q = 0;
        double n2 = 0;
        for (int i = 0; i < wStar.length; i++) {
            n2 += wStar[i] * wStar[i];
            for (int j = 0; j < wStar.length; j++) {
                q += wStar[i] * sigma[i][j] * wStar[j];
            }
        }
        return q / n2;
    }

    public double normWStar() {
        double s = 0;
        for (double v : wStar) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Eigenvalues of Sigma, largest first. */
    public double[] sigmaEigenvalues() {
        return DoubleEigen.approxSymmetric(sigma).values();
    }

    /** Marion and Chizat's lower bound 2 L a ||w*||^(2-2/L). */
    public double lowerBound(int depth) {
        return 2.0 * depth * a() * Math.pow(normWStar(), 2 - 2.0 / depth);
    }

    /** The constant of the authors' code, 8 L lambda_max(Sigma) ||w*||^(2-2/L) (||w*|| = 1 there). */
    public double authorsUpperConstant(int depth) {
        return 8.0 * depth * sigmaEigenvalues()[0] * Math.pow(normWStar(), 2 - 2.0 / depth);
    }

    static double[][] gaussian(SplittableRandom rnd, int r, int c) {
        double[][] g = new double[r][c];
        for (double[] row : g) {
            for (int j = 0; j < c; j++) {
                row[j] = gaussianValue(rnd);
            }
        }
        return g;
    }

    static double gaussianValue(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** X^T X. */
    static double[][] gram(double[][] x) {
        int d = x[0].length;
        double[][] g = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    g[i][j] += row[i] * row[j];
                }
            }
        }
        return g;
    }
}
