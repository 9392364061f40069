package org.flatminima.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** {@link Inertia} agrees with a plain rational LDL^T written independently here as the test's oracle. */
class RationalLdlInertiaTest extends QuietTest {
    @Test
    void inertiaAgreesWithRationalLdl() {
        Property.forAll("inertiaAgreesWithRationalLdl", 40, 5L, rnd -> {
            int n = rnd.nextInt(1, 7);
            Rational[][] s = RandomRationals.symmetric(rnd, n, 3, 2);
            if (rnd.nextBoolean()) {
                for (int i = 0; i < n; i++) {
                    s[i][i] = Rational.ZERO; // force 2x2 pivots
                }
            }
            assertEquals(byRationalLdl(s), Inertia.of(s));
        });
    }

    @Test
    void oracleSeesAnIndefiniteZeroDiagonal() {
        Rational[][] s = {{Rational.ZERO, Rational.ONE}, {Rational.ONE, Rational.ZERO}};
        assertEquals(new Inertia(1, 0, 1), byRationalLdl(s));
    }

    /**
     * The inertia by a plain rational LDL^T with 1x1 and 2x2 pivots (Sylvester's law of inertia): a slow,
     * independent oracle for the fraction-free implementation. Works on a copy.
     */
    static Inertia byRationalLdl(Rational[][] symmetric) {
        int n = symmetric.length;
        Rational[][] a = new Rational[n][];
        for (int i = 0; i < n; i++) {
            a[i] = symmetric[i].clone();
        }
        boolean[] done = new boolean[n];
        int neg = 0;
        int pos = 0;
        int left = n;
        while (left > 0) {
            int p = -1;
            // prefer the pivot with the smallest numerator+denominator size to limit growth
            int best = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (!done[i] && a[i][i].signum() != 0) {
                    int size = a[i][i].numerator().bitLength() + a[i][i].denominator().bitLength();
                    if (size < best) {
                        best = size;
                        p = i;
                    }
                }
            }
            if (p >= 0) {
                Rational piv = a[p][p];
                if (piv.signum() > 0) {
                    pos++;
                } else {
                    neg++;
                }
                done[p] = true;
                left--;
                Rational inv = piv.reciprocal();
                for (int j = 0; j < n; j++) {
                    if (done[j] || a[j][p].signum() == 0) {
                        continue;
                    }
                    Rational f = a[j][p].multiply(inv);
                    for (int k = j; k < n; k++) {
                        if (done[k] || a[p][k].signum() == 0) {
                            continue;
                        }
                        Rational v = a[j][k].subtract(f.multiply(a[p][k]));
                        a[j][k] = v;
                        a[k][j] = v;
                    }
                }
                continue;
            }
            int pi = -1;
            int pj = -1;
            for (int i = 0; i < n && pi < 0; i++) {
                if (done[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (!done[j] && a[i][j].signum() != 0) {
                        pi = i;
                        pj = j;
                        break;
                    }
                }
            }
            if (pi < 0) {
                break; // the rest is exactly zero
            }
            Rational binv = a[pi][pj].reciprocal();
            done[pi] = true;
            done[pj] = true;
            left -= 2;
            neg++;
            pos++;
            for (int k = 0; k < n; k++) {
                if (done[k]) {
                    continue;
                }
                for (int l = k; l < n; l++) {
                    if (done[l]) {
                        continue;
                    }
                    Rational t = a[k][pi].multiply(a[pj][l]).add(a[k][pj].multiply(a[pi][l]));
                    if (t.signum() != 0) {
                        Rational v = a[k][l].subtract(t.multiply(binv));
                        a[k][l] = v;
                        a[l][k] = v;
                    }
                }
            }
        }
        return new Inertia(neg, n - neg - pos, pos);
    }
}
