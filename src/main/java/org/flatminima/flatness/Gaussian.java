package org.flatminima.flatness;

import java.util.SplittableRandom;

/** Standard normal draws (Box-Muller) and sample statistics shared by the estimators. */
final class Gaussian {
    private Gaussian() {}

    /** Fills {@code z} (modified) with independent standard normal draws. */
    static void fill(SplittableRandom rnd, double[] z) {
        for (int i = 0; i < z.length; i += 2) {
            double u = 1 - rnd.nextDouble();
            double v = rnd.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u));
            z[i] = r * Math.cos(2 * Math.PI * v);
            if (i + 1 < z.length) {
                z[i + 1] = r * Math.sin(2 * Math.PI * v);
            }
        }
    }

    /** {mean, sd / sqrt(n)} of {@code x}. */
    static double[] meanAndStandardError(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (x.length - 1) / x.length)};
    }

    /** Euclidean norm. */
    static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
