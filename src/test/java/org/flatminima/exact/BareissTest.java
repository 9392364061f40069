package org.flatminima.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class BareissTest extends QuietTest {

    /** Laplace expansion along the first row: an independent, slow reference for small matrices. */
    static Rational cofactorDeterminant(Rational[][] a) {
        int n = a.length;
        if (n == 1) {
            return a[0][0];
        }
        Rational det = Rational.ZERO;
        for (int j = 0; j < n; j++) {
            Rational term = a[0][j].multiply(cofactorDeterminant(minor(a, 0, j)));
            det = j % 2 == 0 ? det.add(term) : det.subtract(term);
        }
        return det;
    }

    static Rational[][] minor(Rational[][] a, int row, int col) {
        int n = a.length;
        Rational[][] m = new Rational[n - 1][n - 1];
        for (int i = 0, r = 0; i < n; i++) {
            if (i == row) {
                continue;
            }
            for (int j = 0, c = 0; j < n; j++) {
                if (j != col) {
                    m[r][c++] = a[i][j];
                }
            }
            r++;
        }
        return m;
    }

    /** Rank by plain rational Gaussian elimination: an independent reference. */
    static int naiveRank(Rational[][] a) {
        Rational[][] m = RationalMatrices.copy(a);
        int rows = m.length, cols = m[0].length, r = 0;
        for (int c = 0; c < cols && r < rows; c++) {
            int p = r;
            while (p < rows && m[p][c].isZero()) {
                p++;
            }
            if (p == rows) {
                continue;
            }
            Rational[] t = m[p];
            m[p] = m[r];
            m[r] = t;
            for (int i = r + 1; i < rows; i++) {
                Rational f = m[i][c].divide(m[r][c]);
                for (int j = c; j < cols; j++) {
                    m[i][j] = m[i][j].subtract(f.multiply(m[r][j]));
                }
            }
            r++;
        }
        return r;
    }

    private static Rational[][] random(SplittableRandom rnd, int r, int c) {
        return RandomRationals.matrix(rnd, r, c, 4, 3);
    }

    @Test
    void determinantMatchesCofactorExpansion() {
        Property.forAll("determinantMatchesCofactorExpansion", 60, 21L, rnd -> {
            int n = rnd.nextInt(1, 6);
            Rational[][] a = random(rnd, n, n);
            assertEquals(cofactorDeterminant(a), Bareiss.determinant(a));
        });
    }

    @Test
    void determinantMatchesCofactorExpansionWithZeroPivots() {
        // sparse integer matrices force row swaps and zero leading entries
        Property.forAll("determinantWithZeroPivots", 60, 22L, rnd -> {
            int n = rnd.nextInt(2, 6);
            Rational[][] a = RationalMatrices.zeros(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (rnd.nextInt(3) == 0) {
                        a[i][j] = RandomRationals.nonZero(rnd, 3, 2);
                    }
                }
            }
            assertEquals(cofactorDeterminant(a), Bareiss.determinant(a));
        });
    }

    @Test
    void determinantIsMultiplicative() {
        Property.forAll("determinantIsMultiplicative", 30, 23L, rnd -> {
            int n = rnd.nextInt(1, 7);
            Rational[][] a = random(rnd, n, n), b = random(rnd, n, n);
            assertEquals(Bareiss.determinant(a).multiply(Bareiss.determinant(b)),
                    Bareiss.determinant(RationalMatrices.multiply(a, b)));
        });
    }

    @Test
    void inverseIsAdjugateOverDeterminant() {
        Property.forAll("inverseIsAdjugateOverDeterminant", 40, 24L, rnd -> {
            int n = rnd.nextInt(2, 5);
            Rational[][] a = random(rnd, n, n);
            Rational det = cofactorDeterminant(a);
            if (det.isZero()) {
                assertThrows(ArithmeticException.class, () -> Bareiss.inverse(a));
                return;
            }
            Rational[][] inv = Bareiss.inverse(a);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    Rational cof = cofactorDeterminant(minor(a, j, i));
                    Rational expected = ((i + j) % 2 == 0 ? cof : cof.negate()).divide(det);
                    assertEquals(expected, inv[i][j], "entry (" + i + ", " + j + ")");
                }
            }
            assertTrue(RationalMatrices.equals(RationalMatrices.identity(n), RationalMatrices.multiply(a, inv)));
        });
    }

    @Test
    void solveSatisfiesTheSystem() {
        Property.forAll("solveSatisfiesTheSystem", 40, 25L, rnd -> {
            int n = rnd.nextInt(1, 7), k = rnd.nextInt(1, 3);
            Rational[][] a = random(rnd, n, n), b = random(rnd, n, k);
            if (Bareiss.determinant(a).isZero()) {
                assertThrows(ArithmeticException.class, () -> Bareiss.solve(a, b));
                return;
            }
            Rational[][] x = Bareiss.solve(a, b);
            assertTrue(RationalMatrices.equals(b, RationalMatrices.multiply(a, x)));
        });
    }

    @Test
    void solveOfVectorMatchesMatrixSolve() {
        Property.forAll("solveOfVector", 20, 26L, rnd -> {
            int n = rnd.nextInt(2, 6);
            Rational[][] a = random(rnd, n, n);
            if (!Bareiss.isInvertible(a)) {
                return;
            }
            Rational[] b = RandomRationals.matrix(rnd, 1, n, 4, 3)[0];
            Rational[] x = Bareiss.solve(a, b);
            assertArrayEquals(b, RationalMatrices.multiply(a, x));
        });
    }

    @Test
    void rankMatchesGaussianEliminationOnLowRankProducts() {
        Property.forAll("rankOfLowRankProducts", 40, 27L, rnd -> {
            int rows = rnd.nextInt(1, 7), cols = rnd.nextInt(1, 7), inner = rnd.nextInt(1, 5);
            Rational[][] a = RationalMatrices.multiply(random(rnd, rows, inner), random(rnd, inner, cols));
            int r = Bareiss.rank(a);
            assertEquals(naiveRank(a), r);
            assertTrue(r <= Math.min(inner, Math.min(rows, cols)));
            assertEquals(cols - r, Bareiss.nullity(a));
        });
    }

    @Test
    void rankHandlesSkippedColumns() {
        Rational[][] a = RationalMatrices.of(new long[][] {{0, 2, 1, 3}, {0, 4, 2, 7}, {0, 6, 3, 1}});
        assertEquals(naiveRank(a), Bareiss.rank(a));
        assertEquals(2, Bareiss.rank(a));
        assertEquals(0, Bareiss.rank(RationalMatrices.zeros(2, 3)));
    }

    @Test
    void negativeControlPerturbedInverseIsCaught() {
        Property.forAll("perturbedInverseIsCaught", 20, 28L, rnd -> {
            int n = rnd.nextInt(2, 5);
            Rational[][] a = random(rnd, n, n);
            if (!Bareiss.isInvertible(a)) {
                return;
            }
            Rational[][] inv = Bareiss.inverse(a);
            inv[rnd.nextInt(n)][rnd.nextInt(n)] = inv[0][0].add(Rational.of(1, 1000));
            assertFalse(RationalMatrices.equals(RationalMatrices.identity(n), RationalMatrices.multiply(a, inv)));
            Rational[][] b = RationalMatrices.copy(a);
            b[0][0] = b[0][0].add(Rational.ONE);
            // det is affine in one entry with slope the cofactor; it changes unless that cofactor is zero
            Rational cof = cofactorDeterminant(minor(a, 0, 0));
            if (!cof.isZero()) {
                assertNotEquals(Bareiss.determinant(a), Bareiss.determinant(b));
            }
        });
    }

    @Test
    void singularMatricesAreRecognised() {
        Rational[][] a = RationalMatrices.of(new long[][] {{1, 2}, {2, 4}});
        assertEquals(Rational.ZERO, Bareiss.determinant(a));
        assertFalse(Bareiss.isInvertible(a));
        assertThrows(ArithmeticException.class, () -> Bareiss.inverse(a));
        assertFalse(Bareiss.isInvertible(RationalMatrices.zeros(2, 3)));
    }
}
