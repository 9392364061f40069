package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class SingularValuesTest extends QuietTest {

    /** A = Q1 [diag(s); 0] Q2^T (m x n) with exactly known singular values s (descending, k = min(m, n)). */
    static Rational[][] withSingularValues(SplittableRandom rnd, int m, int n, Rational[] s) {
        Rational[][] core = new Rational[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                core[i][j] = i == j ? s[i] : Rational.ZERO;
            }
        }
        Rational[][] q1 = RationalFixtures.orthogonal(rnd, m);
        Rational[][] q2 = RationalFixtures.orthogonal(rnd, n);
        return RationalFixtures.multiply(RationalFixtures.multiply(q1, core), RationalFixtures.transpose(q2));
    }

    static Rational[] singularValues(SplittableRandom rnd, int k) {
        Rational[] s = new Rational[k];
        for (int i = 0; i < k; i++) {
            int kind = rnd.nextInt(4);
            s[i] = switch (kind) {
                case 0 -> Rational.ZERO;
                case 1 -> i > 0 ? s[i - 1] : Rational.ONE;
                default -> RationalFixtures.rational(rnd, 60, 7).abs();
            };
        }
        return SymmetricEigenTest.sortedDescending(s);
    }

    /** ||A - U S V^T||_F <= 10^-(D-5) ||A||_F and ||U^T U - I||, ||V^T V - I|| <= 10^-(D-5), on the returned values. */
    static void assertFactorization(Rational[][] a, SingularValues.Decomposition svd, int digits) {
        Rational[][] u = ApfloatMatrices.toRational(svd.left());
        Rational[][] v = ApfloatMatrices.toRational(svd.right());
        int k = svd.values().length;
        Rational[][] us = new Rational[u.length][k];
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < k; j++) {
                us[i][j] = u[i][j].multiply(ApfloatMatrices.toRational(svd.values()[j]));
            }
        }
        Rational[][] rebuilt = RationalFixtures.multiply(us, RationalFixtures.transpose(v));
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                double d = rebuilt[i][j].subtract(a[i][j]).doubleValue();
                err += d * d;
            }
        }
        double normA = RationalFixtures.frobenius(a);
        assertTrue(Math.sqrt(err) <= Math.pow(10, -(digits - 5)) * Math.max(normA, 1e-300), "reconstruction "
                + Math.sqrt(err));
        assertOrthonormalColumns(u, digits, "U");
        assertOrthonormalColumns(v, digits, "V");
    }

    static void assertOrthonormalColumns(Rational[][] q, int digits, String name) {
        Rational[][] g = RationalFixtures.multiply(RationalFixtures.transpose(q), q);
        Rational tol = SymmetricEigenTest.tenToMinus(digits - 5);
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                Rational d = g[i][j].subtract(i == j ? Rational.ONE : Rational.ZERO).abs();
                assertTrue(d.compareTo(tol) <= 0, name + "^T " + name + " entry " + i + "," + j + " off by "
                        + d.doubleValue());
            }
        }
    }

    private static void checkKnown(SplittableRandom rnd, int m, int n, int digits) {
        int k = Math.min(m, n);
        Rational[] s = singularValues(rnd, k);
        Rational[][] a = withSingularValues(rnd, m, n, s);
        SingularValues.Decomposition svd = SingularValues.decompose(SymmetricEigenTest.input(a, digits), digits);
        assertEquals(k, svd.values().length);
        assertEquals(m, svd.left().length);
        assertEquals(n, svd.right().length);
        SymmetricEigenTest.assertSpectrum(s, svd.values(), digits, m + "x" + n);
        assertFactorization(a, svd, digits);
    }

    @Test
    void singularValuesOfKnownMatricesHoldTheirDigits() {
        Property.forAll("knownSingularValues", 8, 301L, rnd -> {
            int m = rnd.nextInt(1, 7);
            int n = rnd.nextInt(1, 7);
            checkKnown(rnd, m, n, rnd.nextBoolean() ? 16 : 40);
        });
    }

    @Test
    void singularValuesHoldTwoHundredDigits() {
        Property.forAll("knownSingularValues200", 2, 302L, rnd -> checkKnown(rnd, rnd.nextInt(2, 6), rnd.nextInt(2, 6), 200));
    }

    @Test
    void repeatedSingularValuesGiveOrthonormalPairs() {
        SplittableRandom rnd = new SplittableRandom(303L);
        Rational[] s = {Rational.of(3), Rational.of(3), Rational.of(3), Rational.ONE};
        Rational[][] a = withSingularValues(rnd, 5, 4, s);
        int digits = 40;
        SingularValues.Decomposition svd = SingularValues.decompose(SymmetricEigenTest.input(a, digits), digits);
        SymmetricEigenTest.assertSpectrum(s, svd.values(), digits, "repeated");
        assertFactorization(a, svd, digits);
    }

    @Test
    void theSameComputationAtTwiceThePrecisionAgrees() {
        Property.forAll("svdDoublePrecision", 3, 304L, rnd -> {
            int digits = 30;
            Rational[][] a = RationalFixtures.matrix(rnd, rnd.nextInt(1, 6), rnd.nextInt(1, 6), 30, 7);
            SingularValues.Decomposition low = SingularValues.decompose(SymmetricEigenTest.input(a, 2 * digits), digits);
            SingularValues.Decomposition high = SingularValues.decompose(SymmetricEigenTest.input(a, 2 * digits),
                    2 * digits);
            Rational[] reference = new Rational[high.values().length];
            for (int i = 0; i < reference.length; i++) {
                reference[i] = ApfloatMatrices.toRational(high.values()[i]);
            }
            SymmetricEigenTest.assertSpectrum(reference, low.values(), digits, "D vs 2D");
        });
    }

    @Test
    void theZeroMatrixHasZeroSingularValuesAndOrthonormalFactors() {
        SingularValues.Decomposition svd = SingularValues.decompose(ApfloatMatrices.zeros(3, 2), 20);
        for (Apfloat s : svd.values()) {
            assertEquals(0, s.signum());
        }
        assertOrthonormalColumns(ApfloatMatrices.toRational(svd.left()), 20, "U");
        assertOrthonormalColumns(ApfloatMatrices.toRational(svd.right()), 20, "V");
    }

    @Test
    void aWrongFactorizationIsCaughtByTheSameCheck() {
        SplittableRandom rnd = new SplittableRandom(305L);
        Rational[] s = {Rational.of(5), Rational.TWO};
        Rational[][] a = withSingularValues(rnd, 3, 2, s);
        int digits = 30;
        SingularValues.Decomposition svd = SingularValues.decompose(SymmetricEigenTest.input(a, digits), digits);
        Apfloat[] wrongValues = svd.values().clone();
        wrongValues[1] = wrongValues[1].add(new Apfloat("1e-20", 30));
        SingularValues.Decomposition wrong = new SingularValues.Decomposition(wrongValues, svd.left(), svd.right(),
                svd.residualNorm(), svd.orthogonalityResidual(), digits);
        assertThrows(AssertionError.class, () -> assertFactorization(a, wrong, digits));
        assertThrows(IllegalArgumentException.class, () -> SingularValues.decompose(new Apfloat[0][0], 10));
    }
}
