package org.flatminima.exact;

import java.math.BigInteger;
import java.util.List;
import org.flatminima.numbers.Rational;

/**
 * Exact matrix operations on plain row-major arrays {@code Rational[rows][cols]} ({@code a[row][col]}).
 * Every method allocates its result and modifies none of its arguments. Shapes are checked: a ragged,
 * empty or mismatched argument throws {@link IllegalArgumentException} (input files are validated
 * before they get here, so this signals a programming error).
 */
public final class RationalMatrices {
    private RationalMatrices() {}

    /** The n x n identity. */
    public static Rational[][] identity(int n) {
        Rational[][] r = zeros(n, n);
        for (int i = 0; i < n; i++) {
            r[i][i] = Rational.ONE;
        }
        return r;
    }

    /** The rows x cols zero matrix. */
    public static Rational[][] zeros(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("matrix shape must be positive: " + rows + "x" + cols);
        }
        Rational[][] r = new Rational[rows][cols];
        for (Rational[] row : r) {
            java.util.Arrays.fill(row, Rational.ZERO);
        }
        return r;
    }

    /**
     * The rows x cols rectangular diagonal matrix with {@code diagonal[i]} at (i, i) for
     * i &lt; min(rows, cols, diagonal.length), zero elsewhere.
     */
    public static Rational[][] diagonal(int rows, int cols, Rational... diagonal) {
        Rational[][] r = zeros(rows, cols);
        int k = Math.min(Math.min(rows, cols), diagonal.length);
        for (int i = 0; i < k; i++) {
            r[i][i] = diagonal[i];
        }
        return r;
    }

    /** A matrix of integers. */
    public static Rational[][] of(long[][] entries) {
        Rational[][] r = new Rational[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            r[i] = new Rational[entries[i].length];
            for (int j = 0; j < entries[i].length; j++) {
                r[i][j] = Rational.of(entries[i][j]);
            }
        }
        checkShape(r);
        return r;
    }

    /** A matrix parsed entry by entry with {@link Rational#parse} ("p/q", integers, decimals). */
    public static Rational[][] parse(String[][] entries) {
        Rational[][] r = new Rational[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            r[i] = new Rational[entries[i].length];
            for (int j = 0; j < entries[i].length; j++) {
                r[i][j] = Rational.parse(entries[i][j]);
            }
        }
        checkShape(r);
        return r;
    }

    public static int rows(Rational[][] a) {
        return a.length;
    }

    public static int cols(Rational[][] a) {
        return a[0].length;
    }

    /** A deep copy (the entries themselves are immutable). */
    public static Rational[][] copy(Rational[][] a) {
        checkShape(a);
        Rational[][] r = new Rational[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    /**
     * a * b. Each row of a and each column of b is brought to one common denominator first, so every
     * entry of the product is an integer dot product followed by a single reduction.
     */
    public static Rational[][] multiply(Rational[][] a, Rational[][] b) {
        checkShape(a);
        checkShape(b);
        int n = a.length, k = a[0].length, p = b[0].length;
        if (b.length != k) {
            throw new IllegalArgumentException("cannot multiply " + n + "x" + k + " by " + b.length + "x" + p);
        }
        CommonDenominators rows = CommonDenominators.ofRows(a);
        CommonDenominators cols = CommonDenominators.ofRows(transpose(b));
        Rational[][] r = new Rational[n][p];
        for (int i = 0; i < n; i++) {
            BigInteger[] x = rows.numerators[i];
            for (int j = 0; j < p; j++) {
                BigInteger[] y = cols.numerators[j];
                BigInteger sum = BigInteger.ZERO;
                for (int t = 0; t < k; t++) {
                    if (x[t].signum() != 0 && y[t].signum() != 0) {
                        sum = sum.add(x[t].multiply(y[t]));
                    }
                }
                r[i][j] = sum.signum() == 0 ? Rational.ZERO
                        : Rational.of(sum, rows.denominators[i].multiply(cols.denominators[j]));
            }
        }
        return r;
    }

    /** Rows as integer vectors over one positive denominator each (the lcm of the row's denominators). */
    private static final class CommonDenominators {
        final BigInteger[][] numerators;
        final BigInteger[] denominators;

        private CommonDenominators(BigInteger[][] numerators, BigInteger[] denominators) {
            this.numerators = numerators;
            this.denominators = denominators;
        }

        static CommonDenominators ofRows(Rational[][] a) {
            BigInteger[][] num = new BigInteger[a.length][];
            BigInteger[] den = new BigInteger[a.length];
            for (int i = 0; i < a.length; i++) {
                BigInteger l = BigInteger.ONE;
                for (Rational x : a[i]) {
                    l = Bareiss.lcm(l, x.denominator());
                }
                den[i] = l;
                num[i] = new BigInteger[a[i].length];
                for (int j = 0; j < a[i].length; j++) {
                    Rational x = a[i][j];
                    num[i][j] = x.denominator().equals(l) ? x.numerator()
                            : x.numerator().multiply(l.divide(x.denominator()));
                }
            }
            return new CommonDenominators(num, den);
        }
    }

    /**
     * The ordered product {@code factors.get(last) * ... * factors.get(0)}, i.e. the network product
     * W_m ... W_1 when the list holds W_1..W_m in order.
     */
    public static Rational[][] productRightToLeft(List<Rational[][]> factors) {
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("empty product");
        }
        Rational[][] p = factors.get(0);
        for (int k = 1; k < factors.size(); k++) {
            p = multiply(factors.get(k), p);
        }
        return factors.size() == 1 ? copy(p) : p;
    }

    /** a * x for a column vector x. */
    public static Rational[] multiply(Rational[][] a, Rational[] x) {
        checkShape(a);
        if (x.length != a[0].length) {
            throw new IllegalArgumentException(
                    "cannot multiply " + a.length + "x" + a[0].length + " by a vector of length " + x.length);
        }
        Rational[] r = new Rational[a.length];
        for (int i = 0; i < a.length; i++) {
            RationalSum s = new RationalSum();
            for (int t = 0; t < x.length; t++) {
                s.addProduct(a[i][t], x[t]);
            }
            r[i] = s.value();
        }
        return r;
    }

    /** The transpose. */
    public static Rational[][] transpose(Rational[][] a) {
        checkShape(a);
        Rational[][] r = new Rational[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                r[j][i] = a[i][j];
            }
        }
        return r;
    }

    /** a + b. */
    public static Rational[][] add(Rational[][] a, Rational[][] b) {
        checkSameShape(a, b);
        Rational[][] r = new Rational[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                r[i][j] = a[i][j].add(b[i][j]);
            }
        }
        return r;
    }

    /** a - b. */
    public static Rational[][] subtract(Rational[][] a, Rational[][] b) {
        checkSameShape(a, b);
        Rational[][] r = new Rational[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                r[i][j] = a[i][j].subtract(b[i][j]);
            }
        }
        return r;
    }

    /** s * a. */
    public static Rational[][] scale(Rational[][] a, Rational s) {
        checkShape(a);
        Rational[][] r = new Rational[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                r[i][j] = a[i][j].multiply(s);
            }
        }
        return r;
    }

    /** a - s I for a square a (the shift used to count eigenvalues on either side of s). */
    public static Rational[][] shift(Rational[][] a, Rational s) {
        checkSquare(a);
        Rational[][] r = copy(a);
        for (int i = 0; i < a.length; i++) {
            r[i][i] = a[i][i].subtract(s);
        }
        return r;
    }

    /** The Kronecker product a (x) b: block (i, j) is a[i][j] * b. */
    public static Rational[][] kronecker(Rational[][] a, Rational[][] b) {
        checkShape(a);
        checkShape(b);
        int ar = a.length, ac = a[0].length, br = b.length, bc = b[0].length;
        Rational[][] r = new Rational[ar * br][ac * bc];
        for (int i = 0; i < ar; i++) {
            for (int j = 0; j < ac; j++) {
                for (int k = 0; k < br; k++) {
                    for (int l = 0; l < bc; l++) {
                        r[i * br + k][j * bc + l] = a[i][j].multiply(b[k][l]);
                    }
                }
            }
        }
        return r;
    }

    /** The squared Frobenius norm, the sum of the squares of all entries. */
    public static Rational frobeniusSquared(Rational[][] a) {
        checkShape(a);
        RationalSum s = new RationalSum();
        for (Rational[] row : a) {
            for (Rational x : row) {
                s.addProduct(x, x);
            }
        }
        return s.value();
    }

    /** The trace of a square matrix. */
    public static Rational trace(Rational[][] a) {
        checkSquare(a);
        RationalSum s = new RationalSum();
        for (int i = 0; i < a.length; i++) {
            s.add(a[i][i]);
        }
        return s.value();
    }

    /** vec(a): the columns of a stacked into one vector, entry (i, j) at index j * rows + i. */
    public static Rational[] vec(Rational[][] a) {
        checkShape(a);
        int rows = a.length, cols = a[0].length;
        Rational[] v = new Rational[rows * cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                v[j * rows + i] = a[i][j];
            }
        }
        return v;
    }

    /** The inverse of {@link #vec}: a rows x (v.length / rows) matrix. */
    public static Rational[][] unvec(Rational[] v, int rows) {
        if (rows <= 0 || v.length == 0 || v.length % rows != 0) {
            throw new IllegalArgumentException("cannot reshape " + v.length + " entries into " + rows + " rows");
        }
        int cols = v.length / rows;
        Rational[][] a = new Rational[rows][cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                a[i][j] = v[j * rows + i];
            }
        }
        return a;
    }

    /** True if a is square and equal to its transpose. */
    public static boolean isSymmetric(Rational[][] a) {
        checkShape(a);
        if (a.length != a[0].length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < i; j++) {
                if (!a[i][j].equals(a[j][i])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if a is square and equal to -a^T. */
    public static boolean isSkewSymmetric(Rational[][] a) {
        checkShape(a);
        if (a.length != a[0].length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j <= i; j++) {
                if (!a[i][j].equals(a[j][i].negate())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if every entry is zero. */
    public static boolean isZero(Rational[][] a) {
        checkShape(a);
        for (Rational[] row : a) {
            for (Rational x : row) {
                if (!x.isZero()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if q^T q = I exactly (orthonormal columns; for a square q, q is orthogonal). */
    public static boolean hasOrthonormalColumns(Rational[][] q) {
        return equals(multiply(transpose(q), q), identity(q[0].length));
    }

    /** Exact equality: same shape and equal entries. */
    public static boolean equals(Rational[][] a, Rational[][] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                return false;
            }
            for (int j = 0; j < a[i].length; j++) {
                if (!a[i][j].equals(b[i][j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The matrix as rows of exact entries, e.g. {@code [[1, 1/2], [0, -3]]}. */
    public static String toString(Rational[][] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < a[i].length; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(a[i][j]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** Throws {@link IllegalArgumentException} unless a is a non-empty rectangular array without nulls. */
    public static void checkShape(Rational[][] a) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException("matrix must have at least one row and one column");
        }
        int cols = a[0].length;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != cols) {
                throw new IllegalArgumentException("matrix rows differ in length at row " + i);
            }
            for (int j = 0; j < cols; j++) {
                if (a[i][j] == null) {
                    throw new IllegalArgumentException("missing entry at (" + i + ", " + j + ")");
                }
            }
        }
    }

    /** Throws {@link IllegalArgumentException} unless a is a valid square matrix. */
    public static void checkSquare(Rational[][] a) {
        checkShape(a);
        if (a.length != a[0].length) {
            throw new IllegalArgumentException("matrix must be square, got " + a.length + "x" + a[0].length);
        }
    }

    private static void checkSameShape(Rational[][] a, Rational[][] b) {
        checkShape(a);
        checkShape(b);
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException("shapes differ: " + a.length + "x" + a[0].length + " and "
                    + b.length + "x" + b[0].length);
        }
    }
}
