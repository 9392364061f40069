package org.flatminima.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
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

/** The gain search and the regression facts behind the linear check, against independent computations. */
class GainsAndDataTest extends QuietTest {

    static DMatrixRMaj layer(Network net, double[] p, int j) {
        int in = net.width(j - 1);
        int out = net.width(j);
        double[] w = java.util.Arrays.copyOfRange(p, net.weightOffset(j), net.weightOffset(j) + in * out);
        return new DMatrixRMaj(out, in, true, w);
    }

    static double sigmaMax(DMatrixRMaj a) {
        return SingularOps_DDRM.singularValues(a.copy())[0] > 0 ? java.util.Arrays.stream(
                SingularOps_DDRM.singularValues(a.copy())).max().getAsDouble() : 0;
    }

    @Test
    void linearGainsAreTheTopSingularValuesOfThePartialProducts() {
        Property.forAll("gain to layer k of a linear net = sigma_max(W_k ... W_1)", 8, 81, rnd -> {
            Network net = new Network(new int[] {5, 6, 4, 5}, Activation.LINEAR, false);
            double[] p = net.heParameters(rnd.nextLong());
            Gains.Result g = Gains.estimate(net, p, 8, 200, rnd.nextLong());
            DMatrixRMaj prod = layer(net, p, 1);
            for (int k = 1; k <= net.depth(); k++) {
                if (k > 1) {
                    DMatrixRMaj next = new DMatrixRMaj(net.width(k), net.width(0));
                    CommonOps_DDRM.mult(layer(net, p, k), prod, next);
                    prod = next;
                }
                double s = sigmaMax(prod);
                assertEquals(s, g.maxGain()[k - 1], 1e-6 * s, "layer " + k);
            }
            assertEquals(g.maxGain()[net.depth() - 1], g.topSignalGain()[net.depth() - 1], 1e-9);
            for (int k = 0; k < net.depth(); k++) {
                assertTrue(g.topSignalGain()[k] <= g.maxGain()[k] * (1 + 1e-9), "no input beats the maximum");
            }
        });
    }

    @Test
    void reluGainsAreBoundedByTheLinearOnesAndReached() {
        Network relu = new Network(new int[] {6, 6, 6}, Activation.RELU, false);
        Network lin = new Network(new int[] {6, 6, 6}, Activation.LINEAR, false);
        double[] p = relu.identityParameters();
        Gains.Result g = Gains.estimate(relu, p, 10, 20, 3);
        assertEquals(1.0, g.maxGain()[0], 1e-12, "identity layers have gain 1 on a non-negative input");
        assertEquals(1.0, g.maxGain()[1], 1e-12);
        Gains.Result gl = Gains.estimate(lin, lin.heParameters(4), 10, 50, 3);
        Gains.Result gr = Gains.estimate(relu, lin.heParameters(4), 10, 50, 3);
        assertTrue(gr.maxGain()[0] <= gl.maxGain()[0] * (1 + 1e-9), "a ReLU cannot add gain at layer 1");
    }

    /** Theorem 1 on whitened data: at W_j = T_w^{1/m} for a symmetric PSD T_w the sharpness is the formula. */
    @Test
    void theorem1ValueMatchesTheSharpnessOfTheBalancedSolution() {
        int d = 3;
        int n = 400;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        double[] x = new double[n * d];
        double[] y = new double[n * d];
        double[] diag = {1.6, 0.9, 0.4};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = rnd.nextGaussian() * (1 + j);
                y[i * d + j] = 0;
            }
        }
        Dataset raw = new Dataset(n, d, d, x, y, "raw", Map.of());
        ExperimentData pre = ExperimentData.of(raw);
        double[] xw = pre.whitened().inputs();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                y[i * d + j] = diag[j] * xw[i * d + j];
            }
        }
        ExperimentData data = ExperimentData.of(new Dataset(n, d, d, x, y, "t", Map.of()));
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        DMatrixRMaj xm = new DMatrixRMaj(n, d, true, data.whitened().inputs());
        CommonOps_DDRM.multTransA(xm, xm, cov);
        CommonOps_DDRM.scale(1.0 / n, cov);
        assertTrue(CommonOps_DDRM.elementMaxAbs(diff(cov, CommonOps_DDRM.identity(d))) < 1e-9, "whitened");
        assertEquals(1.6, data.sigmaMaxWhitened(), 1e-9);
        assertEquals(0, data.linearLossSample(), 1e-9);
        int m = 3;
        Network net = new Network(new int[] {d, d, d, d}, Activation.LINEAR, false);
        double[] p = new double[net.parameterCount()];
        for (int j = 1; j <= m; j++) {
            for (int k = 0; k < d; k++) {
                p[net.weightOffset(j) + k * d + k] = Math.pow(diag[k], 1.0 / m);
            }
        }
        for (LossScale ls : LossScale.values()) {
            Sharpness.Result s = Sharpness.measure(net, p, data.whitened(), Sharpness.Options.defaults(Precision.FLOAT64)
                    .withLossScale(ls), Spectrum.Listener.NONE);
            double t = data.theorem1(m, ls);
            assertEquals(t, s.lambdaMax(), 1e-6 * t, ls.name());
        }
        double[] unbalanced = p.clone();
        for (int k = 0; k < d; k++) {
            unbalanced[net.weightOffset(1) + k * d + k] *= 2;
            unbalanced[net.weightOffset(2) + k * d + k] /= 2;
        }
        Sharpness.Result sharper = Sharpness.measure(net, unbalanced, data.whitened(),
                Sharpness.Options.defaults(Precision.FLOAT64), Spectrum.Listener.NONE);
        assertTrue(sharper.lambdaMax() > 1.1 * data.theorem1(m, LossScale.SAMPLE),
                "negative control: an unbalanced minimum of the same product is sharper than Theorem 1's value");
    }

    private static DMatrixRMaj diff(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, c);
        return c;
    }
}
