package org.flatminima.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.flatminima.generate.RandomOrthogonal;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class InertiaTest extends QuietTest {

    /** Q diag(d) Q^T. */
    private static Rational[][] withSpectrum(Rational[][] q, Rational[] d) {
        int n = d.length;
        Rational[][] qd = RationalMatrices.multiply(q, RationalMatrices.diagonal(n, n, d));
        return RationalMatrices.multiply(qd, RationalMatrices.transpose(q));
    }

    private static Rational[] randomSpectrum(SplittableRandom rnd, int n) {
        Rational[] d = new Rational[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextInt(4) == 0 ? Rational.ZERO : RandomRationals.nonZero(rnd, 5, 3);
        }
        return d;
    }

    private static Inertia count(Rational[] d) {
        int neg = 0, zero = 0, pos = 0;
        for (Rational x : d) {
            if (x.signum() < 0) {
                neg++;
            } else if (x.signum() == 0) {
                zero++;
            } else {
                pos++;
            }
        }
        return new Inertia(neg, zero, pos);
    }

    @Test
    void inertiaOfKnownSpectrumWithCayleyEigenvectors() {
        Property.forAll("inertiaOfKnownSpectrum", 40, 31L, rnd -> {
            int n = rnd.nextInt(1, 8);
            Rational[] d = randomSpectrum(rnd, n);
            Rational[][] a = withSpectrum(RandomOrthogonal.orthogonal(rnd, n), d);
            assertEquals(count(d), Inertia.of(a));
        });
    }

    @Test
    void countsAroundAShiftMatchTheKnownSpectrum() {
        Property.forAll("countsAroundAShift", 30, 32L, rnd -> {
            int n = rnd.nextInt(1, 7);
            Rational[] d = randomSpectrum(rnd, n);
            Rational[][] a = withSpectrum(RandomOrthogonal.orthogonal(rnd, n), d);
            // shift at an eigenvalue half the time, elsewhere otherwise
            Rational s = rnd.nextBoolean() ? d[rnd.nextInt(n)] : RandomRationals.small(rnd, 5, 3);
            int below = 0, equal = 0, above = 0;
            for (Rational x : d) {
                int c = x.compareTo(s);
                if (c < 0) {
                    below++;
                } else if (c == 0) {
                    equal++;
                } else {
                    above++;
                }
            }
            assertEquals(below, Inertia.countBelow(a, s));
            assertEquals(above, Inertia.countAbove(a, s));
            assertEquals(equal, Inertia.multiplicity(a, s));
        });
    }

    @Test
    void inertiaIsInvariantUnderCongruence() {
        Property.forAll("inertiaIsInvariantUnderCongruence", 40, 33L, rnd -> {
            int n = rnd.nextInt(1, 7);
            Rational[][] s = RandomRationals.symmetric(rnd, n, 4, 3);
            Rational[][] g;
            do {
                g = RandomRationals.matrix(rnd, n, n, 3, 2);
            } while (!Bareiss.isInvertible(g));
            Rational[][] c = RationalMatrices.multiply(RationalMatrices.multiply(g, s), RationalMatrices.transpose(g));
            Inertia in = Inertia.of(s);
            assertEquals(in, Inertia.of(c));
            assertEquals(n, in.size());
            assertEquals(Bareiss.rank(s), in.rank());
        });
    }

    @Test
    void diagonalCongruenceWithSharedFactorsKeepsTheKnownInertia() {
        // D (Q diag(d) Q^T) D with D a diagonal of small primes and their products: entries share factors
        // row by row, so the common-factor removal has to revise its guesses; the inertia is that of diag(d)
        long[] factors = {1, 2, 3, 5, 6, 7, 10, 15};
        Property.forAll("diagonalCongruenceSharedFactors", 40, 39L, rnd -> {
            int n = rnd.nextInt(2, 8);
            Rational[] d = randomSpectrum(rnd, n);
            Rational[][] a = withSpectrum(RandomOrthogonal.orthogonal(rnd, n), d);
            Rational[] scale = new Rational[n];
            for (int i = 0; i < n; i++) {
                scale[i] = Rational.of(factors[rnd.nextInt(factors.length)]);
            }
            Rational[][] s = RationalMatrices.diagonal(n, n, scale);
            Rational[][] c = RationalMatrices.multiply(RationalMatrices.multiply(s, a), s);
            assertEquals(count(d), Inertia.of(c));
        });
    }

    @Test
    void zeroDiagonalNeedsTwoByTwoPivots() {
        assertEquals(new Inertia(1, 0, 1), Inertia.of(RationalMatrices.of(new long[][] {{0, 1}, {1, 0}})));
        assertEquals(new Inertia(1, 1, 1),
                Inertia.of(RationalMatrices.of(new long[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 0}})));
        assertEquals(new Inertia(1, 1, 1),
                Inertia.of(RationalMatrices.of(new long[][] {{0, 0, 2}, {0, 0, 0}, {2, 0, 0}})));
        // [[0, 1, 1], [1, 0, 1], [1, 1, 0]] has eigenvalues 2, -1, -1
        assertEquals(new Inertia(2, 0, 1),
                Inertia.of(RationalMatrices.of(new long[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}})));
    }

    @Test
    void twoByTwoPivotsAfterOneByOnePivotsKeepTheSignBookkeeping() {
        // a negative 1x1 pivot first, then a zero-diagonal remainder
        assertEquals(new Inertia(2, 0, 1),
                Inertia.of(RationalMatrices.of(new long[][] {{-2, 0, 0}, {0, 0, 1}, {0, 1, 0}})));
        assertEquals(new Inertia(1, 1, 2),
                Inertia.of(RationalMatrices.of(new long[][] {{3, 0, 0, 0}, {0, 0, 5, 0}, {0, 5, 0, 0}, {0, 0, 0, 0}})));
    }

    @Test
    void sparseZeroDiagonalMatricesAgreeWithGenericCongruentForms() {
        // S with a mostly zero diagonal drives the 2x2 path; G S G^T with a random G has a generic
        // diagonal and takes 1x1 pivots only, so the two code paths check each other
        Property.forAll("sparseZeroDiagonal", 60, 38L, rnd -> {
            int n = rnd.nextInt(2, 8);
            Rational[][] s = RationalMatrices.zeros(n, n);
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(4) == 0) {
                    s[i][i] = RandomRationals.nonZero(rnd, 3, 2);
                }
                for (int j = 0; j < i; j++) {
                    if (rnd.nextInt(3) == 0) {
                        s[i][j] = RandomRationals.nonZero(rnd, 3, 2);
                        s[j][i] = s[i][j];
                    }
                }
            }
            Rational[][] g;
            do {
                g = RandomRationals.matrix(rnd, n, n, 3, 2);
            } while (!Bareiss.isInvertible(g));
            Rational[][] c = RationalMatrices.multiply(RationalMatrices.multiply(g, s), RationalMatrices.transpose(g));
            Inertia in = Inertia.of(s);
            assertEquals(in, Inertia.of(c));
            assertEquals(Bareiss.rank(s), in.rank());
            // negating the matrix swaps the negative and positive counts
            assertEquals(new Inertia(in.positive(), in.zero(), in.negative()),
                    Inertia.of(RationalMatrices.scale(s, Rational.ONE.negate())));
        });
    }

    @Test
    void blockAntiDiagonalMatricesHaveBalancedInertia() {
        // [[0, B], [B^T, 0]] has eigenvalues +-sigma_i(B): k negative, k positive when B is invertible,
        // and the zero diagonal forces a 2x2 pivot at the first step
        Property.forAll("blockAntiDiagonal", 30, 34L, rnd -> {
            int k = rnd.nextInt(1, 5);
            Rational[][] b = RandomRationals.matrix(rnd, k, k, 3, 2);
            int r = Bareiss.rank(b);
            Rational[][] a = RationalMatrices.zeros(2 * k, 2 * k);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][k + j] = b[i][j];
                    a[k + j][i] = b[i][j];
                }
            }
            assertEquals(new Inertia(r, 2 * k - 2 * r, r), Inertia.of(a));
        });
    }

    @Test
    void gramMatricesArePositiveSemidefiniteWithNullityFromTheRank() {
        Property.forAll("gramMatricesArePsd", 30, 35L, rnd -> {
            int n = rnd.nextInt(1, 9), r = rnd.nextInt(1, 5);
            Rational[][] phi = RandomRationals.matrix(rnd, n, r, 4, 3);
            Rational[][] h = RationalMatrices.scale(
                    RationalMatrices.multiply(phi, RationalMatrices.transpose(phi)), Rational.TWO);
            int rank = Bareiss.rank(phi);
            assertEquals(new Inertia(0, n - rank, rank), Inertia.of(h));
            assertTrue(Inertia.isPositiveSemidefinite(h));
            assertEquals(rank == n, Inertia.isPositiveDefinite(h));
        });
    }

    @Test
    void negativeControlASlightlyNegativeEigenvalueIsCaught() {
        Property.forAll("slightlyNegativeEigenvalueIsCaught", 30, 36L, rnd -> {
            int n = rnd.nextInt(2, 7);
            Rational[][] q = RandomOrthogonal.orthogonal(rnd, n);
            Rational[] d = new Rational[n];
            for (int i = 0; i < n; i++) {
                d[i] = RandomRationals.positive(rnd, 5, 3);
            }
            d[rnd.nextInt(n)] = Rational.ZERO;
            assertTrue(Inertia.isPositiveSemidefinite(withSpectrum(q, d)));
            Rational[] e = d.clone();
            for (int i = 0; i < n; i++) {
                if (e[i].isZero()) {
                    e[i] = Rational.of(-1, 1_000_000_007L);
                }
            }
            Rational[][] perturbed = withSpectrum(q, e);
            assertFalse(Inertia.isPositiveSemidefinite(perturbed));
            assertEquals(1, Inertia.of(perturbed).negative());
        });
    }

    @Test
    void agreesWithDoubleEigenvaluesAwayFromZero() {
        Property.forAll("agreesWithDoubleEigenvalues", 30, 37L, rnd -> {
            int n = rnd.nextInt(1, 10);
            Rational[][] a = RandomRationals.symmetric(rnd, n, 6, 4);
            DMatrixRMaj m = new DMatrixRMaj(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m.set(i, j, a[i][j].doubleValue());
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
            assertTrue(eig.decompose(m));
            int neg = 0, pos = 0;
            for (int i = 0; i < n; i++) {
                double x = eig.getEigenvalue(i).getReal();
                if (Math.abs(x) < 1e-9) {
                    return; // too close to zero for a double to tell; exact cases cover it
                }
                if (x < 0) {
                    neg++;
                } else {
                    pos++;
                }
            }
            assertEquals(new Inertia(neg, 0, pos), Inertia.of(a));
        });
    }

    @Test
    void nonSymmetricInputIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Inertia.of(RationalMatrices.of(new long[][] {{1, 2}, {3, 4}})));
        assertThrows(IllegalArgumentException.class,
                () -> Inertia.of(RationalMatrices.of(new long[][] {{1, 2, 3}, {2, 4, 5}})));
    }
}
