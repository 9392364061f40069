package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Digits claimed must be digits held: spectra known exactly (A = Q D Q^T, Q rational orthogonal). */
class SymmetricEigenTest extends QuietTest {

    static Rational tenToMinus(int k) {
        return Rational.of(BigInteger.ONE, BigInteger.TEN.pow(k));
    }

    /** A random spectrum with repeated values and zeros, descending. */
    static Rational[] spectrum(SplittableRandom rnd, int n) {
        Rational[] d = new Rational[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(4);
            d[i] = switch (kind) {
                case 0 -> Rational.ZERO;
                case 1 -> i > 0 ? d[i - 1] : Rational.ONE; // a repeat
                default -> RationalFixtures.rational(rnd, 50, 7);
            };
        }
        return sortedDescending(d);
    }

    static Rational[] sortedDescending(Rational[] d) {
        Rational[] s = d.clone();
        Arrays.sort(s, (a, b) -> b.compareTo(a));
        return s;
    }

    static Rational maxAbs(Rational[] d) {
        Rational m = Rational.ZERO;
        for (Rational x : d) {
            m = m.max(x.abs());
        }
        return m;
    }

    /** Every eigenvalue is within 10^-(digits-1) max|d| of the exact one (normwise D digits). */
    static void assertSpectrum(Rational[] exact, Apfloat[] got, int digits, String what) {
        assertEquals(exact.length, got.length);
        Rational tol = maxAbs(exact).multiply(tenToMinus(digits - 1));
        for (int i = 0; i < exact.length; i++) {
            Rational err = ApfloatMatrices.toRational(got[i]).subtract(exact[i]).abs();
            assertTrue(err.compareTo(tol) <= 0, what + ": eigenvalue " + i + " is " + got[i] + ", exact "
                    + exact[i].toBigDecimal(digits + 3) + ", error " + err.doubleValue() + " > " + tol.doubleValue());
        }
    }

    /** ||A V - V Lambda||_F <= 10^-(digits-5) ||A||_F and ||V^T V - I||_F <= 10^-(digits-5), both as returned. */
    static void assertResiduals(Rational[][] a, SymmetricEigen.Decomposition dec, int digits) {
        double normA = Math.max(RationalFixtures.frobenius(a), Double.MIN_NORMAL);
        assertTrue(dec.residualNorm().doubleValue() <= Math.pow(10, -(digits - 5)) * normA
                        || dec.residualNorm().signum() == 0,
                "residual " + dec.residualNorm() + " vs ||A|| " + normA);
        assertTrue(dec.orthogonalityResidual().doubleValue() <= Math.pow(10, -(digits - 5)),
                "orthogonality " + dec.orthogonalityResidual());
    }

    static Apfloat[][] input(Rational[][] a, int digits) {
        return ApfloatMatrices.fromRational(a, digits + 20);
    }

    private static void checkKnownSpectrum(SplittableRandom rnd, int n, int digits) {
        Rational[] d = spectrum(rnd, n);
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
        SymmetricEigen.Decomposition dec = SymmetricEigen.decompose(input(a, digits), digits);
        assertSpectrum(d, dec.eigenvalues(), digits, "n=" + n + " D=" + digits);
        assertResiduals(a, dec, digits);
        assertEquals(digits, dec.digits());
    }

    @Test
    void eigenvaluesOfQDQtHoldSixteenAndFortyDigits() {
        Property.forAll("knownSpectrum16and40", 8, 101L, rnd -> {
            int n = rnd.nextInt(1, 13);
            checkKnownSpectrum(rnd, n, rnd.nextBoolean() ? 16 : 40);
        });
    }

    @Test
    void eigenvaluesHoldTwoHundredDigits() {
        Property.forAll("knownSpectrum200", 2, 102L, rnd -> checkKnownSpectrum(rnd, rnd.nextInt(2, 9), 200));
    }

    @Test
    void eigenvaluesHoldAThousandDigitsOnASmallMatrix() {
        Property.forAll("knownSpectrum1000", 1, 103L, rnd -> checkKnownSpectrum(rnd, 5, 1000));
    }

    @Test
    void theSameComputationAtTwiceThePrecisionAgreesToDDigits() {
        Property.forAll("doublePrecisionAgrees", 4, 104L, rnd -> {
            int n = rnd.nextInt(2, 10);
            int digits = 30;
            Rational[][] a = RationalFixtures.matrix(rnd, n, n, 40, 9);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    a[i][j] = a[j][i];
                }
            }
            SymmetricEigen.Decomposition low = SymmetricEigen.decompose(input(a, 2 * digits), digits);
            SymmetricEigen.Decomposition high = SymmetricEigen.decompose(input(a, 2 * digits), 2 * digits);
            Rational[] reference = new Rational[n];
            for (int i = 0; i < n; i++) {
                reference[i] = ApfloatMatrices.toRational(high.eigenvalues()[i]);
            }
            assertSpectrum(reference, low.eigenvalues(), digits, "D vs 2D");
        });
    }

    @Test
    void eigenvectorsSatisfyTheExactEquationToDDigits() {
        Property.forAll("vectorsExact", 4, 105L, rnd -> {
            int n = rnd.nextInt(2, 8);
            int digits = 40;
            Rational[] d = spectrum(rnd, n);
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
            SymmetricEigen.Decomposition dec = SymmetricEigen.decompose(input(a, digits), digits);
            Rational tol = maxAbs(d).add(Rational.ONE).multiply(tenToMinus(digits - 4));
            for (int c = 0; c < n; c++) {
                Rational[] v = new Rational[n];
                for (int r = 0; r < n; r++) {
                    v[r] = ApfloatMatrices.toRational(dec.vectors()[r][c]);
                }
                Rational lambda = ApfloatMatrices.toRational(dec.eigenvalues()[c]);
                Rational norm2 = Rational.ZERO;
                for (int r = 0; r < n; r++) {
                    Rational s = v[r].multiply(lambda).negate();
                    for (int k = 0; k < n; k++) {
                        s = s.add(a[r][k].multiply(v[k]));
                    }
                    assertTrue(s.abs().compareTo(tol) <= 0, "column " + c + " row " + r + " residual " + s.doubleValue());
                    norm2 = norm2.add(v[r].multiply(v[r]));
                }
                assertTrue(norm2.subtract(Rational.ONE).abs().compareTo(tenToMinus(digits - 2)) <= 0, "unit length");
            }
        });
    }

    @Test
    void eigenvaluesBelowDoubleResolutionAreSeparated() {
        // 1 and 1 + 10^-30 agree in every double digit; the double start sees one repeated eigenvalue
        int digits = 45;
        Property.forAll("clusterBelowDouble", 3, 106L, rnd -> {
            int n = rnd.nextInt(3, 8);
            Rational[] d = new Rational[n];
            for (int i = 0; i < n; i++) {
                d[i] = Rational.of(i % 3 + 1).add(tenToMinus(30).multiply(Rational.of(i)));
            }
            d = sortedDescending(d);
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
            SymmetricEigen.Decomposition dec = SymmetricEigen.decompose(input(a, digits), digits);
            assertSpectrum(d, dec.eigenvalues(), digits, "clustered");
            assertResiduals(a, dec, digits);
        });
    }

    @Test
    void hugeAndTinyScalesAreHandled() {
        int digits = 40;
        SplittableRandom rnd = new SplittableRandom(107L);
        for (int exponent : new int[] {400, -400}) {
            Rational scale = exponent > 0 ? Rational.of(BigInteger.TEN.pow(exponent)) : tenToMinus(-exponent);
            int n = 5;
            Rational[] d = spectrum(rnd, n);
            for (int i = 0; i < n; i++) {
                d[i] = d[i].multiply(scale);
            }
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
            SymmetricEigen.Decomposition dec = SymmetricEigen.decompose(input(a, digits), digits);
            assertSpectrum(d, dec.eigenvalues(), digits, "scale 1e" + exponent);
        }
    }

    @Test
    void entriesDifferingOnlyBeyondDoublePrecisionAreSeen() {
        // A = J + 10^-25 diag(1..n): the double start sees only the all-ones matrix
        int n = 6;
        int digits = 40;
        Rational[][] a = new Rational[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = i == j ? Rational.ONE.add(tenToMinus(25).multiply(Rational.of(i + 1))) : Rational.ONE;
            }
        }
        SymmetricEigen.Decomposition dec = SymmetricEigen.decompose(input(a, digits), digits);
        SymmetricEigen.Decomposition ref = SymmetricEigen.decompose(input(a, 2 * digits), 2 * digits);
        Rational[] reference = new Rational[n];
        for (int i = 0; i < n; i++) {
            reference[i] = ApfloatMatrices.toRational(ref.eigenvalues()[i]);
        }
        assertSpectrum(reference, dec.eigenvalues(), digits, "J + tiny diagonal");
        assertResiduals(a, dec, digits);
        // the n-1 small eigenvalues lie strictly between 10^-25 and n 10^-25 (interlacing), so they are resolved
        for (int i = 1; i < n; i++) {
            Rational l = ApfloatMatrices.toRational(dec.eigenvalues()[i]);
            assertTrue(l.compareTo(tenToMinus(25)) > 0 && l.compareTo(tenToMinus(25).multiply(Rational.of(n))) < 0,
                    "eigenvalue " + i + " = " + dec.eigenvalues()[i]);
        }
    }

    @Test
    void gradedSpectraAcrossManyDoubleRangesAreResolved() {
        // eigenvalues 1, 1e-20, 1e-40, 0 (each twice): the double start sees rank two; the rest is resolved level
        // by level from rescaled cluster blocks
        int digits = 60;
        Property.forAll("gradedSpectrum", 2, 110L, rnd -> {
            Rational[] d = {Rational.ONE, Rational.ONE, tenToMinus(20), tenToMinus(20), tenToMinus(40),
                tenToMinus(40), Rational.ZERO, Rational.ZERO};
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, d.length), d);
            SymmetricEigen.Decomposition dec = SymmetricEigen.decompose(input(a, digits), digits);
            assertSpectrum(d, dec.eigenvalues(), digits, "graded");
            assertResiduals(a, dec, digits);
            // normwise D digits: 1e-40 keeps its leading 20 digits, and they must be right
            Rational third = ApfloatMatrices.toRational(dec.eigenvalues()[4]);
            assertTrue(third.subtract(tenToMinus(40)).abs().compareTo(tenToMinus(59)) <= 0, "1e-40 is " + third);
        });
    }

    @Test
    void zeroAndOneByOneMatrices() {
        SymmetricEigen.Decomposition zero = SymmetricEigen.decompose(ApfloatMatrices.zeros(3, 3), 20);
        for (Apfloat l : zero.eigenvalues()) {
            assertEquals(0, l.signum());
        }
        assertEquals(0, zero.residualNorm().signum());
        SymmetricEigen.Decomposition one = SymmetricEigen.decompose(new Apfloat[][] {{new Apfloat("-2.5")}}, 20);
        assertEquals(0, one.eigenvalues()[0].compareTo(new Apfloat("-2.5")));
        assertEquals(0, one.vectors()[0][0].compareTo(Apfloat.ONE));
    }

    @Test
    void nonSymmetricInputIsRejected() {
        Apfloat[][] a = {{Apfloat.ONE, Apfloat.ZERO}, {Apfloat.ONE, Apfloat.ONE}};
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.decompose(a, 20));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.decompose(ApfloatMatrices.zeros(2, 3), 20));
    }

    @Test
    void aWrongSpectrumIsCaughtByTheSameCheck() {
        // negative control for assertSpectrum: shifting one exact eigenvalue by 10^-(D-3) must fail the check
        SplittableRandom rnd = new SplittableRandom(108L);
        int digits = 30;
        Rational[] d = {Rational.of(3), Rational.ONE, Rational.ZERO};
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, 3), d);
        SymmetricEigen.Decomposition dec = SymmetricEigen.decompose(input(a, digits), digits);
        Rational[] wrong = d.clone();
        wrong[1] = wrong[1].add(tenToMinus(digits - 3));
        assertThrows(AssertionError.class, () -> assertSpectrum(wrong, dec.eigenvalues(), digits, "wrong"));
    }

    @Tag("slow")
    @Test
    void hessianSizedMatricesHoldFortyDigits() {
        Property.forAll("knownSpectrum96", 1, 109L, rnd -> checkKnownSpectrum(rnd, 96, 40));
    }
}
