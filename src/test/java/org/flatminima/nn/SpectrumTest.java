package org.flatminima.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.flatminima.data.Dataset;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class SpectrumTest extends QuietTest {
    /** A dense symmetric matrix Q diag(values) Q^T with a random orthogonal Q. */
    static LinearOperator dense(double[] values, SplittableRandom rnd) {
        int n = values.length;
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            g.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(g);
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj d = CommonOps_DDRM.diag(values);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, d, t);
        CommonOps_DDRM.multTransB(t, q, a);
        return new LinearOperator() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public void apply(double[] v, double[] out) {
                for (int r = 0; r < n; r++) {
                    double s = 0;
                    for (int c = 0; c < n; c++) {
                        s += a.get(r, c) * v[c];
                    }
                    out[r] = s;
                }
            }

            @Override
            public double unitRoundoff() {
                return 0x1p-53;
            }
        };
    }

    @Test
    void dominantNegativeEigenvalueDoesNotDisplaceTheTop() {
        double[] values = {-10, -1, -0.5, 0, 0.5, 1, 2, 3};
        LinearOperator h = dense(values, new SplittableRandom(3));
        Spectrum lanczos = Lanczos.run(h, 8, 1e-10, 1, Spectrum.Listener.NONE);
        Spectrum power = PowerIteration.run(h, 2000, 1e-12, 1, Spectrum.Listener.NONE);
        assertEquals(3, lanczos.lambdaMax(), 1e-9);
        assertEquals(-10, lanczos.lambdaMin(), 1e-9);
        assertEquals(3, power.lambdaMax(), 1e-6);
        assertEquals(-10, power.lambdaMin(), 1e-6);
        // Negative control: unshifted power iteration returns the eigenvalue of largest magnitude.
        PowerIteration.Phase plain = PowerIteration.dominant(h, 0, 2000, 1e-12, 1, Spectrum.Listener.NONE, 0);
        assertEquals(-10, plain.value(), 1e-6);
        assertTrue(lanczos.residualMax() < 1e-6 && power.residualMax() < 1e-3);
    }

    @Test
    void lanczosAndPowerAgreeOnNetworkHessians() {
        Property.forAll("Lanczos and shifted power iteration agree", 4, 71L, rnd -> {
            Network net = new Network(new int[] {4, 6, 5, 3}, rnd.nextBoolean() ? Activation.RELU : Activation.LINEAR,
                    true);
            Dataset data = HessianTest.randomData(rnd, 12, 4, 3);
            TrainingLoss<double[]> loss = new TrainingLoss<>(net, data, Precision.FLOAT64, LossScale.SAMPLE, 5);
            double[] p = HessianTest.randomVector(rnd, net.parameterCount());
            TrainingLoss<double[]>.Hessian h = loss.hessian(p);
            // tol 0: run the full dimension, so both ends of the spectrum are exact up to rounding.
            Spectrum l = Lanczos.run(h, h.dimension(), 0, 5, Spectrum.Listener.NONE);
            Spectrum pw = PowerIteration.run(h, 5000, 1e-12, 5, Spectrum.Listener.NONE);
            double scale = Math.max(Math.abs(l.lambdaMax()), Math.abs(l.lambdaMin()));
            assertEquals(l.lambdaMax(), pw.lambdaMax(), 1e-5 * scale);
            assertEquals(l.lambdaMin(), pw.lambdaMin(), 1e-5 * scale);
            assertTrue(l.residualMax() <= 1e-6 * scale, "Lanczos residual " + l.residualMax());
        });
    }

    /** Whitened inputs (X X^T / n = I) and targets Y = T X. */
    static Dataset whitened(DMatrixRMaj t, int n, SplittableRandom rnd) {
        int d = t.numCols;
        DMatrixRMaj g = new DMatrixRMaj(n, d);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, d);
        qr.decompose(g);
        DMatrixRMaj q = qr.getQ(null, true); // n x d, orthonormal columns
        double[] x = new double[n * d];
        double[] y = new double[n * t.numRows];
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < d; c++) {
                x[s * d + c] = Math.sqrt(n) * q.get(s, c);
            }
            for (int r = 0; r < t.numRows; r++) {
                double acc = 0;
                for (int c = 0; c < d; c++) {
                    acc += t.get(r, c) * x[s * d + c];
                }
                y[s * t.numRows + r] = acc;
            }
        }
        return new Dataset(n, d, t.numRows, x, y, "whitened", Map.of());
    }

    @Test
    void flattestMinimumSharpnessMatchesTheorem1() {
        Property.forAll("sharpness at eq. (27) equals 2m sigma_max^(2(1-1/m))", 6, 81L, rnd -> {
            int d = 2 + rnd.nextInt(3);
            int m = 2 + rnd.nextInt(4);
            DMatrixRMaj t = new DMatrixRMaj(d, d);
            for (int i = 0; i < t.data.length; i++) {
                t.data[i] = rnd.nextGaussian();
            }
            SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, true, true, false);
            svd.decompose(t);
            DMatrixRMaj u = svd.getU(null, false);
            DMatrixRMaj v = svd.getV(null, false);
            double[] sv = svd.getSingularValues();
            DMatrixRMaj root = new DMatrixRMaj(d, d);
            double smax = 0;
            for (int i = 0; i < d; i++) {
                root.set(i, i, Math.pow(sv[i], 1.0 / m));
                smax = Math.max(smax, sv[i]);
            }
            Network net = Network.uniform(d, m, Activation.LINEAR, false);
            double[] p = new double[net.parameterCount()];
            for (int j = 1; j <= m; j++) {
                DMatrixRMaj w = new DMatrixRMaj(d, d);
                if (j == 1) {
                    CommonOps_DDRM.multTransB(root, v, w);
                } else if (j == m) {
                    CommonOps_DDRM.mult(u, root, w);
                } else {
                    w.setTo(root);
                }
                System.arraycopy(w.data, 0, p, net.weightOffset(j), d * d);
            }
            Dataset data = whitened(t, 3 * d, rnd);
            double expected = 2 * m * Math.pow(smax, 2 * (1 - 1.0 / m));
            Sharpness.Result r = Sharpness.measure(net, p, data,
                    Sharpness.Options.defaults(Precision.FLOAT64).withTol(1e-12).withIterations(net.parameterCount()),
                    Spectrum.Listener.NONE);
            assertTrue(r.loss() < 1e-20, "eq. (27) must be a global minimum, loss " + r.loss());
            assertEquals(expected, r.lambdaMax(), 1e-8 * expected);
            assertTrue(r.lambdaMin() > -1e-8 * expected, "a minimum has no negative curvature: " + r.lambdaMin());

            // Negative control: a rebalanced (non-flattest) minimum of the same T is strictly sharper.
            double[] q = p.clone();
            for (int i = 0; i < d * d; i++) {
                q[net.weightOffset(1) + i] *= 2;
                q[net.weightOffset(2) + i] *= 0.5;
            }
            Sharpness.Result sharp = Sharpness.measure(net, q, data,
                    Sharpness.Options.defaults(Precision.FLOAT64).withTol(1e-12).withIterations(net.parameterCount()),
                    Spectrum.Listener.NONE);
            assertTrue(sharp.lambdaMax() > expected * 1.01, "rebalanced minimum " + sharp.lambdaMax() + " vs " + expected);
        });
    }

    @Test
    void hutchinsonTraceIsUnbiased() {
        double[] values = {5, -2, 1, 0.5, 3, 4};
        LinearOperator h = dense(values, new SplittableRandom(9));
        Hutchinson.Estimate e = Hutchinson.estimate(h, 4000, 3);
        assertEquals(11.5, e.trace(), 5 * e.standardError());
        assertTrue(e.standardError() < 0.2);
        // Negative control: a wrong trace lies many standard errors away.
        assertTrue(Math.abs(e.trace() - 12.5) > 3 * e.standardError());
    }

    @Test
    void float32SharpnessAgreesWithFloat64WithinItsPrecision() {
        SplittableRandom rnd = new SplittableRandom(91);
        Network net = new Network(new int[] {10, 12, 12, 10}, Activation.RELU, true);
        Dataset data = HessianTest.randomData(rnd, 50, 10, 10);
        double[] p = HessianTest.randomVector(rnd, net.parameterCount());
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.3 * p[i]);
        }
        Sharpness.Result a = Sharpness.measure(net, p, data,
                Sharpness.Options.defaults(Precision.FLOAT64).withTol(1e-10), Spectrum.Listener.NONE);
        Sharpness.Result b = Sharpness.measure(net, p, data,
                Sharpness.Options.defaults(Precision.FLOAT32).withTol(1e-8), Spectrum.Listener.NONE);
        double rel = Math.abs(a.lambdaMax() - b.lambdaMax()) / a.lambdaMax();
        assertTrue(rel < 1e4 * Precision.FLOAT32.unitRoundoff(), "float32 vs float64 sharpness: " + rel);
        assertTrue(a.spectrum().converged(), "float64 Lanczos should meet its rule");
    }
}
