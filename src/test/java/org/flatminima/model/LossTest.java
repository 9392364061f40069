package org.flatminima.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.DigitsArithmetic;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class LossTest extends QuietTest {
    static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    /** A random rational network off the minimum (random target), sometimes with a random SPD Sigma_x. */
    static LinearNetwork<Rational> randomNetwork(SplittableRandom rnd, boolean atMinimum) {
        int m = 1 + rnd.nextInt(3);
        int[] d = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            d[j] = 1 + rnd.nextInt(3);
        }
        List<Matrix<Rational>> ls = new ArrayList<>();
        for (int j = 1; j <= m; j++) {
            ls.add(randomMatrix(rnd, d[j], d[j - 1]));
        }
        Matrix<Rational> sigma = null;
        if (rnd.nextBoolean()) {
            Matrix<Rational> l = randomMatrix(rnd, d[0], d[0]);
            sigma = l.multiply(l.transpose()).add(Matrix.identity(Q, d[0]));
        }
        Matrix<Rational> target = atMinimum ? null : randomMatrix(rnd, d[m], d[0]);
        return new LinearNetwork<>(Q, ls, sigma, target);
    }

    static Matrix<Rational> randomMatrix(SplittableRandom rnd, int r, int c) {
        return Matrix.build(Q, r, c, (i, j) -> Rational.of(rnd.nextInt(-9, 10), 1 + rnd.nextInt(4)));
    }

    @Test
    void hessianIsSymmetric() {
        Property.forAll("hessianIsSymmetric", 20, 11L, rnd -> {
            Matrix<Rational> h = Loss.hessian(randomNetwork(rnd, false));
            assertTrue(h.isSymmetric());
        });
    }

    @Test
    void hessianEqualsCentralDifferenceOfTheLossAtDDigits() {
        int digits = 60;
        DigitsArithmetic ap = new DigitsArithmetic(digits);
        Apfloat h = new Apfloat("1e-15", digits);
        Apfloat tol = new Apfloat("1e-20", digits);
        Property.forAll("hessianEqualsCentralDifference", 6, 12L, rnd -> {
            LinearNetwork<Rational> exact = randomNetwork(rnd, rnd.nextBoolean());
            LinearNetwork<Apfloat> net = exact.convert(ap, ap::of);
            Matrix<Apfloat> hess = Loss.hessian(net);
            Apfloat[] w = net.parameters();
            int n = w.length;
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    Apfloat fd = mixed(net, w, i, j, h).divide(h.multiply(h).multiply(new Apfloat(4, digits)));
                    Apfloat err = ApfloatMath.abs(fd.subtract(hess.get(i, j)));
                    Apfloat scale = ApfloatMath.abs(hess.get(i, j)).add(new Apfloat(1, digits));
                    assertTrue(err.compareTo(tol.multiply(scale)) < 0,
                            "entry " + i + "," + j + ": hessian " + hess.get(i, j) + " vs difference " + fd);
                }
            }
        });
    }

    private static Apfloat mixed(LinearNetwork<Apfloat> net, Apfloat[] w, int i, int j, Apfloat h) {
        Apfloat s = Loss.value(net.withParameters(shift(w, i, h, j, h)));
        s = s.subtract(Loss.value(net.withParameters(shift(w, i, h, j, h.negate()))));
        s = s.subtract(Loss.value(net.withParameters(shift(w, i, h.negate(), j, h))));
        return s.add(Loss.value(net.withParameters(shift(w, i, h.negate(), j, h.negate()))));
    }

    private static Apfloat[] shift(Apfloat[] w, int i, Apfloat hi, int j, Apfloat hj) {
        Apfloat[] v = w.clone();
        v[i] = v[i].add(hi);
        v[j] = v[j].add(hj);
        return v;
    }

    @Test
    void gradientEqualsCentralDifferenceExactlyForQuadraticDirections() {
        // l is a polynomial; along one coordinate it has degree 2 in that coordinate, so the central
        // difference (l(w+h e_i) - l(w-h e_i)) / 2h equals the partial derivative exactly.
        Property.forAll("gradientExact", 20, 13L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, false);
            Rational[] g = Loss.gradient(net);
            Rational[] w = net.parameters();
            Rational h = Rational.of(1, 3);
            for (int i = 0; i < w.length; i++) {
                Rational[] up = w.clone();
                Rational[] dn = w.clone();
                up[i] = up[i].add(h);
                dn[i] = dn[i].subtract(h);
                Rational fd = Loss.value(net.withParameters(up)).subtract(Loss.value(net.withParameters(dn)))
                        .divide(h.multiply(Rational.TWO));
                assertEquals(fd, g[i], "coordinate " + i);
            }
        });
    }

    @Test
    void exactAndDigitsHessiansAgree() {
        DigitsArithmetic ap = new DigitsArithmetic(50);
        Property.forAll("exactAndDigitsAgree", 10, 14L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, rnd.nextBoolean());
            Matrix<Rational> he = Loss.hessian(net);
            Matrix<Apfloat> ha = Loss.hessian(net.convert(ap, ap::of));
            for (int i = 0; i < he.rows(); i++) {
                for (int j = 0; j < he.cols(); j++) {
                    Apfloat diff = ApfloatMath.abs(ap.of(he.get(i, j)).subtract(ha.get(i, j)));
                    Apfloat bound = new Apfloat("1e-40", 50).multiply(ApfloatMath.abs(ha.get(i, j)).add(new Apfloat(1, 50)));
                    assertTrue(diff.compareTo(bound) <= 0, "entry " + i + "," + j);
                }
            }
        });
    }

    @Test
    void lossVanishesExactlyAtTheProduct() {
        Property.forAll("lossZeroAtMinimum", 20, 15L, rnd -> {
            LinearNetwork<Rational> net = randomNetwork(rnd, true);
            assertEquals(Rational.ZERO, Loss.value(net));
            for (Rational g : Loss.gradient(net)) {
                assertEquals(Rational.ZERO, g);
            }
        });
    }

    @Test
    void negativeControlAPerturbedHessianFailsTheDifferenceCheck() {
        // The same comparison as above must notice a single wrong entry.
        SplittableRandom rnd = new SplittableRandom(16L);
        LinearNetwork<Rational> net = randomNetwork(rnd, false);
        Matrix<Rational> h = Loss.hessian(net);
        Matrix<Rational> wrong = Matrix.build(Q, h.rows(), h.cols(),
                (i, j) -> i == 0 && j == 0 ? h.get(i, j).add(Rational.of(1, 1000)) : h.get(i, j));
        // second difference along coordinate 0 is exact for a polynomial of degree 2 in that coordinate
        Rational[] w = net.parameters();
        Rational step = Rational.ONE;
        Rational[] up = w.clone();
        Rational[] dn = w.clone();
        up[0] = up[0].add(step);
        dn[0] = dn[0].subtract(step);
        Rational second = Loss.value(net.withParameters(up)).add(Loss.value(net.withParameters(dn)))
                .subtract(Loss.value(net).multiply(Rational.TWO));
        assertEquals(second, h.get(0, 0));
        assertTrue(!second.equals(wrong.get(0, 0)));
    }
}
