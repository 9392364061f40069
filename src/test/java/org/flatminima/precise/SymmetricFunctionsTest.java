package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class SymmetricFunctionsTest extends QuietTest {

    /** Every entry of {@code got} is within 10^-(digits-1) max|expected| of the exact {@code expected}. */
    static void assertClose(Rational[][] expected, Apfloat[][] got, int digits, String what) {
        Rational max = Rational.ZERO;
        for (Rational[] row : expected) {
            for (Rational x : row) {
                max = max.max(x.abs());
            }
        }
        Rational tol = max.multiply(SymmetricEigenTest.tenToMinus(digits - 1));
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                Rational err = ApfloatMatrices.toRational(got[i][j]).subtract(expected[i][j]).abs();
                assertTrue(err.compareTo(tol) <= 0, what + " entry " + i + "," + j + " off by " + err.doubleValue());
            }
        }
    }

    /** A positive spectrum of perfect squares (with repeats), so sqrt(A) = Q sqrt(D) Q^T is rational. */
    static Rational[] squares(SplittableRandom rnd, int n, int spread) {
        Rational[] d = new Rational[n];
        for (int i = 0; i < n; i++) {
            Rational r = i > 0 && rnd.nextInt(3) == 0 ? d[i - 1] : Rational.of(rnd.nextInt(1, 30), rnd.nextInt(1, spread + 1));
            d[i] = r;
        }
        return d;
    }

    private static Rational[] map(Rational[] d, java.util.function.UnaryOperator<Rational> f) {
        Rational[] r = new Rational[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = f.apply(d[i]);
        }
        return r;
    }

    @Test
    void squareRootMatchesTheExactRoot() {
        Property.forAll("sqrtSpdExact", 6, 401L, rnd -> {
            int n = rnd.nextInt(1, 8);
            int digits = rnd.nextBoolean() ? 16 : 60;
            Rational[] roots = squares(rnd, n, 9);
            Rational[][] q = RationalFixtures.orthogonal(rnd, n);
            Rational[][] a = RationalFixtures.withSpectrum(q, map(roots, x -> x.multiply(x)));
            Apfloat[][] s = SymmetricFunctions.sqrtSpd(SymmetricEigenTest.input(a, digits), digits);
            assertClose(RationalFixtures.withSpectrum(q, roots), s, digits, "sqrt");
            // and its square is A
            Rational[][] sr = ApfloatMatrices.toRational(s);
            assertClose(a, ApfloatMatrices.fromRational(RationalFixtures.multiply(sr, sr), digits + 10), digits - 2,
                    "sqrt squared");
        });
    }

    @Test
    void inverseMatchesTheExactInverseEvenWhenIllConditioned() {
        Property.forAll("inverseSpdExact", 5, 402L, rnd -> {
            int n = rnd.nextInt(1, 7);
            int digits = 40;
            Rational[] d = squares(rnd, n, 9);
            if (rnd.nextBoolean()) {
                d[0] = d[0].multiply(Rational.of(BigInteger.TEN.pow(20))); // condition number about 10^20
            }
            Rational[][] q = RationalFixtures.orthogonal(rnd, n);
            Rational[][] a = RationalFixtures.withSpectrum(q, d);
            Apfloat[][] inv = SymmetricFunctions.inverseSpd(SymmetricEigenTest.input(a, digits + 25), digits);
            assertClose(RationalFixtures.withSpectrum(q, map(d, Rational::reciprocal)), inv, digits, "inverse");
        });
    }

    @Test
    void aThousandDigitSquareRoot() {
        SplittableRandom rnd = new SplittableRandom(403L);
        int digits = 1000;
        Rational[] roots = squares(rnd, 3, 5);
        Rational[][] q = RationalFixtures.orthogonal(rnd, 3);
        Rational[][] a = RationalFixtures.withSpectrum(q, map(roots, x -> x.multiply(x)));
        Apfloat[][] s = SymmetricFunctions.sqrtSpd(SymmetricEigenTest.input(a, digits), digits);
        assertClose(RationalFixtures.withSpectrum(q, roots), s, digits, "sqrt at 1000 digits");
    }

    @Test
    void matricesThatAreNotPositiveDefiniteAreRefused() {
        SplittableRandom rnd = new SplittableRandom(404L);
        Rational[][] q = RationalFixtures.orthogonal(rnd, 3);
        Rational[][] singular = RationalFixtures.withSpectrum(q, new Rational[] {Rational.TWO, Rational.ONE, Rational.ZERO});
        Rational[][] indefinite = RationalFixtures.withSpectrum(q, new Rational[] {Rational.TWO, Rational.ONE, Rational.of(-1)});
        assertThrows(ArithmeticException.class,
                () -> SymmetricFunctions.sqrtSpd(SymmetricEigenTest.input(singular, 30), 30));
        assertThrows(ArithmeticException.class,
                () -> SymmetricFunctions.inverseSpd(SymmetricEigenTest.input(indefinite, 30), 30));
    }

    @Test
    void aWrongRootIsCaughtByTheSameCheck() {
        SplittableRandom rnd = new SplittableRandom(405L);
        int digits = 30;
        Rational[] roots = {Rational.of(3), Rational.TWO};
        Rational[][] q = RationalFixtures.orthogonal(rnd, 2);
        Rational[][] a = RationalFixtures.withSpectrum(q, map(roots, x -> x.multiply(x)));
        Apfloat[][] s = SymmetricFunctions.sqrtSpd(SymmetricEigenTest.input(a, digits), digits);
        s[0][1] = s[0][1].add(new Apfloat("1e-25", 30));
        assertThrows(AssertionError.class, () -> assertClose(RationalFixtures.withSpectrum(q, roots), s, digits, "x"));
    }
}
