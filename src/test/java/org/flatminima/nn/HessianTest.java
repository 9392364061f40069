package org.flatminima.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Dataset;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class HessianTest extends QuietTest {
    static Dataset randomData(SplittableRandom rnd, int n, int dx, int dy) {
        double[] x = new double[n * dx];
        double[] y = new double[n * dy];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextGaussian();
        }
        return new Dataset(n, dx, dy, x, y, "random", Map.of());
    }

    static double[] randomVector(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    static double[] gradient(TrainingLoss<double[]> loss, double[] p) {
        double[] g = new double[p.length];
        loss.valueAndGradient(p.clone(), g);
        return g;
    }

    /** Central difference of the gradient along v: (grad(p + h v) - grad(p - h v)) / 2h. */
    static double[] finiteDifference(TrainingLoss<double[]> loss, double[] p, double[] v, double h) {
        double[] plus = p.clone();
        double[] minus = p.clone();
        for (int i = 0; i < p.length; i++) {
            plus[i] += h * v[i];
            minus[i] -= h * v[i];
        }
        double[] gp = gradient(loss, plus);
        double[] gm = gradient(loss, minus);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (gp[i] - gm[i]) / (2 * h);
        }
        return out;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static Network randomNetwork(SplittableRandom rnd, Activation act, boolean biases) {
        int depth = 1 + rnd.nextInt(4);
        int[] w = new int[depth + 1];
        for (int j = 0; j <= depth; j++) {
            w[j] = 2 + rnd.nextInt(4);
        }
        return new Network(w, act, biases);
    }

    private void checkAgainstFiniteDifferences(Activation act, boolean biases, long seed) {
        Property.forAll("hvp equals finite differences of gradients, " + act + (biases ? " with" : " without")
                + " biases", 12, seed, rnd -> {
            Network net = randomNetwork(rnd, act, biases);
            int n = 3 + rnd.nextInt(6);
            Dataset data = randomData(rnd, n, net.inputDim(), net.outputDim());
            LossScale scale = rnd.nextBoolean() ? LossScale.SAMPLE : LossScale.ELEMENT;
            TrainingLoss<double[]> loss = new TrainingLoss<>(net, data, Precision.FLOAT64, scale, 1 + rnd.nextInt(4));
            double[] p = randomVector(rnd, net.parameterCount());
            if (biases) {
                for (int j = 1; j <= net.depth(); j++) {
                    for (int r = 0; r < net.width(j); r++) {
                        p[net.biasOffset(j) + r] = 0.5 * rnd.nextGaussian();
                    }
                }
            }
            double[] v = randomVector(rnd, p.length);
            double[] hv = new double[p.length];
            TrainingLoss<double[]>.Hessian cached = loss.hessian(p.clone());
            TrainingLoss<double[]>.Hessian uncached = loss.hessian(p.clone(), 0);
            assertTrue(cached.cached() && !uncached.cached());
            cached.apply(v, hv);
            double[] hv2 = new double[p.length];
            uncached.apply(v, hv2);
            double h = 1e-5;
            double[] fd = finiteDifference(loss, p, v, h);
            double scaleNorm = Math.max(Spectrum.norm(hv), Spectrum.norm(gradient(loss, p)));
            // Central differences: truncation O(h^2) and rounding O(u / h) relative to the gradient scale.
            double tol = 1e-6 * Math.max(1, scaleNorm);
            assertTrue(distance(hv, fd) <= tol, "||Hv - fd|| = " + distance(hv, fd) + " > " + tol);
            assertTrue(distance(hv, hv2) <= 1e-12 * Math.max(1, scaleNorm), "cached and recomputed products differ");
        });
    }

    @Test
    void hvpEqualsFiniteDifferencesReluWithBiases() {
        checkAgainstFiniteDifferences(Activation.RELU, true, 11L);
    }

    @Test
    void hvpEqualsFiniteDifferencesReluWithoutBiases() {
        checkAgainstFiniteDifferences(Activation.RELU, false, 12L);
    }

    @Test
    void hvpEqualsFiniteDifferencesLinearWithBiases() {
        checkAgainstFiniteDifferences(Activation.LINEAR, true, 13L);
    }

    @Test
    void hvpEqualsFiniteDifferencesLinearWithoutBiases() {
        checkAgainstFiniteDifferences(Activation.LINEAR, false, 14L);
    }

    @Test
    void gradientEqualsFiniteDifferencesOfLoss() {
        Property.forAll("gradient equals finite differences of the loss", 10, 21L, rnd -> {
            Network net = randomNetwork(rnd, rnd.nextBoolean() ? Activation.RELU : Activation.LINEAR, rnd.nextBoolean());
            Dataset data = randomData(rnd, 5, net.inputDim(), net.outputDim());
            TrainingLoss<double[]> loss = new TrainingLoss<>(net, data, Precision.FLOAT64, LossScale.SAMPLE, 2);
            double[] p = randomVector(rnd, net.parameterCount());
            double[] v = randomVector(rnd, p.length);
            double[] g = gradient(loss, p);
            double h = 1e-6;
            double[] plus = p.clone();
            double[] minus = p.clone();
            for (int i = 0; i < p.length; i++) {
                plus[i] += h * v[i];
                minus[i] -= h * v[i];
            }
            double fd = (loss.value(plus) - loss.value(minus)) / (2 * h);
            double exact = Spectrum.dot(g, v);
            assertEquals(exact, fd, 1e-6 * Math.max(1, Math.abs(exact) + loss.value(p)));
        });
    }

    /**
     * Independent second directional derivative of l(W) = (1/n) sum ||y - W_m..W_1 x||^2 for a deep
     * linear network without biases: with e(t) = Y - prod(W_j + t V_j) X, d^2/dt^2 ||e||^2 at 0 is
     * 2 ||e'||^2 + 2 <e, e''>, e' = -sum_j P_{j} X, e'' = -2 sum_{j<k} P_{jk} X, where P_S is the
     * product with V in the layers of S and W elsewhere. Plain row-major loops, no shared code.
     */
    static double linearQuadraticForm(int[] widths, double[] w, double[] v, double[] xs, double[] ys, int n) {
        int m = widths.length - 1;
        double[] e = product(widths, w, v, -1, -1, xs, n);
        for (int i = 0; i < e.length; i++) {
            e[i] = ys[i] - e[i];
        }
        int dy = widths[m];
        double[] e1 = new double[n * dy];
        double[] e2 = new double[n * dy];
        for (int j = 1; j <= m; j++) {
            double[] pj = product(widths, w, v, j, -1, xs, n);
            for (int i = 0; i < e1.length; i++) {
                e1[i] -= pj[i];
            }
            for (int k = j + 1; k <= m; k++) {
                double[] pjk = product(widths, w, v, j, k, xs, n);
                for (int i = 0; i < e2.length; i++) {
                    e2[i] -= 2 * pjk[i];
                }
            }
        }
        double q = 0;
        for (int i = 0; i < e.length; i++) {
            q += 2 * e1[i] * e1[i] + 2 * e[i] * e2[i];
        }
        return q / n;
    }

    /** Outputs (n x d_m, row-major by sample) of the linear net using V in layers a and b, W elsewhere. */
    private static double[] product(int[] widths, double[] w, double[] v, int a, int b, double[] xs, int n) {
        double[] cur = xs.clone();
        int off = 0;
        for (int j = 1; j < widths.length; j++) {
            int rows = widths[j];
            int cols = widths[j - 1];
            double[] mat = (j == a || j == b) ? v : w;
            double[] next = new double[n * rows];
            for (int s = 0; s < n; s++) {
                for (int r = 0; r < rows; r++) {
                    double acc = 0;
                    for (int c = 0; c < cols; c++) {
                        acc += mat[off + r * cols + c] * cur[s * cols + c];
                    }
                    next[s * rows + r] = acc;
                }
            }
            cur = next;
            off += rows * cols;
        }
        return cur;
    }

    @Test
    void hvpEqualsIndependentLinearNetworkHessian() {
        Property.forAll("u^T H v equals the dense linear-network formula", 15, 31L, rnd -> {
            Network net = randomNetwork(rnd, Activation.LINEAR, false);
            int n = 4 + rnd.nextInt(5);
            Dataset data = randomData(rnd, n, net.inputDim(), net.outputDim());
            TrainingLoss<double[]> loss = new TrainingLoss<>(net, data, Precision.FLOAT64, LossScale.SAMPLE, 3);
            double[] p = randomVector(rnd, net.parameterCount());
            double[] u = randomVector(rnd, p.length);
            double[] v = randomVector(rnd, p.length);
            TrainingLoss<double[]>.Hessian h = loss.hessian(p);
            double[] hv = new double[p.length];
            h.apply(v, hv);
            double[] sum = new double[p.length];
            double[] diff = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                sum[i] = u[i] + v[i];
                diff[i] = u[i] - v[i];
            }
            int[] w = net.widths();
            double expected = (linearQuadraticForm(w, p, sum, data.inputs(), data.targets(), n)
                    - linearQuadraticForm(w, p, diff, data.inputs(), data.targets(), n)) / 4;
            double vhv = linearQuadraticForm(w, p, v, data.inputs(), data.targets(), n);
            double tol = 1e-10 * (1 + Math.abs(vhv) + Math.abs(expected));
            assertEquals(expected, Spectrum.dot(u, hv), tol);
            assertEquals(vhv, Spectrum.dot(v, hv), tol);
        });
    }

    @Test
    void comparisonDetectsTheHessianOfAnotherPoint() {
        // Negative control: the finite-difference check must reject a product taken at a shifted point.
        SplittableRandom rnd = new SplittableRandom(41);
        Network net = new Network(new int[] {3, 4, 3}, Activation.RELU, true);
        Dataset data = randomData(rnd, 6, 3, 3);
        TrainingLoss<double[]> loss = new TrainingLoss<>(net, data, Precision.FLOAT64, LossScale.SAMPLE, 6);
        double[] p = randomVector(rnd, net.parameterCount());
        double[] shifted = p.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.1 * rnd.nextGaussian();
        }
        double[] v = randomVector(rnd, p.length);
        double[] hv = new double[p.length];
        loss.hessian(shifted).apply(v, hv);
        double[] fd = finiteDifference(loss, p, v, 1e-5);
        double scaleNorm = Math.max(Spectrum.norm(hv), Spectrum.norm(gradient(loss, p)));
        assertTrue(distance(hv, fd) > 1e-6 * Math.max(1, scaleNorm), "a wrong Hessian passed the check");
    }

    @Test
    void float32ProductAgreesWithFloat64WithinItsPrecision() {
        SplittableRandom rnd = new SplittableRandom(51);
        Network net = new Network(new int[] {6, 8, 8, 6}, Activation.RELU, true);
        Dataset data = randomData(rnd, 20, 6, 6);
        double[] p = randomVector(rnd, net.parameterCount());
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (p[i] * 0.4);
        }
        double[] v = randomVector(rnd, p.length);
        TrainingLoss<double[]> l64 = new TrainingLoss<>(net, data, Precision.FLOAT64, LossScale.SAMPLE, 7);
        TrainingLoss<float[]> l32 = new TrainingLoss<>(net, data, Precision.FLOAT32, LossScale.SAMPLE, 7);
        double[] a = new double[p.length];
        double[] b = new double[p.length];
        l64.hessian(l64.parameters(p)).apply(v, a);
        l32.hessian(l32.parameters(p)).apply(v, b);
        double rel = distance(a, b) / Spectrum.norm(a);
        assertTrue(rel < 1e3 * Precision.FLOAT32.unitRoundoff(), "float32 vs float64 relative difference " + rel);
        assertTrue(rel > 0, "float32 products should round differently from float64");
    }
}
