package org.flatminima.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.flatminima.generate.RandomOrthogonal;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class ShiftedInertiaTest extends QuietTest {

    private static Rational shiftFor(SplittableRandom rnd, Rational[] spectrum) {
        switch (rnd.nextInt(3)) {
            case 0:
                return spectrum[rnd.nextInt(spectrum.length)];
            case 1:
                return Rational.ZERO;
            default:
                return RandomRationals.small(rnd, 6, 3);
        }
    }

    @Test
    void lowRankQueriesMatchTheDirectInertiaOfTheShiftedMatrix() {
        // A = Q diag(d) Q^T with most of d zero: the Haynsworth route, checked against the direct route
        Property.forAll("lowRankShifts", 40, 401L, rnd -> {
            int n = rnd.nextInt(1, 9);
            Rational[] d = new Rational[n];
            for (int i = 0; i < n; i++) {
                d[i] = rnd.nextInt(3) == 0 ? RandomRationals.nonZero(rnd, 5, 3) : Rational.ZERO;
            }
            Rational[][] a = RationalMatrices.multiply(
                    RationalMatrices.multiply(RandomOrthogonal.orthogonal(rnd, n), RationalMatrices.diagonal(n, n, d)),
                    RationalMatrices.transpose(RandomOrthogonal.orthogonal(rnd, n)));
            a = RationalMatrices.add(a, RationalMatrices.transpose(a)); // symmetric, rank at most 2 x nonzeros
            ShiftedInertia s = ShiftedInertia.of(a);
            assertEquals(Inertia.of(a), s.inertia());
            for (int q = 0; q < 4; q++) {
                Rational shift = shiftFor(rnd, d);
                assertEquals(Inertia.of(RationalMatrices.shift(a, shift)), s.at(shift), "shift " + shift);
            }
        });
    }

    @Test
    void gramMatricesOfTallFactorsUseTheSmallRoute() {
        Property.forAll("gramShifts", 20, 402L, rnd -> {
            int n = rnd.nextInt(4, 14), r = rnd.nextInt(1, 3);
            Rational[][] phi = RandomRationals.matrix(rnd, n, r, 3, 3);
            Rational[][] h = RationalMatrices.scale(
                    RationalMatrices.multiply(phi, RationalMatrices.transpose(phi)), Rational.TWO);
            ShiftedInertia s = ShiftedInertia.of(h);
            Rational[][] small = RationalMatrices.scale(
                    RationalMatrices.multiply(RationalMatrices.transpose(phi), phi), Rational.TWO);
            for (int q = 0; q < 4; q++) {
                Rational shift = RandomRationals.small(rnd, 8, 2);
                assertEquals(Inertia.of(RationalMatrices.shift(h, shift)), s.at(shift));
                if (shift.signum() > 0) {
                    // the non-zero eigenvalues of Phi Phi^T and Phi^T Phi coincide
                    assertEquals(Inertia.countAbove(small, shift), s.countAbove(shift));
                }
            }
        });
    }

    @Test
    void fullRankAndZeroMatricesAreHandled() {
        Property.forAll("fullRankShifts", 20, 403L, rnd -> {
            int n = rnd.nextInt(1, 6);
            Rational[][] a = RandomRationals.symmetric(rnd, n, 4, 3);
            ShiftedInertia s = ShiftedInertia.of(a);
            Rational shift = RandomRationals.small(rnd, 6, 3);
            assertEquals(Inertia.of(RationalMatrices.shift(a, shift)), s.at(shift));
        });
        Rational[][] zero = RationalMatrices.zeros(3, 3);
        ShiftedInertia z = ShiftedInertia.of(zero);
        assertEquals(new Inertia(0, 0, 3), z.at(Rational.ONE.negate()));
        assertEquals(new Inertia(3, 0, 0), z.at(Rational.ONE));
        assertEquals(new Inertia(0, 3, 0), z.at(Rational.ZERO));
        assertEquals(0, z.rank());
    }
}
