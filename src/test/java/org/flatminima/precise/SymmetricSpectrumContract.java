package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * The contract every symmetric eigenvalue solver meets, written once and run against each implementation by
 * subclassing: on exact rational matrices Q D Q^T with known spectra (repeated values, zeros, mixed signs), the
 * solver's descending eigenvalues are within the error it claims. A negative control checks that the contract
 * catches a solver whose answer is off by more than its claim.
 */
public abstract class SymmetricSpectrumContract extends QuietTest {

    /** The solver's eigenvalues of the symmetric {@code a}, descending, as the exact values of what it returns. */
    protected abstract Rational[] spectrum(Rational[][] a);

    /** The absolute error the solver claims on an n x n matrix whose largest |eigenvalue| is {@code scale}. */
    protected abstract Rational claimedError(Rational scale, int n);

    /** Largest matrix size the contract uses for this solver (kept small for slow solvers). */
    protected int maxSize() {
        return 10;
    }

    private void assertWithinClaim(Rational[] exact, Rational[] got, String what) {
        assertEquals(exact.length, got.length, what + ": number of eigenvalues");
        Rational claim = claimedError(SymmetricEigenTest.maxAbs(exact), exact.length);
        for (int i = 0; i < exact.length; i++) {
            Rational err = got[i].subtract(exact[i]).abs();
            assertTrue(err.compareTo(claim) <= 0, what + ": eigenvalue " + i + " off by " + err.doubleValue()
                    + ", claim " + claim.doubleValue());
        }
    }

    private Rational[][] knownMatrix(SplittableRandom rnd, Rational[] d) {
        return RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, d.length), d);
    }

    @Test
    void knownSpectraWithRepeatsAndZerosAreFoundWithinTheClaim() {
        Property.forAll(getClass().getSimpleName() + ".knownSpectra", 6, 601L, rnd -> {
            Rational[] d = SymmetricEigenTest.spectrum(rnd, rnd.nextInt(1, maxSize() + 1));
            assertWithinClaim(d, spectrum(knownMatrix(rnd, d)), "Q D Q^T");
        });
    }

    @Test
    void diagonalMatricesGiveTheirSortedDiagonal() {
        Property.forAll(getClass().getSimpleName() + ".diagonal", 4, 602L, rnd -> {
            Rational[] d = SymmetricEigenTest.spectrum(rnd, rnd.nextInt(1, maxSize() + 1));
            assertWithinClaim(d, spectrum(RationalFixtures.diagonal(d)), "diagonal");
        });
    }

    @Test
    void theZeroMatrixHasOnlyZeroEigenvalues() {
        int n = Math.min(4, maxSize());
        Rational[] zeros = new Rational[n];
        java.util.Arrays.fill(zeros, Rational.ZERO);
        Rational[] got = spectrum(RationalFixtures.diagonal(zeros));
        for (Rational x : got) {
            assertEquals(Rational.ZERO, x, "zero matrix");
        }
    }

    @Test
    void aSolverOffByMoreThanItsClaimIsCaught() {
        SplittableRandom rnd = new SplittableRandom(603L);
        Rational[] d = {Rational.of(4), Rational.ONE, Rational.ZERO, Rational.of(-2)};
        Rational[] got = spectrum(knownMatrix(rnd, d));
        got[2] = got[2].add(claimedError(Rational.of(4), 4).multiply(Rational.of(3)).add(Rational.of(1, 1000000)));
        assertThrows(AssertionError.class, () -> assertWithinClaim(d, got, "perturbed"));
    }
}
