package org.flatminima.nn;

import java.util.SplittableRandom;

/**
 * Hutchinson's estimate of the trace of a symmetric operator: the mean of z^T H z over random
 * Rademacher vectors z (entries +-1), with its standard error.
 */
public final class Hutchinson {
    private Hutchinson() {}

    /**
     * @param trace the sample mean of z^T H z
     * @param standardError the sample standard deviation over sqrt(samples) (NaN for one sample)
     * @param samples the number of probe vectors (one product each)
     */
    public record Estimate(double trace, double standardError, int samples) {}

    /** Estimates the trace from {@code samples} probes drawn with {@code seed}. */
    public static Estimate estimate(LinearOperator h, int samples, long seed) {
        int n = h.dimension();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] z = new double[n];
        double[] hz = new double[n];
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i++) {
                z[i] = rnd.nextBoolean() ? 1 : -1;
            }
            h.apply(z, hz);
            double q = Spectrum.dot(z, hz);
            sum += q;
            sumSq += q * q;
        }
        double mean = sum / samples;
        double var = samples > 1 ? (sumSq - samples * mean * mean) / (samples - 1) : Double.NaN;
        return new Estimate(mean, samples > 1 ? Math.sqrt(Math.max(var, 0) / samples) : Double.NaN, samples);
    }
}
