package org.flatminima.precise;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.numbers.Rational;

/**
 * Dense matrices of {@link Apfloat} numbers as plain row-major {@code Apfloat[][]} arrays, at a stated number of
 * decimal digits D.
 *
 * <p>Every arithmetic method works at D plus {@link #GUARD_DIGITS} digits internally and rounds each result entry
 * to D significant digits, so an entry claims D digits when no catastrophic cancellation occurred in it. The
 * error bound is the usual normwise one: entry (i, j) of a product is within about
 * {@code n * 10^-(D+GUARD) * sum_k |a_ik b_kj|} of the exact product of the inputs, which the final rounding to D
 * digits dominates. No method modifies its arguments; every result is a new array.
 */
public final class ApfloatMatrices {
    /** Extra decimal digits carried internally by the arithmetic methods. */
    public static final int GUARD_DIGITS = 6;

    private ApfloatMatrices() {}

    // ---- construction and conversion ------------------------------------------------------------

    /** The n x n identity (entries exact). */
    public static Apfloat[][] identity(int n) {
        Apfloat[][] r = zeros(n, n);
        for (int i = 0; i < n; i++) {
            r[i][i] = Apfloat.ONE;
        }
        return r;
    }

    /** The rows x cols zero matrix (entries exact). */
    public static Apfloat[][] zeros(int rows, int cols) {
        Apfloat[][] r = new Apfloat[rows][cols];
        for (Apfloat[] row : r) {
            java.util.Arrays.fill(row, Apfloat.ZERO);
        }
        return r;
    }

    /**
     * The exact rational {@code q} rounded half-even to {@code digits} significant digits (by one exact
     * {@link BigDecimal} division, which measured far faster than Apfloat's {@code Aprational} rounding).
     */
    public static Apfloat fromRational(Rational q, long digits) {
        requireDigits(digits);
        if (q.isZero()) {
            return Apfloat.ZERO;
        }
        BigDecimal d = new BigDecimal(q.numerator()).divide(new BigDecimal(q.denominator()),
                new java.math.MathContext(Math.toIntExact(digits), RoundingMode.HALF_EVEN));
        return new Apfloat(d).precision(digits);
    }

    /** Entrywise {@link #fromRational(Rational, long)}. */
    public static Apfloat[][] fromRational(Rational[][] q, long digits) {
        Apfloat[][] r = new Apfloat[q.length][];
        for (int i = 0; i < q.length; i++) {
            r[i] = new Apfloat[q[i].length];
            for (int j = 0; j < q[i].length; j++) {
                r[i][j] = fromRational(q[i][j], digits);
            }
        }
        return r;
    }

    /**
     * The exact decimal value held by {@code x} (Apfloat numbers are radix 10, so this loses nothing). Goes through
     * Apfloat's full-digit scientific string, which measured ten times faster than Apfloat's own scaling.
     */
    public static BigDecimal toBigDecimal(Apfloat x) {
        if (x.radix() != 10) {
            throw new IllegalArgumentException("radix " + x.radix() + " is not supported");
        }
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(x.toString(false));
    }

    /** The exact rational value held by {@code x}. */
    public static Rational toRational(Apfloat x) {
        return Rational.of(toBigDecimal(x));
    }

    /** Entrywise {@link #toRational(Apfloat)}. */
    public static Rational[][] toRational(Apfloat[][] a) {
        Rational[][] r = new Rational[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new Rational[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = toRational(a[i][j]);
            }
        }
        return r;
    }

    /**
     * {@code x} rounded half-even to {@code k} significant digits as a decimal string that
     * {@link BigDecimal#BigDecimal(String)} and {@link Rational#parse(String)} read back: plain notation for
     * moderate exponents, otherwise {@code d.ddd e-N} scientific notation. Zero is {@code "0"}.
     */
    public static String toDecimalString(Apfloat x, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one significant digit, got " + k);
        }
        if (x.signum() == 0) {
            return "0";
        }
        Apfloat r = ApfloatMath.roundToPrecision(x, k, RoundingMode.HALF_EVEN);
        BigDecimal d = toBigDecimal(r);
        long exponent = x.scale() - 1;
        return exponent >= -12 && exponent <= 40 ? d.toPlainString() : d.round(new java.math.MathContext(k)).toString();
    }

    // ---- arithmetic ---------------------------------------------------------------------------------

    /** The product {@code a b}, each entry rounded to {@code digits} significant digits. */
    public static Apfloat[][] multiply(Apfloat[][] a, Apfloat[][] b, long digits) {
        requireDigits(digits);
        int n = rows(a);
        int inner = cols(a);
        if (rows(b) != inner) {
            throw new IllegalArgumentException("shapes " + n + "x" + inner + " and " + rows(b) + "x" + cols(b)
                    + " do not chain");
        }
        int m = cols(b);
        long work = digits + GUARD_DIGITS;
        Apfloat[][] aw = withPrecision(a, work);
        Apfloat[][] bw = withPrecision(b, work);
        Apfloat[][] r = new Apfloat[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                Apfloat s = Apfloat.ZERO;
                for (int k = 0; k < inner; k++) {
                    if (aw[i][k].signum() != 0 && bw[k][j].signum() != 0) {
                        s = s.add(aw[i][k].multiply(bw[k][j]));
                    }
                }
                r[i][j] = round(s, digits);
            }
        }
        return r;
    }

    /** The transpose (entries shared, not copied: Apfloat numbers are immutable). */
    public static Apfloat[][] transpose(Apfloat[][] a) {
        int n = rows(a);
        int m = cols(a);
        Apfloat[][] r = new Apfloat[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                r[j][i] = a[i][j];
            }
        }
        return r;
    }

    /** The Kronecker product {@code a (x) b}: block (i, j) is {@code a_ij b}; entries rounded to {@code digits}. */
    public static Apfloat[][] kronecker(Apfloat[][] a, Apfloat[][] b, long digits) {
        requireDigits(digits);
        int p = rows(a);
        int q = cols(a);
        int r = rows(b);
        int s = cols(b);
        Apfloat[][] out = new Apfloat[p * r][q * s];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                for (int k = 0; k < r; k++) {
                    for (int l = 0; l < s; l++) {
                        out[i * r + k][j * s + l] = round(a[i][j].multiply(b[k][l]), digits);
                    }
                }
            }
        }
        return out;
    }

    /** The sum {@code a + b}, entries rounded to {@code digits}. */
    public static Apfloat[][] add(Apfloat[][] a, Apfloat[][] b, long digits) {
        requireDigits(digits);
        requireSameShape(a, b);
        long work = digits + GUARD_DIGITS;
        Apfloat[][] r = new Apfloat[rows(a)][cols(a)];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = round(raise(a[i][j], work).add(raise(b[i][j], work)), digits);
            }
        }
        return r;
    }

    /** The difference {@code a - b}, entries rounded to {@code digits}. */
    public static Apfloat[][] subtract(Apfloat[][] a, Apfloat[][] b, long digits) {
        requireDigits(digits);
        requireSameShape(a, b);
        long work = digits + GUARD_DIGITS;
        Apfloat[][] r = new Apfloat[rows(a)][cols(a)];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = round(raise(a[i][j], work).subtract(raise(b[i][j], work)), digits);
            }
        }
        return r;
    }

    /** {@code c a}, entries rounded to {@code digits}. */
    public static Apfloat[][] scale(Apfloat c, Apfloat[][] a, long digits) {
        requireDigits(digits);
        long work = digits + GUARD_DIGITS;
        Apfloat cw = raise(c, work);
        Apfloat[][] r = new Apfloat[rows(a)][cols(a)];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = round(cw.multiply(raise(a[i][j], work)), digits);
            }
        }
        return r;
    }

    /** The Frobenius norm {@code sqrt(sum a_ij^2)} to {@code digits} significant digits. */
    public static Apfloat frobeniusNorm(Apfloat[][] a, long digits) {
        requireDigits(digits);
        long work = digits + GUARD_DIGITS;
        Apfloat s = Apfloat.ZERO;
        for (Apfloat[] row : a) {
            for (Apfloat x : row) {
                if (x.signum() != 0) {
                    Apfloat xw = raise(x, work);
                    s = s.add(xw.multiply(xw));
                }
            }
        }
        if (s.signum() == 0) {
            return Apfloat.ZERO;
        }
        return round(ApfloatMath.sqrt(s.precision(work)), digits);
    }

    /**
     * The symmetric part (a + a^T) / 2 of the square matrix {@code a}, entries rounded to {@code digits}; an entry
     * pair that is already equal is kept as it is (so an exactly symmetric matrix comes back unchanged). For a
     * computed matrix that is symmetric in exact arithmetic but not entry by entry after rounding.
     */
    public static Apfloat[][] symmetricPart(Apfloat[][] a, long digits) {
        requireDigits(digits);
        int n = rows(a);
        if (cols(a) != n) {
            throw new IllegalArgumentException("matrix is " + n + "x" + cols(a) + ", not square");
        }
        Apfloat half = new Apfloat("0.5");
        long work = digits + GUARD_DIGITS;
        Apfloat[][] r = new Apfloat[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = a[i][i];
            for (int j = 0; j < i; j++) {
                Apfloat v = a[i][j].compareTo(a[j][i]) == 0 ? a[i][j]
                        : round(raise(a[i][j], work).add(raise(a[j][i], work)).multiply(half), digits);
                r[i][j] = v;
                r[j][i] = v;
            }
        }
        return r;
    }

    /** True if {@code a} is square and equal to its transpose entry by entry (exact comparison). */
    public static boolean isSymmetric(Apfloat[][] a) {
        int n = rows(a);
        if (cols(a) != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (a[i][j].compareTo(a[j][i]) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- shape helpers ----------------------------------------------------------------------------------

    /** Number of rows. */
    public static int rows(Apfloat[][] a) {
        return a.length;
    }

    /** Number of columns; throws {@link IllegalArgumentException} if the rows are ragged. */
    public static int cols(Apfloat[][] a) {
        if (a.length == 0) {
            return 0;
        }
        int m = a[0].length;
        for (Apfloat[] row : a) {
            if (row.length != m) {
                throw new IllegalArgumentException("ragged matrix");
            }
        }
        return m;
    }

    static void requireDigits(long digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be positive, got " + digits);
        }
    }

    private static void requireSameShape(Apfloat[][] a, Apfloat[][] b) {
        if (rows(a) != rows(b) || cols(a) != cols(b)) {
            throw new IllegalArgumentException("shapes " + rows(a) + "x" + cols(a) + " and " + rows(b) + "x"
                    + cols(b) + " differ");
        }
    }

    private static Apfloat[][] withPrecision(Apfloat[][] a, long work) {
        Apfloat[][] r = new Apfloat[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new Apfloat[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = raise(a[i][j], work);
            }
        }
        return r;
    }

    /** {@code x} carried at {@code work} digits: its value unchanged if it held fewer, else rounded half-even. */
    static Apfloat raise(Apfloat x, long work) {
        if (x.signum() == 0) {
            return Apfloat.ZERO;
        }
        return x.precision() >= work ? ApfloatMath.roundToPrecision(x, work, RoundingMode.HALF_EVEN) : x.precision(work);
    }

    /** {@code x} rounded half-even to {@code digits} significant digits. */
    static Apfloat round(Apfloat x, long digits) {
        if (x.signum() == 0) {
            return Apfloat.ZERO;
        }
        return ApfloatMath.roundToPrecision(x, digits, RoundingMode.HALF_EVEN);
    }
}
