package org.flatminima.exact;

import static org.flatminima.exact.RationalMatrices.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class RationalMatricesTest extends QuietTest {
    private static Rational[][] random(SplittableRandom rnd, int r, int c) {
        return RandomRationals.matrix(rnd, r, c, 5, 4);
    }

    private static int dim(SplittableRandom rnd) {
        return rnd.nextInt(1, 5);
    }

    @Test
    void multiplyMatchesHandComputedExample() {
        Rational[][] a = parse(new String[][] {{"1", "1/2"}, {"0", "-3"}});
        Rational[][] b = parse(new String[][] {{"2", "0", "1"}, {"4", "1/3", "-1"}});
        Rational[][] expected = parse(new String[][] {{"4", "1/6", "1/2"}, {"-12", "-1", "3"}});
        assertTrue(RationalMatrices.equals(expected, multiply(a, b)));
    }

    @Test
    void multiplicationIsAssociative() {
        Property.forAll("multiplicationIsAssociative", 30, 11L, rnd -> {
            int n = dim(rnd), k = dim(rnd), p = dim(rnd), q = dim(rnd);
            Rational[][] a = random(rnd, n, k), b = random(rnd, k, p), c = random(rnd, p, q);
            assertTrue(RationalMatrices.equals(multiply(multiply(a, b), c), multiply(a, multiply(b, c))));
        });
    }

    @Test
    void transposeReversesProducts() {
        Property.forAll("transposeReversesProducts", 30, 12L, rnd -> {
            int n = dim(rnd), k = dim(rnd), p = dim(rnd);
            Rational[][] a = random(rnd, n, k), b = random(rnd, k, p);
            assertTrue(RationalMatrices.equals(transpose(multiply(a, b)), multiply(transpose(b), transpose(a))));
        });
    }

    @Test
    void identityIsNeutralAndSubtractUndoesAdd() {
        Property.forAll("identityIsNeutralAndSubtractUndoesAdd", 30, 13L, rnd -> {
            int n = dim(rnd), k = dim(rnd);
            Rational[][] a = random(rnd, n, k), b = random(rnd, n, k);
            assertTrue(RationalMatrices.equals(a, multiply(identity(n), a)));
            assertTrue(RationalMatrices.equals(a, multiply(a, identity(k))));
            assertTrue(RationalMatrices.equals(a, subtract(add(a, b), b)));
            assertTrue(RationalMatrices.equals(add(a, a), scale(a, Rational.TWO)));
            assertTrue(isZero(subtract(a, a)));
        });
    }

    @Test
    void kroneckerHasTheMixedProductProperty() {
        Property.forAll("kroneckerHasTheMixedProductProperty", 20, 14L, rnd -> {
            int n = dim(rnd), k = dim(rnd), p = dim(rnd), q = dim(rnd), r = dim(rnd), s = dim(rnd);
            Rational[][] a = random(rnd, n, k), c = random(rnd, k, p);
            Rational[][] b = random(rnd, q, r), d = random(rnd, r, s);
            assertTrue(RationalMatrices.equals(
                    multiply(kronecker(a, b), kronecker(c, d)), kronecker(multiply(a, c), multiply(b, d))));
        });
    }

    @Test
    void vecStacksColumnsSoThatVecAxbIsKroneckerTimesVecX() {
        // vec(A X B) = (B^T (x) A) vec(X) holds exactly for column stacking, not for row stacking
        Property.forAll("vecAxb", 20, 15L, rnd -> {
            int n = dim(rnd), k = dim(rnd), p = dim(rnd), q = dim(rnd);
            Rational[][] a = random(rnd, n, k), x = random(rnd, k, p), b = random(rnd, p, q);
            Rational[] lhs = vec(multiply(multiply(a, x), b));
            Rational[] rhs = multiply(kronecker(transpose(b), a), vec(x));
            assertArrayEquals(lhs, rhs);
            assertTrue(RationalMatrices.equals(x, unvec(vec(x), k)));
        });
    }

    @Test
    void vecOfNonSquareMatrixIsColumnMajor() {
        Rational[][] a = of(new long[][] {{1, 2, 3}, {4, 5, 6}});
        Rational[] v = vec(a);
        assertEquals(Rational.of(4), v[1]);
        assertEquals(Rational.of(2), v[2]);
    }

    @Test
    void frobeniusSquaredIsTraceOfGram() {
        Property.forAll("frobeniusSquaredIsTraceOfGram", 30, 16L, rnd -> {
            Rational[][] a = random(rnd, dim(rnd), dim(rnd));
            assertEquals(trace(multiply(transpose(a), a)), frobeniusSquared(a));
            Rational[] v = vec(a);
            Rational s = Rational.ZERO;
            for (Rational x : v) {
                s = s.add(x.multiply(x));
            }
            assertEquals(s, frobeniusSquared(a));
        });
    }

    @Test
    void symmetryIsDetectedAndItsAbsenceToo() {
        Property.forAll("symmetryIsDetected", 30, 17L, rnd -> {
            int n = rnd.nextInt(2, 5);
            Rational[][] a = random(rnd, n, n);
            Rational[][] s = add(a, transpose(a));
            assertTrue(isSymmetric(s));
            // negative control: one off-diagonal change breaks symmetry
            Rational[][] t = copy(s);
            t[0][1] = t[0][1].add(Rational.of(1, 7));
            assertFalse(isSymmetric(t));
            assertTrue(isSkewSymmetric(subtract(a, transpose(a))));
            assertFalse(isSymmetric(random(rnd, n, n + 1)));
        });
    }

    @Test
    void equalsComparesShapesAndEntries() {
        Rational[][] a = of(new long[][] {{1, 2}, {3, 4}});
        assertTrue(RationalMatrices.equals(a, copy(a)));
        assertFalse(RationalMatrices.equals(a, of(new long[][] {{1, 2}, {3, 5}})));
        assertFalse(RationalMatrices.equals(a, of(new long[][] {{1, 2, 0}, {3, 4, 0}})));
        assertFalse(RationalMatrices.equals(a, of(new long[][] {{1, 2}})));
    }

    @Test
    void productRightToLeftMultipliesInNetworkOrder() {
        Property.forAll("productRightToLeft", 20, 18L, rnd -> {
            Rational[][] w1 = random(rnd, 3, 2), w2 = random(rnd, 4, 3), w3 = random(rnd, 1, 4);
            assertTrue(RationalMatrices.equals(
                    multiply(w3, multiply(w2, w1)), productRightToLeft(List.of(w1, w2, w3))));
        });
    }

    @Test
    void badShapesAreRejected() {
        Rational[][] a = of(new long[][] {{1, 2}, {3, 4}});
        assertThrows(IllegalArgumentException.class, () -> multiply(a, of(new long[][] {{1, 2, 3}})));
        assertThrows(IllegalArgumentException.class, () -> add(a, of(new long[][] {{1}})));
        Rational[][] ragged = {{Rational.ONE, Rational.ONE}, {Rational.ONE}};
        assertThrows(IllegalArgumentException.class, () -> transpose(ragged));
        assertThrows(IllegalArgumentException.class, () -> zeros(0, 3));
        assertThrows(IllegalArgumentException.class, () -> trace(of(new long[][] {{1, 2}})));
    }
}
