package org.flatminima.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Dataset;
import org.flatminima.nn.Activation;
import org.flatminima.nn.LossScale;
import org.flatminima.nn.Network;
import org.flatminima.nn.Precision;
import org.flatminima.nn.Sharpness;
import org.flatminima.nn.Spectrum;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** The flatness measures on quadratics (where their values are known) and on a small network. */
class FlatnessTest extends QuietTest {
    static final double[] SIGMAS = {0.01, 0.05, 0.2};

    /** L(w) = base + sum h_i (w_i - c_i)^2. */
    static Objective quadratic(double base, double[] h, double[] c) {
        return w -> {
            double s = base;
            for (int i = 0; i < w.length; i++) {
                s += h[i] * (w[i] - c[i]) * (w[i] - c[i]);
            }
            return s;
        };
    }

    static double[] draw(SplittableRandom rnd, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return x;
    }

    @Test
    void localEnergyOfAQuadraticMatchesItsExpectation() {
        // at the minimum c, dE = sigma^2 sum h_i c_i^2 z_i^2, whose expectation is sigma^2 sum h_i c_i^2
        Property.forAll("localEnergyOfAQuadraticMatchesItsExpectation", 20, 4401L, rnd -> {
            int n = rnd.nextInt(1, 30);
            double[] h = draw(rnd, n, 0.1, 5);
            double[] c = draw(rnd, n, -2, 2);
            double exact = 0;
            for (int i = 0; i < n; i++) {
                exact += h[i] * c[i] * c[i];
            }
            for (LocalEnergy.Point p : LocalEnergy.estimate(quadratic(0, h, c), c, SIGMAS, 400, rnd.nextLong())) {
                double expected = p.sigma() * p.sigma() * exact;
                assertTrue(Math.abs(p.mean() - expected) <= 5 * p.standardError() + 1e-12 * expected,
                        "sigma " + p.sigma() + ": " + p.mean() + " +- " + p.standardError() + " vs " + expected);
            }
        });
    }

    @Test
    void sharperQuadraticHasLargerLocalEnergyAndSmallerLocalEntropy() {
        SplittableRandom rnd = new SplittableRandom(4402L);
        int n = 20;
        double[] h = draw(rnd, n, 0.5, 2);
        double[] sharp = h.clone();
        for (int i = 0; i < n; i++) {
            sharp[i] *= 4;
        }
        double[] c = draw(rnd, n, 0.5, 2);
        List<LocalEnergy.Point> ef = LocalEnergy.estimate(quadratic(1, h, c), c, SIGMAS, 200, 7L);
        List<LocalEnergy.Point> es = LocalEnergy.estimate(quadratic(1, sharp, c), c, SIGMAS, 200, 7L);
        for (int i = 0; i < SIGMAS.length; i++) {
            assertEquals(Ordering.FIRST_FLATTER, Ordering.bySharpness(ef.get(i).mean(), ef.get(i).standardError(),
                    es.get(i).mean(), es.get(i).standardError(), 2));
        }
        double[] d = {0.05, 0.1, 0.2, 0.4};
        List<LocalEntropy.Point> nf = LocalEntropy.estimate(quadratic(1, h, c), c, d, 1.2, 300, 9L);
        List<LocalEntropy.Point> ns = LocalEntropy.estimate(quadratic(1, sharp, c), c, d, 1.2, 300, 9L);
        boolean somewhereDecided = false;
        for (int i = 0; i < d.length; i++) {
            assertTrue(nf.get(i).inside() >= ns.get(i).inside(), "radius " + d[i]); // same directions: pointwise
            Ordering o = Ordering.byFlatnessIntervals(nf.get(i).logLow(), nf.get(i).logHigh(), ns.get(i).logLow(), ns.get(i).logHigh());
            assertTrue(o != Ordering.SECOND_FLATTER);
            somewhereDecided |= o == Ordering.FIRST_FLATTER;
        }
        assertTrue(somewhereDecided, "no radius separates the two quadratics");
    }

    @Test
    void localEntropyOfAnIsotropicQuadraticIsAllOrNothing() {
        // L = 1 + h ||w - c||^2 is exactly 1 + h (d ||c||)^2 on the sphere: inside iff that is <= the threshold
        double[] c = {3, 4}; // ||c|| = 5
        double h = 2;
        double[] d = {0.1, 0.19, 0.21, 0.5}; // h (5d)^2 = 0.5, 1.805, 2.205, 12.5; threshold 1 + 2
        List<LocalEntropy.Point> pts = LocalEntropy.estimate(quadratic(1, new double[] {h, h}, c), c, d, 3, 50, 3L);
        int[] expected = {50, 50, 0, 0};
        for (int i = 0; i < d.length; i++) {
            assertEquals(expected[i], pts.get(i).inside(), "radius " + d[i]);
        }
        assertEquals(0.0, pts.get(0).logFraction());
        assertTrue(pts.get(3).logFraction() == Double.NEGATIVE_INFINITY && Double.isFinite(pts.get(3).logHigh())
                && pts.get(3).logHigh() < Math.log(0.1));
    }

    @Test
    void freeEntropyOfAQuadraticMatchesTheGaussianIntegral() {
        // log E exp(-beta h sum z_i^2 / gamma) = -(n/2) log(1 + 2 beta h / gamma)
        double[] c = {1, -1, 2, 0.5};
        double h = 0.3;
        double beta = 1;
        List<LocalEntropy.FreePoint> pts = LocalEntropy.freeEntropy(quadratic(0, new double[] {h, h, h, h}, c), c,
                new double[] {1, 4, 16}, beta, 4000, 5L);
        for (LocalEntropy.FreePoint p : pts) {
            double exact = -2 * Math.log(1 + 2 * beta * h / p.gamma());
            assertTrue(Math.abs(p.value() - exact) <= 5 * p.standardError(), p.gamma() + ": " + p.value() + " vs " + exact);
        }
    }

    @Test
    void negativeControlNoOrderIsInventedBetweenAMinimumAndItself() {
        double[] h = {1, 2, 3};
        double[] c = {1, 1, 1};
        List<LocalEnergy.Point> a = LocalEnergy.estimate(quadratic(1, h, c), c, SIGMAS, 50, 11L);
        List<LocalEnergy.Point> b = LocalEnergy.estimate(quadratic(1, h, c), c, SIGMAS, 50, 12L);
        for (int i = 0; i < SIGMAS.length; i++) {
            assertEquals(Ordering.UNDECIDED, Ordering.bySharpness(a.get(i).mean(), a.get(i).standardError(),
                    b.get(i).mean(), b.get(i).standardError(), 2));
        }
        // and an ordering claimed against the evidence is caught: the flat one is never "second flatter"
        assertEquals(Ordering.SECOND_FLATTER, Ordering.bySharpness(2, 0.1, 1, 0.1, 2));
    }

    @Test
    void multiplicativeNoiseIsBlindToLayerRescalingButLambdaMaxIsNot() {
        SplittableRandom rnd = new SplittableRandom(4403L);
        Network net = new Network(new int[] {3, 4, 2}, Activation.LINEAR, false);
        int n = 12;
        Dataset data = new Dataset(n, 3, 2, draw(rnd, n * 3, -1, 1), draw(rnd, n * 2, -1, 1), "random", Map.of());
        double[] w = draw(rnd, net.parameterCount(), -1, 1);
        double[] scaled = w.clone();
        int o2 = net.weightOffset(2);
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= i < o2 ? 3 : 1.0 / 3;
        }
        Objective loss = FlatnessMeasurement.objective(net, data, LossScale.SAMPLE);
        assertEquals(loss.value(w), loss.value(scaled), 1e-12 * loss.value(w));
        List<LocalEnergy.Point> a = LocalEnergy.estimate(loss, w, SIGMAS, 30, 13L);
        List<LocalEnergy.Point> b = LocalEnergy.estimate(loss, scaled, SIGMAS, 30, 13L);
        for (int i = 0; i < SIGMAS.length; i++) {
            assertEquals(a.get(i).mean(), b.get(i).mean(), 1e-9 * Math.abs(a.get(i).mean()) + 1e-14);
        }
        Sharpness.Options opt = Sharpness.Options.defaults(Precision.FLOAT64).withIterations(net.parameterCount());
        double la = Sharpness.measure(net, w, data, opt, Spectrum.Listener.NONE).lambdaMax();
        double lb = Sharpness.measure(net, scaled, data, opt, Spectrum.Listener.NONE).lambdaMax();
        assertTrue(Math.abs(la - lb) > 0.1 * la, la + " vs " + lb);
    }
}
