package org.flatminima.exact;

import java.math.BigInteger;
import org.flatminima.numbers.Rational;

/**
 * Exact linear algebra by Bareiss's fraction-free elimination. Each row is first multiplied by the
 * least common multiple of its denominators, so the elimination runs on integers; every intermediate
 * entry is then a minor of that integer matrix (Sylvester's identity makes each division exact), so
 * numbers grow only as fast as the determinants themselves. Pivots are the non-zero candidates of
 * smallest size. No method modifies its arguments.
 */
public final class Bareiss {
    private Bareiss() {}

    /** The determinant of a square matrix. */
    public static Rational determinant(Rational[][] a) {
        RationalMatrices.checkSquare(a);
        Cleared c = Cleared.rows(a, null);
        Echelon e = Echelon.of(c.entries, a.length);
        if (e.rank < a.length) {
            return Rational.ZERO;
        }
        BigInteger det = e.entries[a.length - 1][a.length - 1];
        if (e.swaps % 2 == 1) {
            det = det.negate();
        }
        return Rational.of(det, c.product());
    }

    /** The rank. */
    public static int rank(Rational[][] a) {
        RationalMatrices.checkShape(a);
        return Echelon.of(Cleared.rows(a, null).entries, a[0].length).rank;
    }

    /** The dimension of the null space {x : a x = 0}, that is columns minus rank. */
    public static int nullity(Rational[][] a) {
        return a[0].length - rank(a);
    }

    /** True if a is square with a non-zero determinant. */
    public static boolean isInvertible(Rational[][] a) {
        RationalMatrices.checkShape(a);
        return a.length == a[0].length && rank(a) == a.length;
    }

    /**
     * The solution X of a X = b for a square invertible a (b may have several columns). Throws
     * {@link ArithmeticException} if a is singular.
     */
    public static Rational[][] solve(Rational[][] a, Rational[][] b) {
        RationalMatrices.checkSquare(a);
        RationalMatrices.checkShape(b);
        int n = a.length, k = b[0].length;
        if (b.length != n) {
            throw new IllegalArgumentException("right-hand side has " + b.length + " rows, expected " + n);
        }
        Cleared c = Cleared.rows(a, b);
        Echelon e = Echelon.of(c.entries, n);
        if (e.rank < n) {
            throw new ArithmeticException("singular matrix");
        }
        BigInteger[][] u = e.entries;
        BigInteger d = u[n - 1][n - 1];
        // Cramer's rule makes d * x integral; back substitution on d * x divides exactly.
        Rational[][] x = new Rational[n][k];
        BigInteger[] xs = new BigInteger[n];
        for (int col = 0; col < k; col++) {
            for (int i = n - 1; i >= 0; i--) {
                BigInteger s = d.multiply(u[i][n + col]);
                for (int j = i + 1; j < n; j++) {
                    if (u[i][j].signum() != 0) {
                        s = s.subtract(u[i][j].multiply(xs[j]));
                    }
                }
                xs[i] = s.divide(u[i][i]);
            }
            for (int i = 0; i < n; i++) {
                x[i][col] = Rational.of(xs[i], d);
            }
        }
        return x;
    }

    /** The solution x of a x = b for a square invertible a; {@link ArithmeticException} if singular. */
    public static Rational[] solve(Rational[][] a, Rational[] b) {
        Rational[][] column = new Rational[b.length][1];
        for (int i = 0; i < b.length; i++) {
            column[i][0] = b[i];
        }
        Rational[][] x = solve(a, column);
        Rational[] r = new Rational[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i][0];
        }
        return r;
    }

    /** The inverse of a square matrix; {@link ArithmeticException} if it is singular. */
    public static Rational[][] inverse(Rational[][] a) {
        RationalMatrices.checkSquare(a);
        return solve(a, RationalMatrices.identity(a.length));
    }

    /** Integer rows: row i of [a | b] multiplied by the lcm of its denominators. */
    private static final class Cleared {
        final BigInteger[][] entries;
        final BigInteger[] factors;

        private Cleared(BigInteger[][] entries, BigInteger[] factors) {
            this.entries = entries;
            this.factors = factors;
        }

        static Cleared rows(Rational[][] a, Rational[][] b) {
            int n = a.length, ca = a[0].length, cb = b == null ? 0 : b[0].length;
            BigInteger[][] m = new BigInteger[n][ca + cb];
            BigInteger[] f = new BigInteger[n];
            for (int i = 0; i < n; i++) {
                BigInteger l = BigInteger.ONE;
                for (int j = 0; j < ca + cb; j++) {
                    l = lcm(l, (j < ca ? a[i][j] : b[i][j - ca]).denominator());
                }
                f[i] = l;
                for (int j = 0; j < ca + cb; j++) {
                    Rational x = j < ca ? a[i][j] : b[i][j - ca];
                    m[i][j] = x.numerator().multiply(l.divide(x.denominator()));
                }
            }
            return new Cleared(m, f);
        }

        BigInteger product() {
            BigInteger p = BigInteger.ONE;
            for (BigInteger x : factors) {
                p = p.multiply(x);
            }
            return p;
        }
    }

    static BigInteger lcm(BigInteger a, BigInteger b) {
        if (a.equals(BigInteger.ONE)) {
            return b;
        }
        if (b.equals(BigInteger.ONE) || a.equals(b)) {
            return a;
        }
        return a.divide(a.gcd(b)).multiply(b);
    }

    /** Fraction-free row echelon form, pivoting only within the first {@code pivotCols} columns. */
    private static final class Echelon {
        BigInteger[][] entries;
        int rank;
        int swaps;

        static Echelon of(BigInteger[][] m, int pivotCols) {
            Echelon e = new Echelon();
            e.entries = m;
            int rows = m.length, cols = m[0].length;
            BigInteger prev = BigInteger.ONE;
            int r = 0;
            for (int c = 0; c < pivotCols && r < rows; c++) {
                int p = -1;
                for (int i = r; i < rows; i++) {
                    if (m[i][c].signum() != 0 && (p < 0 || m[i][c].bitLength() < m[p][c].bitLength())) {
                        p = i;
                    }
                }
                if (p < 0) {
                    continue;
                }
                if (p != r) {
                    BigInteger[] t = m[p];
                    m[p] = m[r];
                    m[r] = t;
                    e.swaps++;
                }
                BigInteger piv = m[r][c];
                for (int i = r + 1; i < rows; i++) {
                    BigInteger lead = m[i][c];
                    for (int j = c + 1; j < cols; j++) {
                        BigInteger v = piv.multiply(m[i][j]);
                        if (lead.signum() != 0 && m[r][j].signum() != 0) {
                            v = v.subtract(lead.multiply(m[r][j]));
                        }
                        m[i][j] = prev.equals(BigInteger.ONE) ? v : v.divide(prev);
                    }
                    m[i][c] = BigInteger.ZERO;
                }
                prev = piv;
                r++;
            }
            e.rank = r;
            return e;
        }
    }
}
