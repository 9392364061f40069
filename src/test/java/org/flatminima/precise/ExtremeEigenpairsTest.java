package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.junit.jupiter.api.Test;

class ExtremeEigenpairsTest {

    /** |got - exact| <= 10^-(digits-1) max|d|. */
    private static void assertNear(Rational exact, Apfloat got, Rational scale, int digits, String what) {
        Rational err = ApfloatMatrices.toRational(got).subtract(exact).abs();
        Rational tol = scale.multiply(SymmetricEigenTest.tenToMinus(digits - 1));
        assertTrue(err.compareTo(tol) <= 0, what + ": got " + got + ", exact " + exact.toBigDecimal(digits + 3)
                + ", error " + err.doubleValue());
    }

    private static void checkKnownSpectrum(java.util.SplittableRandom rnd, int n, int digits) {
        Rational[] d = SymmetricEigenTest.spectrum(rnd, n); // repeats and zeros included
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
        ExtremeEigenpairs.Result r = ExtremeEigenpairs.of(a, digits + 10);
        Rational scale = SymmetricEigenTest.maxAbs(d).max(Rational.ONE);
        assertNear(d[0], r.top().value(), scale, digits, "lambda_max n=" + n);
        assertNear(d[n - 1], r.bottom().value(), scale, digits, "lambda_min n=" + n);
        assertTrue(r.heldTo(digits), "residuals " + r.top().residual() + ", " + r.bottom().residual());
        for (int i = 0; i < n; i++) { // the double spectrum, to double accuracy
            assertTrue(Math.abs(r.doubleValues()[i] - d[i].doubleValue()) <= 1e-12 * scale.doubleValue(),
                    "double eigenvalue " + i);
        }
    }

    @Test
    void extremeEigenvaluesOfQDQtHoldFortyAndTwoHundredDigits() {
        Property.forAll("extremeKnownSpectrum", 10, 211L, rnd ->
                checkKnownSpectrum(rnd, rnd.nextInt(1, 25), rnd.nextInt(4) == 0 ? 200 : 40));
    }

    @Test
    void agreesWithTheFullDecompositionOnARandomMatrix() {
        Property.forAll("extremeAgreesWithFull", 3, 212L, rnd -> {
            int n = rnd.nextInt(2, 30);
            Rational[][] a = RationalFixtures.matrix(rnd, n, n, 40, 9);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    a[i][j] = a[j][i];
                }
            }
            SymmetricEigen.Decomposition full = SymmetricEigen.decompose(a, 50);
            ExtremeEigenpairs.Result r = ExtremeEigenpairs.of(a, 60);
            Rational scale = ApfloatMatrices.toRational(full.eigenvalue(0)).abs().max(Rational.ONE);
            assertNear(ApfloatMatrices.toRational(full.eigenvalue(0)), r.top().value(), scale, 48, "top");
            assertNear(ApfloatMatrices.toRational(full.eigenvalue(n - 1)), r.bottom().value(), scale, 48, "bottom");
        });
    }

    @Test
    void heldToRejectsMoreDigitsThanTheWorkingPrecisionCarried() {
        // negative control: refined at 20 working digits, the residual cannot vouch for 60
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(new java.util.SplittableRandom(213L), 6),
                new Rational[] {Rational.of(7, 3), Rational.ONE, Rational.of(1, 7), Rational.ZERO, Rational.of(-1, 9), Rational.of(-2)});
        ExtremeEigenpairs.Result r = ExtremeEigenpairs.of(a, 20);
        assertTrue(r.heldTo(15));
        assertFalse(r.heldTo(60));
    }

    @Test
    void rejectsANonSquareMatrix() {
        assertThrows(IllegalArgumentException.class, () -> ExtremeEigenpairs.of(new Rational[][] {{Rational.ONE, Rational.ONE}}, 20));
    }
}
