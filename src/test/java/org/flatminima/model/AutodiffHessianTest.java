package org.flatminima.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * The automatic-differentiation Hessian against the closed-form one of {@link Loss}: two derivations that
 * share no formula must agree exactly, on random rational networks off and at minima, with white and
 * non-white Sigma_x. Seeds are recorded by {@link Property}.
 */
class AutodiffHessianTest extends QuietTest {
    static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    /** Depth 1..4, widths 1..4, a random target (off the minimum) or none, Sigma_x = I or a random SPD matrix. */
    static LinearNetwork<Rational> randomNetwork(SplittableRandom rnd, boolean atMinimum, boolean white) {
        int m = 1 + rnd.nextInt(4);
        int[] d = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            d[j] = 1 + rnd.nextInt(4);
        }
        List<Matrix<Rational>> ls = new ArrayList<>();
        for (int j = 1; j <= m; j++) {
            ls.add(LossTest.randomMatrix(rnd, d[j], d[j - 1]));
        }
        Matrix<Rational> sigma = null;
        if (!white) {
            Matrix<Rational> l = LossTest.randomMatrix(rnd, d[0], d[0]);
            sigma = l.multiply(l.transpose()).add(Matrix.identity(Q, d[0]));
        }
        Matrix<Rational> target = atMinimum ? null : LossTest.randomMatrix(rnd, d[m], d[0]);
        return new LinearNetwork<>(Q, ls, sigma, target);
    }

    @Test
    void equalsTheClosedFormHessianOffMinimaWithNonWhiteData() {
        Property.forAll("autodiff = Loss.hessian off minima, non-white", 40, 1501L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, false, false);
            assertEquals(Loss.hessian(net), AutodiffHessian.hessian(net), "dims " + java.util.Arrays.toString(net.dims()));
        });
    }

    @Test
    void equalsTheClosedFormHessianOnEveryKindOfPoint() {
        Property.forAll("autodiff = Loss.hessian, any point", 40, 1502L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, rnd.nextBoolean(), rnd.nextBoolean());
            Matrix<Rational> h = AutodiffHessian.hessian(net);
            assertTrue(h.isSymmetric(), "the AD Hessian is not symmetrised, so symmetry is a check");
            assertEquals(Loss.hessian(net), h);
        });
    }

    @Test
    void gradientAndValueAgreeWithTheLoss() {
        Property.forAll("autodiff gradient and value", 30, 1503L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, false, rnd.nextBoolean());
            AutodiffHessian<Rational> ad = AutodiffHessian.at(net);
            assertArrayEquals(Loss.gradient(net), ad.gradient());
            // eq. (2) minus tr(Sigma_y) and tr((P - T) S (P - T)^T) differ by the constant tr(T S T^T).
            Matrix<Rational> t = net.target();
            Rational tst = Rational.ZERO;
            Matrix<Rational> tsT = t.multiply(net.sigmaX()).multiply(t.transpose());
            for (int i = 0; i < tsT.rows(); i++) {
                tst = tst.add(tsT.get(i, i));
            }
            assertEquals(Loss.value(net), ad.lossWithoutConstant().add(tst));
        });
    }

    @Test
    void hessianVectorProductsMatchTheMatrix() {
        Property.forAll("autodiff H v", 20, 1504L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, rnd.nextBoolean(), false);
            int n = net.parameterCount();
            Rational[] v = new Rational[n];
            for (int i = 0; i < n; i++) {
                v[i] = Rational.of(rnd.nextInt(-5, 6), 1 + rnd.nextInt(3));
            }
            Matrix<Rational> hv = Loss.hessian(net).multiply(Matrix.column(Q, v));
            Rational[] got = AutodiffHessian.at(net).times(v);
            for (int i = 0; i < n; i++) {
                assertEquals(hv.get(i, 0), got[i]);
            }
        });
    }

    /** Two scalar layers, l = s (ab - t)^2: H = 2 s [[b^2, 2ab - t], [2ab - t, a^2]] by hand. */
    @Test
    void twoScalarLayersByHand() {
        Rational a = Rational.of(3, 2);
        Rational b = Rational.of(-2, 5);
        Rational t = Rational.of(7);
        Rational s = Rational.of(5, 3);
        LinearNetwork<Rational> net = new LinearNetwork<>(Q,
                List.of(Matrix.ofRational(Q, new Rational[][] {{a}}), Matrix.ofRational(Q, new Rational[][] {{b}})),
                Matrix.ofRational(Q, new Rational[][] {{s}}), Matrix.ofRational(Q, new Rational[][] {{t}}));
        Rational twoS = s.multiply(Rational.TWO);
        Rational off = a.multiply(b).multiply(Rational.TWO).subtract(t).multiply(twoS);
        Matrix<Rational> expected = Matrix.ofRational(Q, new Rational[][] {
                {b.multiply(b).multiply(twoS), off}, {off, a.multiply(a).multiply(twoS)}});
        assertEquals(expected, AutodiffHessian.hessian(net));
    }

    /** Negative control: a Hessian one entry (and its mirror) off by 10^-30, or with a wrong constant, is detected. */
    @Test
    void perturbedHessiansAreDetected() {
        Property.forAll("perturbed Hessian detected", 20, 1505L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, rnd.nextBoolean(), rnd.nextBoolean());
            Matrix<Rational> h = Loss.hessian(net);
            int n = h.rows();
            int i = rnd.nextInt(n);
            int j = rnd.nextInt(n);
            Rational eps = Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(30));
            Matrix<Rational> bumped = Matrix.build(Q, n, n,
                    (r, c) -> (r == i && c == j) || (r == j && c == i) ? h.get(r, c).add(eps) : h.get(r, c));
            Matrix<Rational> ad = AutodiffHessian.hessian(net);
            assertNotEquals(bumped, ad);
            if (!h.isZero()) {
                assertNotEquals(h.scale(Rational.of(3, 2)), ad);
            }
        });
    }

    /** Sigma_x = s I makes the loss s times the white one, so both Hessians scale by s exactly (inspect relies on it). */
    @Test
    void anIsotropicSigmaScalesTheHessianExactly() {
        Property.forAll("Sigma_x = s I scales H by s", 20, 1506L, rnd -> {
            LinearNetwork<Rational> white = randomNetwork(rnd, rnd.nextBoolean(), true);
            Rational s = Rational.of(1 + rnd.nextInt(9), 1 + rnd.nextInt(5));
            LinearNetwork<Rational> scaled = new LinearNetwork<>(Q, white.layers(),
                    Matrix.identity(Q, white.dims()[0]).scale(s), white.target());
            Matrix<Rational> expected = AutodiffHessian.hessian(white).scale(s);
            assertEquals(expected, AutodiffHessian.hessian(scaled));
            assertEquals(expected, Loss.hessian(scaled));
        });
    }

    @Test
    void directionsWithZeroAndMissingEntriesAndTheTape() {
        LinearNetwork<Rational> net = randomNetwork(new SplittableRandom(8), false, false);
        int n = net.parameterCount();
        AutodiffHessian<Rational> ad = AutodiffHessian.at(net);
        assertTrue(ad.tapeSize() > n, "the tape holds the parameters and the loss's steps");
        Rational[] zeros = new Rational[n];
        java.util.Arrays.fill(zeros, Rational.ZERO);
        Rational[] nulls = new Rational[n];
        for (Rational[] v : List.of(zeros, nulls)) {
            for (Rational x : ad.times(v)) {
                assertEquals(Rational.ZERO, x);
            }
        }
        Rational[] e0 = nulls.clone();
        e0[0] = Rational.ONE;
        Matrix<Rational> h = Loss.hessian(net);
        Rational[] col = ad.times(e0);
        for (int i = 0; i < n; i++) {
            assertEquals(h.get(i, 0), col[i]);
        }
    }

    @Test
    void networkContracts() {
        Matrix<Rational> w1 = LossTest.randomMatrix(new SplittableRandom(9), 3, 2);
        Matrix<Rational> wrong = LossTest.randomMatrix(new SplittableRandom(10), 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearNetwork<>(Q, List.of(w1, wrong), null, null));
        assertEquals("layer W2 is 2x2 but needs 3 columns", e.getMessage());
        LinearNetwork<Rational> white = new LinearNetwork<>(Q, List.of(w1), null, null);
        assertTrue(white.sigmaIsIdentity());
        LinearNetwork<Rational> given = new LinearNetwork<>(Q, List.of(w1), Matrix.identity(Q, 2), null);
        assertTrue(!given.sigmaIsIdentity(), "an explicit Sigma_x is recorded as given, even when it is I");
        assertEquals(List.of(w1), given.layers());
    }

    @Test
    void rejectsADirectionOfTheWrongLength() {
        LinearNetwork<Rational> net = randomNetwork(new SplittableRandom(7), false, true);
        assertThrows(IllegalArgumentException.class,
                () -> AutodiffHessian.at(net).times(new Rational[net.parameterCount() + 1]));
    }
}
