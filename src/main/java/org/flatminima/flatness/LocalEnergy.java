package org.flatminima.flatness;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Local energy delta E(w, sigma) = E_z[L(w + sigma z * w)] - L(w), z standard normal, * elementwise
 * (multiplicative noise, so rescalings that leave the function unchanged leave it unchanged too).
 * Estimated by K draws of z; the same draws are reused at every sigma (common random numbers, so the
 * curve is smooth in sigma); each point carries its standard error sd / sqrt(K).
 */
public final class LocalEnergy {
    private LocalEnergy() {}

    /**
     * One point of the curve.
     *
     * @param sigma the relative noise level
     * @param mean the Monte-Carlo mean of L(w + sigma z * w) - L(w)
     * @param standardError sample standard deviation / sqrt(draws)
     * @param draws K
     */
    public record Point(double sigma, double mean, double standardError, int draws) {}

    /** The curve over {@code sigmas} at {@code w} (not modified), with {@code draws} draws from {@code seed}. */
    public static List<Point> estimate(Objective loss, double[] w, double[] sigmas, int draws, long seed) {
        if (draws < 2) {
            throw new IllegalArgumentException("at least 2 draws");
        }
        double base = loss.value(w);
        double[][] values = new double[sigmas.length][draws];
        double[] z = new double[w.length];
        double[] moved = new double[w.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < draws; k++) {
            Gaussian.fill(rnd, z);
            for (int s = 0; s < sigmas.length; s++) {
                for (int i = 0; i < w.length; i++) {
                    moved[i] = w[i] + sigmas[s] * z[i] * w[i];
                }
                values[s][k] = loss.value(moved) - base;
            }
        }
        List<Point> out = new ArrayList<>();
        for (int s = 0; s < sigmas.length; s++) {
            double[] mv = Gaussian.meanAndStandardError(values[s]);
            out.add(new Point(sigmas[s], mv[0], mv[1], draws));
        }
        return out;
    }
}
