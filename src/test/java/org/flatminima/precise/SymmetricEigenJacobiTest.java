package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * The Jacobi fallback of {@link SymmetricEigen}: forced directly through its test hook it must agree with the
 * refinement to D digits with residuals below 10^-D; the residual check must catch a wrong decomposition; and the
 * public entry points must switch to it when the refinement fails. Property tries report their seed on failure
 * (replay with -Dflatminima.seed=SEED), and each message below names the case.
 */
class SymmetricEigenJacobiTest extends QuietTest {

    private static double maxAbsEntry(Rational[][] a) {
        double m = 0;
        for (Rational[] row : a) {
            for (Rational x : row) {
                m = Math.max(m, Math.abs(x.doubleValue()));
            }
        }
        return m;
    }

    private static Rational[] asRationals(Apfloat[] values) {
        Rational[] r = new Rational[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ApfloatMatrices.toRational(values[i]);
        }
        return r;
    }

    /** ||A V - V Lambda||_F <= 10^-D max|a_ij| and ||V^T V - I||_F <= 10^-D, as returned. */
    private static void assertResidualsBelowTenToMinusD(Rational[][] a, SymmetricEigen.Decomposition dec, int digits,
            String what) {
        double bound = Math.pow(10, -digits);
        assertTrue(dec.residualNorm().doubleValue() <= bound * maxAbsEntry(a), what + ": residual "
                + dec.residualNorm() + " vs 10^-" + digits + " max|a_ij| = " + bound * maxAbsEntry(a));
        assertTrue(dec.orthogonalityResidual().doubleValue() <= bound, what + ": orthogonality "
                + dec.orthogonalityResidual() + " vs 10^-" + digits);
    }

    /**
     * The Jacobi path against the main path on {@code a}: same eigenvalues to D digits (normwise), residuals below
     * 10^-D, method names as documented; against {@code exact} too when the spectrum is known.
     */
    private static void checkAgainstMainPath(Rational[][] a, Rational[] exact, int digits, String what) {
        SymmetricEigen.Decomposition main = SymmetricEigen.decompose(a, digits);
        SymmetricEigen.Decomposition jacobi = SymmetricEigen.decomposeWithJacobi(a, digits);
        assertEquals(SymmetricEigen.OGITA_AISHIMA, main.method(), what + ": main path");
        assertEquals(SymmetricEigen.JACOBI_FALLBACK, jacobi.method(), what + ": forced Jacobi path");
        SymmetricEigenTest.assertSpectrum(asRationals(main.eigenvalues()), jacobi.eigenvalues(), digits,
                what + " (Jacobi vs refinement)");
        if (exact != null) {
            SymmetricEigenTest.assertSpectrum(exact, jacobi.eigenvalues(), digits, what + " (Jacobi vs exact)");
        }
        assertResidualsBelowTenToMinusD(a, jacobi, digits, what + " (Jacobi)");
        assertEquals(digits, jacobi.digits(), what);
    }

    private static Rational[][] randomSymmetric(SplittableRandom rnd, int n) {
        Rational[][] a = RationalFixtures.matrix(rnd, n, n, 40, 9);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
        return a;
    }

    private static int someDigits(SplittableRandom rnd) {
        return new int[] {16, 30, 50}[rnd.nextInt(3)];
    }

    @Test
    void jacobiAgreesWithTheRefinementOnRandomSymmetricMatrices() {
        Property.forAll("jacobiRandomSymmetric", 12, 201L, rnd -> {
            int n = rnd.nextInt(1, 13);
            int digits = someDigits(rnd);
            checkAgainstMainPath(randomSymmetric(rnd, n), null, digits, "random n=" + n + " D=" + digits);
        });
    }

    @Test
    void jacobiFindsKnownSpectraWithRepeatedEigenvaluesAndZeros() {
        Property.forAll("jacobiKnownSpectrum", 12, 202L, rnd -> {
            int n = rnd.nextInt(1, 13);
            int digits = someDigits(rnd);
            Rational[] d = SymmetricEigenTest.spectrum(rnd, n);
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
            checkAgainstMainPath(a, d, digits, "Q D Q^T n=" + n + " D=" + digits + " d=" + Arrays.toString(d));
        });
    }

    @Test
    void jacobiSeparatesAClusterSpreadAtTenToMinusThirty() {
        int digits = 45;
        Property.forAll("jacobiCluster1e-30", 4, 203L, rnd -> {
            int n = rnd.nextInt(3, 13);
            Rational[] d = new Rational[n];
            for (int i = 0; i < n; i++) {
                d[i] = Rational.of(i % 3 + 1).add(SymmetricEigenTest.tenToMinus(30).multiply(Rational.of(i)));
            }
            d = SymmetricEigenTest.sortedDescending(d);
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
            checkAgainstMainPath(a, d, digits, "cluster n=" + n);
        });
    }

    @Test
    void jacobiOnDiagonalMatricesGivesTheSortedDiagonal() {
        Property.forAll("jacobiDiagonal", 6, 204L, rnd -> {
            int n = rnd.nextInt(1, 13);
            int digits = someDigits(rnd);
            Rational[] d = SymmetricEigenTest.spectrum(rnd, n);
            Rational[] shuffled = d.clone();
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                Rational t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            Rational[][] a = RationalFixtures.diagonal(shuffled);
            checkAgainstMainPath(a, d, digits, "diagonal n=" + n + " D=" + digits);
            // nothing to rotate: the first sweep finds nothing
            assertEquals(1, SymmetricEigen.decomposeWithJacobi(a, digits).iterations(), "diagonal needs one sweep");
        });
    }

    @Test
    void jacobiOnTheZeroMatrixGivesExactZeros() {
        for (int n = 1; n <= 12; n++) {
            Rational[] zeros = new Rational[n];
            Arrays.fill(zeros, Rational.ZERO);
            Rational[][] a = RationalFixtures.diagonal(zeros);
            checkAgainstMainPath(a, zeros, 30, "zero n=" + n);
            SymmetricEigen.Decomposition dec = SymmetricEigen.decomposeWithJacobi(a, 30);
            for (Apfloat l : dec.eigenvalues()) {
                assertEquals(0, l.signum(), "zero n=" + n);
            }
            assertEquals(0, dec.residualNorm().signum(), "zero n=" + n);
        }
    }

    @Test
    void jacobiResolvesATwoByTwoWithEigenvaluesTenToMinusFortyApart() {
        int digits = 50;
        Property.forAll("jacobi2x2gap1e-40", 4, 205L, rnd -> {
            Rational[] d = {Rational.ONE.add(SymmetricEigenTest.tenToMinus(40)), Rational.ONE};
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, 2), d);
            checkAgainstMainPath(a, d, digits, "2x2 gap 1e-40");
            Apfloat[] got = SymmetricEigen.decomposeWithJacobi(a, digits).eigenvalues();
            Rational gap = ApfloatMatrices.toRational(got[0]).subtract(ApfloatMatrices.toRational(got[1]));
            assertTrue(gap.subtract(SymmetricEigenTest.tenToMinus(40)).abs()
                    .compareTo(SymmetricEigenTest.tenToMinus(digits - 1)) <= 0, "gap is " + gap.doubleValue());
        });
    }

    @Test
    void theResidualCheckCatchesAPerturbedEigenvalue() {
        // negative control: the Jacobi result passes; the same vectors with one eigenvalue moved by 10^-(D-3)
        // (relative to the scaled matrix) fail, while a move well below the guard digits still passes
        SplittableRandom rnd = new SplittableRandom(206L);
        int digits = 30;
        Rational[] d = {Rational.of(3), Rational.ONE, Rational.ONE, Rational.ZERO, Rational.of(-2)};
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, d.length), d);
        int e = SymmetricEigen.binaryExponent(a);
        int work = SymmetricEigen.workingDigits(digits, d.length);
        FixedPointMatrix fullA = FixedPointMatrix.fromRational(a, e, SymmetricEigen.bitsFor(work));
        SymmetricEigen.Fixed good = SymmetricEigen.jacobiFixed(fullA, e);
        SymmetricEigen.requireDigitsHeld(good, digits);
        SymmetricEigen.requireDigitsHeld(SymmetricEigen.withEigenvalues(fullA, good, good.lambda()), digits);

        int frac = good.frac();
        for (int k = 0; k < d.length; k++) {
            BigInteger[] wrong = good.lambda().clone();
            wrong[k] = wrong[k].add(BigInteger.ONE.shiftLeft(frac - (int) Math.ceil((digits - 3) * 3.33)));
            SymmetricEigen.Fixed bad = SymmetricEigen.withEigenvalues(fullA, good, wrong);
            assertFalse(SymmetricEigen.digitsHeld(bad, digits), "eigenvalue " + k + " moved by 10^-(D-3)");
            assertThrows(ArithmeticException.class, () -> SymmetricEigen.requireDigitsHeld(bad, digits));

            BigInteger[] close = good.lambda().clone();
            close[k] = close[k].add(BigInteger.ONE.shiftLeft(frac - (int) Math.ceil((digits + 4) * 3.33)));
            assertTrue(SymmetricEigen.digitsHeld(SymmetricEigen.withEigenvalues(fullA, good, close), digits),
                    "eigenvalue " + k + " moved by 10^-(D+4) is still within D digits");
        }
    }

    @Test
    void theResidualCheckCatchesSwappedEigenvalues() {
        // a second negative control: right values, assigned to the wrong vectors
        SplittableRandom rnd = new SplittableRandom(207L);
        int digits = 30;
        Rational[] d = {Rational.of(3), Rational.ONE, Rational.of(-2)};
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, d.length), d);
        int e = SymmetricEigen.binaryExponent(a);
        FixedPointMatrix fullA = FixedPointMatrix.fromRational(a, e,
                SymmetricEigen.bitsFor(SymmetricEigen.workingDigits(digits, d.length)));
        SymmetricEigen.Fixed good = SymmetricEigen.jacobiFixed(fullA, e);
        BigInteger[] swapped = good.lambda().clone();
        swapped[0] = good.lambda()[1];
        swapped[1] = good.lambda()[0];
        assertThrows(ArithmeticException.class,
                () -> SymmetricEigen.requireDigitsHeld(SymmetricEigen.withEigenvalues(fullA, good, swapped), digits));
    }

    @Test
    void thePublicEntryPointsFallBackToJacobiWhenTheRefinementFails() {
        Property.forAll("publicFallback", 6, 208L, rnd -> {
            int n = rnd.nextInt(1, 13);
            int digits = someDigits(rnd);
            Rational[] d = SymmetricEigenTest.spectrum(rnd, n);
            Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
            String what = "n=" + n + " D=" + digits;

            SymmetricEigen.Decomposition normal = SymmetricEigen.decompose(a, digits);
            assertEquals(SymmetricEigen.OGITA_AISHIMA, normal.method(), what);

            // no refinement iterations at all: the Jacobi method starts from the double start
            SymmetricEigen.Decomposition rational = SymmetricEigen.decompose(a, digits, 0);
            assertEquals(SymmetricEigen.JACOBI_FALLBACK, rational.method(), what + " (rational, 0 iterations)");
            SymmetricEigenTest.assertSpectrum(d, rational.eigenvalues(), digits, what + " (rational fallback)");
            assertResidualsBelowTenToMinusD(a, rational, digits, what + " (rational fallback)");

            Apfloat[][] input = SymmetricEigenTest.input(a, digits);
            SymmetricEigen.Decomposition apfloat = SymmetricEigen.decompose(input, digits, 0);
            assertEquals(SymmetricEigen.JACOBI_FALLBACK, apfloat.method(), what + " (Apfloat, 0 iterations)");
            SymmetricEigenTest.assertSpectrum(d, apfloat.eigenvalues(), digits, what + " (Apfloat fallback)");
            SymmetricEigenTest.assertResiduals(a, apfloat, digits);

            // one iteration squares the double start's error to about 2^-88, short of 50 digits (about 2^-200 with
            // the guard digits): the Jacobi method starts from that partly refined iterate
            SymmetricEigen.Decomposition partial = SymmetricEigen.decompose(a, 50, 1);
            assertEquals(SymmetricEigen.JACOBI_FALLBACK, partial.method(), "n=" + n + " D=50 (1 iteration)");
            SymmetricEigenTest.assertSpectrum(d, partial.eigenvalues(), 50, "n=" + n + " D=50 (1 iteration)");
            assertResidualsBelowTenToMinusD(a, partial, 50, "n=" + n + " D=50 (1 iteration)");
        });
    }

    @Test
    void theInternalSolverFallsBackWithoutADigitsClaim() {
        // decomposeFixed (used by SingularValues and SymmetricFunctions) no longer throws on non-convergence
        SplittableRandom rnd = new SplittableRandom(209L);
        int n = 6;
        Rational[] d = SymmetricEigenTest.spectrum(rnd, n);
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
        int e = SymmetricEigen.binaryExponent(a);
        FixedPointMatrix fullA = FixedPointMatrix.fromRational(a, e,
                SymmetricEigen.bitsFor(SymmetricEigen.workingDigits(40, n)));
        SymmetricEigen.Fixed f = SymmetricEigen.solve(fullA, e, 0, 0);
        assertEquals(SymmetricEigen.JACOBI_FALLBACK, f.method());
        assertTrue(SymmetricEigen.digitsHeld(f, 40), "Jacobi reaches 40 digits");
        assertEquals(SymmetricEigen.OGITA_AISHIMA, SymmetricEigen.decomposeFixed(fullA, e).method());
    }

    @Test
    void theEmptyMatrixNeedsNoMethod() {
        SymmetricEigen.Decomposition dec = SymmetricEigen.decomposeWithJacobi(new Rational[0][0], 20);
        assertEquals(0, dec.eigenvalues().length);
        assertEquals(0, SymmetricEigen.decompose(new Rational[0][0], 20, 0).eigenvalues().length);
    }
}
