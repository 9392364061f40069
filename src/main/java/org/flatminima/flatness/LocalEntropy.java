package org.flatminima.flatness;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Local entropy around a reference w: for a relative radius d, the log of the fraction of points
 * w' = w + d ||w|| u (u uniform on the unit sphere) whose loss stays at or below a threshold, estimated
 * from K draws with a 95% Wilson score interval on the fraction (so a fraction of 0 still has a finite
 * upper end). Also the differentiable local free entropy with Gaussian coupling gamma at inverse
 * temperature beta, log E_z[exp(-beta (L(w + z / sqrt(gamma)) - L(w)))], by log-mean-exp with a
 * delta-method standard error. The same draws of directions are reused at every radius.
 */
public final class LocalEntropy {
    private static final double Z95 = 1.959963984540054;

    private LocalEntropy() {}

    /**
     * One point of the local entropy curve.
     *
     * @param distance d, the radius relative to ||w||
     * @param inside draws whose loss was at or below the threshold
     * @param draws K
     * @param logFraction log(inside / K), or negative infinity when none was inside
     * @param logLow log of the lower end of the 95% Wilson interval (negative infinity when it is 0)
     * @param logHigh log of the upper end of the 95% Wilson interval
     */
    public record Point(double distance, int inside, int draws, double logFraction, double logLow, double logHigh) {}

    /**
     * One point of the local free entropy.
     *
     * @param gamma the coupling (the perturbation has standard deviation 1 / sqrt(gamma) per weight)
     * @param value log-mean-exp of -beta (L(w') - L(w))
     * @param standardError delta-method standard error
     */
    public record FreePoint(double gamma, double value, double standardError, int draws) {}

    /** The local entropy curve at {@code w} (not modified). */
    public static List<Point> estimate(Objective loss, double[] w, double[] distances, double threshold, int draws, long seed) {
        if (draws < 1) {
            throw new IllegalArgumentException("at least 1 draw");
        }
        double scale = Gaussian.norm(w);
        int[] inside = new int[distances.length];
        double[] u = new double[w.length];
        double[] moved = new double[w.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < draws; k++) {
            do {
                Gaussian.fill(rnd, u);
            } while (Gaussian.norm(u) == 0);
            double nu = Gaussian.norm(u);
            for (int s = 0; s < distances.length; s++) {
                double r = distances[s] * scale / nu;
                for (int i = 0; i < w.length; i++) {
                    moved[i] = w[i] + r * u[i];
                }
                if (loss.value(moved) <= threshold) {
                    inside[s]++;
                }
            }
        }
        List<Point> out = new ArrayList<>();
        for (int s = 0; s < distances.length; s++) {
            double[] ci = wilson(inside[s], draws);
            out.add(new Point(distances[s], inside[s], draws, Math.log((double) inside[s] / draws), Math.log(ci[0]),
                    Math.log(ci[1])));
        }
        return out;
    }

    /** The local free entropy at each coupling {@code gammas} at inverse temperature {@code beta}. */
    public static List<FreePoint> freeEntropy(Objective loss, double[] w, double[] gammas, double beta, int draws, long seed) {
        if (draws < 2) {
            throw new IllegalArgumentException("at least 2 draws");
        }
        double base = loss.value(w);
        double[] z = new double[w.length];
        double[] moved = new double[w.length];
        double[][] e = new double[gammas.length][draws];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < draws; k++) {
            Gaussian.fill(rnd, z);
            for (int g = 0; g < gammas.length; g++) {
                double s = 1 / Math.sqrt(gammas[g]);
                for (int i = 0; i < w.length; i++) {
                    moved[i] = w[i] + s * z[i];
                }
                e[g][k] = -beta * (loss.value(moved) - base);
            }
        }
        List<FreePoint> out = new ArrayList<>();
        for (int g = 0; g < gammas.length; g++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : e[g]) {
                max = Math.max(max, v);
            }
            double[] shifted = new double[draws];
            for (int k = 0; k < draws; k++) {
                shifted[k] = Math.exp(e[g][k] - max);
            }
            double[] ms = Gaussian.meanAndStandardError(shifted);
            out.add(new FreePoint(gammas[g], max + Math.log(ms[0]), ms[1] / ms[0], draws));
        }
        return out;
    }

    /** The 95% Wilson score interval {lo, hi} of a binomial fraction. */
    static double[] wilson(int successes, int n) {
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
