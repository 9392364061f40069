package org.flatminima.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * Contracts of the exact package that mutation testing showed were untested: every entry point rejects a
 * ragged matrix or a missing entry with {@link IllegalArgumentException}, small predicates and accessors
 * return what they document, and the inertia's gcd bookkeeping (content removal with a wrong first guess)
 * agrees with Jacobi's rule on leading principal minors.
 */
class ExactContractsTest extends QuietTest {
    private static Rational q(long p, long d) {
        return Rational.of(p, d);
    }

    private static Rational[][] m(long[][] e) {
        return RationalMatrices.of(e);
    }

    private static final Rational[][] RAGGED = {{Rational.ONE, Rational.ONE}, {Rational.ONE}};
    private static final Rational[][] HOLE = {{Rational.ONE, Rational.ONE}, {Rational.ONE, null}};

    private static void rejects(String what, Consumer<Rational[][]> f) {
        for (Rational[][] bad : List.of(RAGGED, HOLE)) {
            assertThrows(IllegalArgumentException.class, () -> f.accept(bad), what);
        }
    }

    @Test
    void everyEntryPointRejectsRaggedMatricesAndMissingEntries() {
        Rational[][] ok = m(new long[][] {{1, 2}, {2, 1}});
        rejects("copy", RationalMatrices::copy);
        rejects("multiply left", a -> RationalMatrices.multiply(a, ok));
        rejects("multiply right", a -> RationalMatrices.multiply(ok, a));
        rejects("multiply vector", a -> RationalMatrices.multiply(a, new Rational[] {Rational.ONE, Rational.ONE}));
        rejects("subtract left", a -> RationalMatrices.subtract(a, ok));
        rejects("subtract right", a -> RationalMatrices.subtract(ok, a));
        rejects("scale", a -> RationalMatrices.scale(a, Rational.TWO));
        rejects("shift", a -> RationalMatrices.shift(a, Rational.TWO));
        rejects("kronecker left", a -> RationalMatrices.kronecker(a, ok));
        rejects("kronecker right", a -> RationalMatrices.kronecker(ok, a));
        rejects("frobeniusSquared", RationalMatrices::frobeniusSquared);
        rejects("isSymmetric", RationalMatrices::isSymmetric);
        rejects("isSkewSymmetric", RationalMatrices::isSkewSymmetric);
        rejects("isZero", RationalMatrices::isZero);
        rejects("vec", RationalMatrices::vec);
        rejects("determinant", Bareiss::determinant);
        rejects("rank", Bareiss::rank);
        rejects("isInvertible", Bareiss::isInvertible);
        rejects("inverse", Bareiss::inverse);
        rejects("solve matrix", a -> Bareiss.solve(a, ok));
        rejects("solve right-hand side", a -> Bareiss.solve(ok, a));
        rejects("compareTop", a -> SingularValueComparisons.compareTop(a, Rational.ONE));
        rejects("countAbove", a -> SingularValueComparisons.countAbove(a, Rational.ONE));
        assertThrows(IllegalArgumentException.class, () -> RationalMatrices.of(new long[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> RationalMatrices.parse(new String[][] {{"1"}, {"1/2", "3"}}));
        assertThrows(IllegalArgumentException.class, () -> RationalMatrices.shift(m(new long[][] {{1, 2}}), Rational.ONE));
    }

    @Test
    void shapesAtTheBoundary() {
        assertThrows(IllegalArgumentException.class, () -> RationalMatrices.zeros(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RationalMatrices.zeros(1, 0));
        assertEquals(1, RationalMatrices.zeros(1, 1).length);
        assertThrows(IllegalArgumentException.class, () -> RationalMatrices.unvec(new Rational[] {Rational.ONE}, 0));
        assertEquals(2, RationalMatrices.rows(m(new long[][] {{1, 2, 3}, {4, 5, 6}})));
        assertEquals(3, RationalMatrices.cols(m(new long[][] {{1, 2, 3}, {4, 5, 6}})));
        assertEquals("[[1, 1/2], [0, -3]]", RationalMatrices.toString(new Rational[][] {{Rational.ONE, q(1, 2)}, {Rational.ZERO, q(-3, 1)}}));
        assertEquals("[[7]]", RationalMatrices.toString(m(new long[][] {{7}})));
    }

    @Test
    void predicates() {
        assertTrue(RationalMatrices.isSkewSymmetric(m(new long[][] {{0, 1}, {-1, 0}})));
        assertFalse(RationalMatrices.isSkewSymmetric(m(new long[][] {{1}})), "a non-zero diagonal is not skew");
        assertFalse(RationalMatrices.isSkewSymmetric(m(new long[][] {{0, 1}, {1, 0}})));
        assertFalse(RationalMatrices.isSkewSymmetric(m(new long[][] {{0, 1, 0}, {-1, 0, 0}})), "not square");
        assertFalse(RationalMatrices.isSymmetric(m(new long[][] {{1, 2, 3}, {2, 1, 3}})), "not square");
        Rational[][] rotation = {{q(3, 5), q(-4, 5)}, {q(4, 5), q(3, 5)}};
        assertTrue(RationalMatrices.hasOrthonormalColumns(rotation));
        assertFalse(RationalMatrices.hasOrthonormalColumns(m(new long[][] {{1, 1}, {0, 1}})));
    }

    @Test
    void aOneFactorProductIsACopy() {
        Rational[][] w = m(new long[][] {{1, 2}, {3, 4}});
        List<Rational[][]> one = new ArrayList<>();
        one.add(w);
        Rational[][] p = RationalMatrices.productRightToLeft(one);
        assertNotSame(w, p);
        p[0][0] = Rational.TWO;
        assertEquals(Rational.ONE, w[0][0]);
    }

    @Test
    void rankOfRankDeficientRectangularMatrices() {
        assertEquals(1, Bareiss.rank(m(new long[][] {{1, 1}, {1, 1}})));
        assertEquals(1, Bareiss.rank(m(new long[][] {{1, 2, 3}, {2, 4, 6}})));
        assertEquals(2, Bareiss.rank(m(new long[][] {{1, 0}, {0, 0}, {0, 1}})));
        assertEquals(Rational.ZERO, Bareiss.determinant(m(new long[][] {{1, 2, 3}, {2, 4, 6}, {0, 0, 1}})));
        assertFalse(Bareiss.isInvertible(m(new long[][] {{1, 2}, {2, 4}})));
        assertFalse(Bareiss.isInvertible(m(new long[][] {{1, 2, 3}})));
    }

    @Test
    void singularValueArgumentsAndShiftedInertiaAccessors() {
        Rational[][] w = m(new long[][] {{3, 0, 0}, {0, 1, 0}});
        assertThrows(IllegalArgumentException.class, () -> SingularValueComparisons.multiplicity(w, Rational.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SingularValueComparisons.compareTop(w, q(-1, 1)));
        assertThrows(IllegalArgumentException.class, () -> SingularValueComparisons.countAbove(w, q(-1, 1)));
        assertEquals(1, SingularValueComparisons.multiplicity(w, q(3, 1)));
        assertEquals(1, SingularValueComparisons.countAbove(w, Rational.ONE));
        // diag(5, 0, 2, 0): rank 2, low-rank path
        Rational[][] a = m(new long[][] {{5, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 0}});
        ShiftedInertia s = ShiftedInertia.of(a);
        assertEquals(2, s.rank());
        assertEquals(2, s.countBelow(Rational.ONE));
        assertEquals(1, s.multiplicity(q(2, 1)));
        assertEquals(2, s.multiplicity(Rational.ZERO));
        assertEquals(4, Inertia.of(a).size());
        List<Integer> pivots = new ArrayList<>(List.of(99, 98, 97));
        Inertia.of(a, pivots);
        assertEquals(2, pivots.size(), "the pivot list is cleared first: " + pivots);
    }

    /**
     * A pivot 1 with a zero row, then a block whose first entries in elimination order (the last row) are
     * multiples of 6 and the rest multiples of 2 only: the content removal guesses 6, must shrink to 2 and
     * rescale what it already divided. The inertia is 1 positive plus that of the block, which Jacobi's rule
     * gives when its leading minors are non-zero.
     */
    @Test
    void contentRemovalWithATooLargeFirstGuess() {
        java.util.concurrent.atomic.AtomicInteger decided = new java.util.concurrent.atomic.AtomicInteger();
        Property.forAll("content guess shrinks", 40, 1521L, rnd -> {
            int n = 5;
            long[][] e = new long[n][n];
            e[0][0] = 1;
            for (int i = 1; i < n; i++) {
                for (int j = 1; j <= i; j++) {
                    long r = rnd.nextInt(1, 6) * (rnd.nextBoolean() ? 1 : -1);
                    long v = i == n - 1 ? 6 * r : 2 * (2 * r + 1);
                    e[i][j] = v;
                    e[j][i] = v;
                }
            }
            Rational[][] block = new Rational[n - 1][n - 1];
            for (int i = 1; i < n; i++) {
                for (int j = 1; j < n; j++) {
                    block[i - 1][j - 1] = Rational.of(e[i][j]);
                }
            }
            int changes = signChangesOfLeadingMinors(block);
            if (changes < 0) {
                return;
            }
            Inertia in = Inertia.of(m(e));
            assertEquals(new Inertia(changes, 0, n - changes), in, RationalMatrices.toString(m(e)));
            decided.incrementAndGet();
        });
        assertTrue(decided.get() >= 10 || System.getProperty("flatminima.seed") != null, "decided " + decided.get());
    }

    /** Sign changes in 1, D_1, ..., D_n, or -1 when some leading minor is zero. */
    private static int signChangesOfLeadingMinors(Rational[][] a) {
        int n = a.length;
        int changes = 0;
        Rational prev = Rational.ONE;
        for (int k = 1; k <= n; k++) {
            Rational[][] lead = new Rational[k][k];
            for (int i = 0; i < k; i++) {
                System.arraycopy(a[i], 0, lead[i], 0, k);
            }
            Rational d = Bareiss.determinant(lead);
            if (d.isZero()) {
                return -1;
            }
            if (d.signum() != prev.signum()) {
                changes++;
            }
            prev = d;
        }
        return changes;
    }

    /**
     * Inertia against Jacobi's rule (negative eigenvalues = sign changes in 1, D_1, ..., D_n when every
     * leading principal minor D_k is non-zero) on integer matrices whose first entries share a factor that
     * later ones lack, so the content removal's first gcd guess is wrong and has to shrink.
     */
    @Test
    void inertiaAgreesWithJacobisRuleWhenTheContentGuessIsWrong() {
        java.util.concurrent.atomic.AtomicInteger decided = new java.util.concurrent.atomic.AtomicInteger();
        Property.forAll("inertia = Jacobi's rule, misleading content", 60, 1520L, rnd -> {
            int n = 3 + rnd.nextInt(4);
            long[][] e = new long[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    long v = (i + j < 4 ? 30L : 1L + rnd.nextInt(3)) * rnd.nextInt(-6, 7);
                    e[i][j] = v;
                    e[j][i] = v;
                }
            }
            Rational[][] a = m(e);
            int changes = signChangesOfLeadingMinors(a);
            if (changes < 0) {
                return; // Jacobi's rule needs non-zero leading minors
            }
            Inertia in = Inertia.of(a);
            assertEquals(changes, in.negative(), RationalMatrices.toString(a));
            assertEquals(0, in.zero());
            assertEquals(n - changes, in.positive());
            decided.incrementAndGet();
        });
        assertTrue(decided.get() >= 20 || System.getProperty("flatminima.seed") != null,
                "too few draws had non-zero leading minors: " + decided.get());
    }
}
