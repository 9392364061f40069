package org.flatminima.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * The Lanczos vectors in float32 for float32 operators (float64 recurrence), the chunked Gram-Schmidt sweeps
 * over vectors longer than one chunk, and the chunk-ordered sums that make results independent of the thread
 * count.
 */
class LanczosSweepTest extends QuietTest {
    /** diag(values) on vectors of length n (values repeated), computing in float32 when {@code single}. */
    static LinearOperator diagonal(double[] d, boolean single) {
        return new LinearOperator() {
            @Override
            public int dimension() {
                return d.length;
            }

            @Override
            public void apply(double[] v, double[] out) {
                for (int i = 0; i < d.length; i++) {
                    out[i] = single ? (float) ((float) d[i] * (float) v[i]) : d[i] * v[i];
                }
            }

            @Override
            public double unitRoundoff() {
                return single ? 0x1p-24 : 0x1p-53;
            }

            @Override
            public boolean single() {
                return single;
            }

            @Override
            public void applyFloat(float[] v, float[] out) {
                for (int i = 0; i < d.length; i++) {
                    out[i] = (float) d[i] * v[i];
                }
            }
        };
    }

    /** A spectrum in [-1, 1] with a top eigenvalue 2 and a gap, on more entries than three chunks hold. */
    static double[] spectrum(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d = new double[3 * Lanczos.CHUNK + 17];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble(-1, 1);
        }
        d[rnd.nextInt(d.length)] = 2;
        d[rnd.nextInt(d.length)] = -1.5;
        return d;
    }

    @Test
    void floatVectorsFindTheTopAsTheDoublePathDoes() {
        for (long seed : new long[] {1, 2, 3}) {
            double[] d = spectrum(seed);
            Spectrum wide = Lanczos.run(diagonal(d, false), 60, 1e-10, seed, Spectrum.Listener.NONE);
            Spectrum narrow = Lanczos.run(diagonal(d, true), 60, 1e-6, seed, Spectrum.Listener.NONE);
            assertEquals(2, wide.lambdaMax(), 1e-8, "seed " + seed);
            assertEquals(2, narrow.lambdaMax(), 1e-5, "seed " + seed);
            assertEquals(-1.5, wide.lambdaMin(), 1e-3, "seed " + seed);
            // The recomputed residual of the returned vector is small: the float basis stayed orthogonal enough.
            assertTrue(narrow.residualMax() < 1e-2, "seed " + seed + ": residual " + narrow.residualMax());
            assertTrue(narrow.converged(), "seed " + seed);
        }
    }

    @Test
    void negativeControlTooFewIterationsMissTheTop() {
        double[] d = spectrum(4);
        Spectrum s = Lanczos.run(diagonal(d, true), 2, 1e-12, 4, Spectrum.Listener.NONE);
        assertTrue(Math.abs(s.lambdaMax() - 2) > 1e-3, "two iterations cannot resolve the top: " + s.lambdaMax());
        assertTrue(!s.converged());
    }

    @Test
    void chunkOrderedSumsDoNotDependOnTheThreads() {
        double[] x = new double[10_000];
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble() * Math.pow(10, rnd.nextInt(-8, 8));
        }
        int chunks = 100;
        double parallel = Parallel.sum(chunks, c -> {
            double s = 0;
            for (int i = c * 100; i < (c + 1) * 100; i++) {
                s += x[i];
            }
            return s;
        });
        double sequential = 0;
        for (int c = 0; c < chunks; c++) {
            double s = 0;
            for (int i = c * 100; i < (c + 1) * 100; i++) {
                s += x[i];
            }
            sequential += s;
        }
        assertEquals(sequential, parallel, 0.0);
        assertTrue(Parallel.threads() >= 1);
    }
}
