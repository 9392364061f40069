package org.flatminima.precise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.IntStream;
import org.apfloat.Apfloat;

/**
 * A dense matrix in binary fixed point: entry (i, j) is {@code m[i * cols + j] / 2^frac} with a {@link BigInteger}
 * mantissa. The internal engine of the D-digit solvers: one shared scale per matrix makes a dot product an exact
 * sum of integer products followed by one shift, which measured about ten times faster than {@link Apfloat}
 * arithmetic at 50 digits (N = 96: 45-80 ms against 470-590 ms per matrix product). Errors are absolute (relative
 * to the matrix's scale), which is what normwise-stable eigen-solvers need.
 *
 * <p>Instances are mutable only through {@link #set}; every other method returns a new matrix and modifies
 * nothing.
 */
final class FixedPointMatrix {
    /** Products with more multiply-adds than this run on the common fork-join pool. */
    private static final long PARALLEL_WORK = 50_000;

    final int rows;
    final int cols;
    final int frac;
    final BigInteger[] m;

    FixedPointMatrix(int rows, int cols, int frac) {
        this.rows = rows;
        this.cols = cols;
        this.frac = frac;
        this.m = new BigInteger[rows * cols];
        java.util.Arrays.fill(m, BigInteger.ZERO);
    }

    private FixedPointMatrix(int rows, int cols, int frac, BigInteger[] m) {
        this.rows = rows;
        this.cols = cols;
        this.frac = frac;
        this.m = m;
    }

    BigInteger get(int i, int j) {
        return m[i * cols + j];
    }

    /** Modifies this matrix: sets entry (i, j) to the mantissa {@code v}. */
    void set(int i, int j, BigInteger v) {
        m[i * cols + j] = v;
    }

    static FixedPointMatrix identity(int n, int frac) {
        FixedPointMatrix r = new FixedPointMatrix(n, n, frac);
        BigInteger one = BigInteger.ONE.shiftLeft(frac);
        for (int i = 0; i < n; i++) {
            r.set(i, i, one);
        }
        return r;
    }

    /** Entry (i, j) is {@code a[i][j] * 2^-binaryExponent}, rounded to {@code frac} fractional bits. */
    static FixedPointMatrix fromApfloat(Apfloat[][] a, int binaryExponent, int frac) {
        int r = a.length;
        int c = r == 0 ? 0 : a[0].length;
        FixedPointMatrix out = new FixedPointMatrix(r, c, frac);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out.set(i, j, toFixed(ApfloatMatrices.toBigDecimal(a[i][j]), frac - binaryExponent));
            }
        }
        return out;
    }

    /** Entry (i, j) is the double {@code a[i][j]} rounded to {@code frac} fractional bits ({@code |a_ij| <= 2^60}). */
    static FixedPointMatrix fromDoubles(double[][] a, int frac) {
        FixedPointMatrix out = new FixedPointMatrix(a.length, a.length == 0 ? 0 : a[0].length, frac);
        for (int i = 0; i < out.rows; i++) {
            for (int j = 0; j < out.cols; j++) {
                out.set(i, j, fromDouble(a[i][j], frac));
            }
        }
        return out;
    }

    static BigInteger fromDouble(double x, int frac) {
        if (x == 0) {
            return BigInteger.ZERO;
        }
        return toFixed(new BigDecimal(x), frac);
    }

    /** {@code round(d * 2^shift)}, half away from zero. */
    static BigInteger toFixed(BigDecimal d, int shift) {
        if (d.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger num = d.unscaledValue();
        BigInteger den = BigInteger.ONE;
        int scale = d.scale();
        if (scale > 0) {
            den = BigInteger.TEN.pow(scale);
        } else if (scale < 0) {
            num = num.multiply(BigInteger.TEN.pow(-scale));
        }
        if (shift >= 0) {
            num = num.shiftLeft(shift);
        } else {
            den = den.shiftLeft(-shift);
        }
        return roundDivide(num, den);
    }

    /** {@code round(n / d)} for d > 0, half away from zero. */
    static BigInteger roundDivide(BigInteger n, BigInteger d) {
        BigInteger twice = n.abs().shiftLeft(1).add(d);
        BigInteger q = twice.divide(d.shiftLeft(1));
        return n.signum() < 0 ? q.negate() : q;
    }

    /** {@code round(v / 2^s)} for s >= 0, half away from zero; {@code v * 2^-s} for s < 0. */
    static BigInteger shiftRound(BigInteger v, int s) {
        if (s <= 0) {
            return v.shiftLeft(-s);
        }
        if (v.signum() >= 0) {
            return v.add(BigInteger.ONE.shiftLeft(s - 1)).shiftRight(s);
        }
        return v.negate().add(BigInteger.ONE.shiftLeft(s - 1)).shiftRight(s).negate();
    }

    /** This matrix carried at {@code newFrac} fractional bits (rounded when bits are dropped). */
    FixedPointMatrix withFrac(int newFrac) {
        if (newFrac == frac) {
            return this;
        }
        BigInteger[] r = new BigInteger[m.length];
        int s = frac - newFrac;
        for (int k = 0; k < m.length; k++) {
            r[k] = shiftRound(m[k], s);
        }
        return new FixedPointMatrix(rows, cols, newFrac, r);
    }

    FixedPointMatrix transpose() {
        BigInteger[] r = new BigInteger[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                r[j * rows + i] = m[i * cols + j];
            }
        }
        return new FixedPointMatrix(cols, rows, frac, r);
    }

    /** {@code a b} at {@code a.frac} fractional bits; {@code b.frac} may differ. */
    static FixedPointMatrix multiply(FixedPointMatrix a, FixedPointMatrix b) {
        if (a.cols != b.rows) {
            throw new IllegalArgumentException("shapes do not chain");
        }
        FixedPointMatrix bt = b.transpose();
        FixedPointMatrix c = new FixedPointMatrix(a.rows, b.cols, a.frac);
        int shift = b.frac;
        int inner = a.cols;
        IntStream rowsStream = IntStream.range(0, a.rows);
        if ((long) a.rows * a.cols * b.cols > PARALLEL_WORK) {
            rowsStream = rowsStream.parallel();
        }
        int la = LimbDot.limbsFor(LimbDot.maxBits(a.m));
        int lb = LimbDot.limbsFor(LimbDot.maxBits(bt.m));
        if (useLimbs(la, lb, inner)) {
            long[] al = LimbDot.split(a.m, la);
            long[] bl = LimbDot.split(bt.m, lb);
            rowsStream.forEach(i -> {
                long[] hi = new long[la + lb];
                long[] lo = new long[la + lb];
                for (int j = 0; j < b.cols; j++) {
                    c.m[i * c.cols + j] = shiftRound(
                            LimbDot.dot(al, i * inner * la, la, bl, j * inner * lb, lb, inner, hi, lo), shift);
                }
            });
            return c;
        }
        rowsStream.forEach(i -> {
            for (int j = 0; j < b.cols; j++) {
                c.m[i * c.cols + j] = shiftRound(dot(a.m, i * a.cols, bt.m, j * bt.cols, a.cols), shift);
            }
        });
        return c;
    }

    private static boolean useLimbs(int la, int lb, int inner) {
        return la <= LimbDot.MAX_LIMBS && lb <= LimbDot.MAX_LIMBS && inner <= LimbDot.MAX_TERMS
                && !Boolean.getBoolean("flatminima.bigIntegerKernel");
    }

    /**
     * {@code x^T y} for a result known to be symmetric in exact arithmetic (such as X^T X or X^T A X): only the upper
     * triangle is computed and mirrored. Result at {@code x.frac} bits.
     */
    static FixedPointMatrix symmetricTransposeProduct(FixedPointMatrix x, FixedPointMatrix y) {
        if (x.rows != y.rows || x.cols != y.cols) {
            throw new IllegalArgumentException("shapes differ");
        }
        FixedPointMatrix xt = x.transpose();
        FixedPointMatrix yt = y.transpose();
        int n = x.cols;
        FixedPointMatrix c = new FixedPointMatrix(n, n, x.frac);
        int shift = y.frac;
        int inner = x.rows;
        IntStream rowsStream = IntStream.range(0, n);
        if ((long) n * n * x.rows / 2 > PARALLEL_WORK) {
            rowsStream = rowsStream.parallel();
        }
        int lx = LimbDot.limbsFor(LimbDot.maxBits(xt.m));
        int ly = LimbDot.limbsFor(LimbDot.maxBits(yt.m));
        if (useLimbs(lx, ly, inner)) {
            long[] xl = LimbDot.split(xt.m, lx);
            long[] yl = LimbDot.split(yt.m, ly);
            rowsStream.forEach(i -> {
                long[] hi = new long[lx + ly];
                long[] lo = new long[lx + ly];
                for (int j = i; j < n; j++) {
                    BigInteger v = shiftRound(
                            LimbDot.dot(xl, i * inner * lx, lx, yl, j * inner * ly, ly, inner, hi, lo), shift);
                    c.m[i * n + j] = v;
                    c.m[j * n + i] = v;
                }
            });
            return c;
        }
        rowsStream.forEach(i -> {
            for (int j = i; j < n; j++) {
                BigInteger v = shiftRound(dot(xt.m, i * xt.cols, yt.m, j * yt.cols, x.rows), shift);
                c.m[i * n + j] = v;
                c.m[j * n + i] = v;
            }
        });
        return c;
    }

    private static BigInteger dot(BigInteger[] a, int aOff, BigInteger[] b, int bOff, int len) {
        BigInteger s = BigInteger.ZERO;
        for (int k = 0; k < len; k++) {
            BigInteger x = a[aOff + k];
            if (x.signum() != 0) {
                BigInteger y = b[bOff + k];
                if (y.signum() != 0) {
                    s = s.add(x.multiply(y));
                }
            }
        }
        return s;
    }

    /** {@code sqrt(sum of squares)} of the entries, at this matrix's {@code frac} bits (rounded down). */
    BigInteger frobeniusNorm() {
        BigInteger s = BigInteger.ZERO;
        for (BigInteger v : m) {
            if (v.signum() != 0) {
                s = s.add(v.multiply(v));
            }
        }
        return s.sqrt();
    }

    /** The value of mantissa {@code v} at {@code frac} bits as a double; safe for any frac (no overflow). */
    static double toDouble(BigInteger v, int frac) {
        int excess = v.bitLength() - 60;
        if (excess > 0) {
            return Math.scalb(v.shiftRight(excess).doubleValue(), excess - frac);
        }
        return Math.scalb(v.doubleValue(), -frac);
    }

    /** floor(log2 |v / 2^frac|), or {@code Integer.MIN_VALUE / 4} for zero: the binary magnitude of a value. */
    static int exponent(BigInteger v, int frac) {
        return v.signum() == 0 ? Integer.MIN_VALUE / 4 : v.bitLength() - 1 - frac;
    }
}
