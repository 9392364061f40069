package org.flatminima.certificates;

import org.flatminima.exact.LdlCertificate;
import org.flatminima.exact.CertificateLog;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.flatminima.exact.Inertia;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class LdlCertificateTest extends QuietTest {

    /** L D L^T multiplied out. */
    static Rational[][] product(LdlCertificate c) {
        int n = c.permutation().length;
        Rational[][] l = new Rational[n][n];
        Rational[][] d = new Rational[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l[i][j] = j < i ? c.lower()[i][j] : i == j ? Rational.ONE : Rational.ZERO;
                d[i][j] = Rational.ZERO;
            }
        }
        int pos = 0;
        for (Rational[][] b : c.blocks()) {
            for (int i = 0; i < b.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    d[pos + i][pos + j] = b[i][j];
                }
            }
            pos += b.length;
        }
        return RationalMatrices.multiply(RationalMatrices.multiply(l, d), RationalMatrices.transpose(l));
    }

    static Rational[][] permuted(Rational[][] m, int[] p) {
        Rational[][] out = new Rational[m.length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                out[i][j] = m[p[i]][p[j]];
            }
        }
        return out;
    }

    @Test
    void factorsEverySymmetricMatrixAndCountsItsInertia() {
        Property.forAll("ldlCertificate", 60, 1601L, rnd -> {
            int n = rnd.nextInt(1, 8);
            Rational[][] m = RandomRationals.symmetric(rnd, n, 4, 3);
            for (int i = 0; i < n; i++) { // zero diagonals and rank deficiency exercise 2x2 pivots and zero blocks
                if (rnd.nextInt(3) == 0) {
                    m[i][i] = Rational.ZERO;
                }
                if (rnd.nextInt(6) == 0) {
                    for (int j = 0; j < n; j++) {
                        m[i][j] = Rational.ZERO;
                        m[j][i] = Rational.ZERO;
                    }
                }
            }
            LdlCertificate c = LdlCertificate.of(m);
            assertEquals(java.util.Arrays.deepToString(permuted(m, c.permutation())), java.util.Arrays.deepToString(product(c)));
            Inertia in = Inertia.of(m);
            assertArrayEquals(new int[] {in.negative(), in.zero(), in.positive()}, c.inertia());
        });
    }

    @Test
    void aZeroDiagonalNeedsATwoByTwoPivot() {
        Rational[][] m = {{Rational.ZERO, Rational.of(3)}, {Rational.of(3), Rational.ZERO}};
        LdlCertificate c = LdlCertificate.of(m);
        assertEquals(1, c.blocks().size());
        assertArrayEquals(new int[] {1, 0, 1}, c.inertia());
    }

    @Test
    void aWitnessThatDisagreesWithTheDecisionIsAnError() {
        org.flatminima.linalg.Matrix<Rational> m = org.flatminima.linalg.Matrix.of(org.flatminima.numbers.ExactArithmetic.INSTANCE,
                new Rational[][] {{Rational.TWO, Rational.ZERO}, {Rational.ZERO, Rational.ONE}});
        assertEquals(null, CertificateLog.inertia(m, Rational.ONE, null)); // no log open: nothing recorded
        CertificateLog log = CertificateLog.open();
        try {
            // 1 I - diag(2, 1) = diag(-1, 0)
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> CertificateLog.inertia(m, Rational.ONE, new int[] {0, 1, 1}));
            assertArrayEquals(new int[] {1, 1, 0}, CertificateLog.inertia(m, Rational.ONE, new int[] {1, 1, 0}));
            assertEquals(1, log.facts().size());
            assertEquals(null, log.facts().get(0).matrix()); // unnamed: given explicitly, and the certificate says so
            assertEquals(1, log.unsupportedReasons().size());
        } finally {
            CertificateLog.close();
        }
    }

    @Test
    void aChangedPivotSignChangesTheProduct() {
        Rational[][] m = {{Rational.of(2), Rational.ONE}, {Rational.ONE, Rational.of(3)}};
        LdlCertificate c = LdlCertificate.of(m);
        c.blocks().get(0)[0][0] = c.blocks().get(0)[0][0].negate();
        assertNotEquals(java.util.Arrays.deepToString(permuted(m, c.permutation())), java.util.Arrays.deepToString(product(c)));
    }
}
