package org.flatminima.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.exact.Bareiss;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class RandomOrthogonalTest extends QuietTest {

    @Test
    void cayleyTransformIsOrthogonalWithDeterminantOne() {
        Property.forAll("cayleyIsOrthogonal", 40, 41L, rnd -> {
            int n = rnd.nextInt(1, 7);
            Rational[][] a = RandomRationals.skewSymmetric(rnd, n, 3, 3);
            Rational[][] q = RandomOrthogonal.cayley(a);
            assertTrue(RationalMatrices.hasOrthonormalColumns(q));
            assertTrue(RationalMatrices.equals(RationalMatrices.identity(n),
                    RationalMatrices.multiply(q, RationalMatrices.transpose(q))));
            assertEquals(Rational.ONE, Bareiss.determinant(q));
        });
    }

    @Test
    void householderReflectionIsOrthogonalWithDeterminantMinusOne() {
        Property.forAll("householderIsOrthogonal", 30, 42L, rnd -> {
            int n = rnd.nextInt(1, 7);
            Rational[][] h = RandomOrthogonal.reflection(rnd, n);
            assertTrue(RationalMatrices.hasOrthonormalColumns(h));
            assertTrue(RationalMatrices.isSymmetric(h));
            assertEquals(Rational.ONE.negate(), Bareiss.determinant(h));
            // a reflection has eigenvalue -1 once and +1 n - 1 times
            assertEquals(1, Inertia.multiplicity(h, Rational.ONE.negate()));
        });
    }

    @Test
    void randomOrthogonalMatricesReachBothDeterminants() {
        int[] seen = new int[2];
        Property.forAll("orthogonalReachesBothDeterminants", 30, 43L, rnd -> {
            int n = rnd.nextInt(1, 6);
            Rational[][] q = RandomOrthogonal.orthogonal(rnd, n);
            assertTrue(RationalMatrices.hasOrthonormalColumns(q));
            Rational det = Bareiss.determinant(q);
            assertTrue(det.abs().equals(Rational.ONE), "det " + det);
            seen[det.signum() > 0 ? 0 : 1]++;
        });
        assertTrue(seen[0] > 0 && seen[1] > 0, "determinants seen: +1 x" + seen[0] + ", -1 x" + seen[1]);
    }

    @Test
    void negativeControlAPerturbedOrthogonalMatrixIsCaught() {
        Property.forAll("perturbedOrthogonalIsCaught", 30, 44L, rnd -> {
            int n = rnd.nextInt(1, 6);
            Rational[][] q = RationalMatrices.copy(RandomOrthogonal.orthogonal(rnd, n));
            int i = rnd.nextInt(n), j = rnd.nextInt(n);
            q[i][j] = q[i][j].add(Rational.of(1, 1000));
            assertFalse(RationalMatrices.hasOrthonormalColumns(q));
        });
    }

    @Test
    void cayleyRejectsNonSkewInput() {
        assertThrows(IllegalArgumentException.class,
                () -> RandomOrthogonal.cayley(RationalMatrices.of(new long[][] {{0, 1}, {1, 0}})));
        assertThrows(IllegalArgumentException.class, () -> RandomOrthogonal.householder(
                new Rational[] {Rational.ZERO, Rational.ZERO}));
    }
}
