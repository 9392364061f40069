package org.flatminima.claims.support;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;

/**
 * Exact rational linear algebra on {@link Matrix}&lt;Rational&gt; the checker decides with: inertia (delegated to
 * {@link org.flatminima.exact.Inertia}; a plain rational LDL^T with 1x1 and 2x2 pivots is kept to cross-check
 * it), counts of eigenvalues above a shift, null spaces, and the simplest rational in an interval. Nothing
 * here rounds. No method modifies its arguments.
 */
public final class ExactAlgebra {
    public static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    private ExactAlgebra() {}

    /** Counts of negative, zero and positive eigenvalues. */
    public record Inertia(int negative, int zero, int positive) {
        public boolean isPositiveSemidefinite() {
            return negative == 0;
        }
    }

    /**
     * The inertia of a rational symmetric matrix by symmetric elimination (Sylvester's law of inertia):
     * a non-zero diagonal pivot is taken as 1x1; when the remaining diagonal is zero but an off-diagonal
     * entry b is not, the 2x2 pivot [[0,b],[b,0]] adds one negative and one positive eigenvalue.
     */
    public static Inertia inertia(Matrix<Rational> symmetric) {
        org.flatminima.exact.Inertia in = org.flatminima.exact.Inertia.of(symmetric.toArray());
        return new Inertia(in.negative(), in.zero(), in.positive());
    }

    /** The same by this class's own rational LDL^T (kept to cross-check the shared implementation). */
    public static Inertia inertiaByRationalLdl(Matrix<Rational> symmetric) {
        int n = symmetric.rows();
        if (!symmetric.isSquare()) {
            throw new IllegalArgumentException("inertia of a non-square " + symmetric.shape() + " matrix");
        }
        Rational[][] a = symmetric.toArray();
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

    /** The counts {negative, zero, positive} of an inertia. */
    public static int[] counts(Inertia in) {
        return new int[] {in.negative(), in.zero(), in.positive()};
    }

    /** c I - M for a square M. */
    public static Matrix<Rational> shiftedNegation(Rational c, Matrix<Rational> m) {
        return Matrix.build(Q, m.rows(), m.cols(), (i, j) -> i == j ? c.subtract(m.get(i, j)) : m.get(i, j).negate());
    }

    /** Number of eigenvalues of the symmetric {@code m} strictly above {@code c}. */
    public static int countAbove(Matrix<Rational> m, Rational c) {
        return inertia(shiftedNegation(c, m)).negative();
    }

    /** A basis of the null space of {@code m} (exact reduced row echelon form), as column vectors. */
    public static List<Rational[]> nullSpace(Matrix<Rational> m) {
        int rows = m.rows();
        int cols = m.cols();
        Rational[][] a = m.toArray();
        int[] pivotCol = new int[rows];
        int r = 0;
        for (int c = 0; c < cols && r < rows; c++) {
            int p = -1;
            for (int i = r; i < rows; i++) {
                if (a[i][c].signum() != 0) {
                    p = i;
                    break;
                }
            }
            if (p < 0) {
                continue;
            }
            Rational[] t = a[p];
            a[p] = a[r];
            a[r] = t;
            Rational inv = a[r][c].reciprocal();
            for (int j = 0; j < cols; j++) {
                a[r][j] = a[r][j].multiply(inv);
            }
            for (int i = 0; i < rows; i++) {
                if (i != r && a[i][c].signum() != 0) {
                    Rational f = a[i][c];
                    for (int j = 0; j < cols; j++) {
                        a[i][j] = a[i][j].subtract(f.multiply(a[r][j]));
                    }
                }
            }
            pivotCol[r] = c;
            r++;
        }
        boolean[] isPivot = new boolean[cols];
        for (int i = 0; i < r; i++) {
            isPivot[pivotCol[i]] = true;
        }
        List<Rational[]> basis = new ArrayList<>();
        for (int free = 0; free < cols; free++) {
            if (isPivot[free]) {
                continue;
            }
            Rational[] v = new Rational[cols];
            java.util.Arrays.fill(v, Rational.ZERO);
            v[free] = Rational.ONE;
            for (int i = 0; i < r; i++) {
                v[pivotCol[i]] = a[i][free].negate();
            }
            basis.add(v);
        }
        return basis;
    }

    /** The column vector of {@code v}. */
    public static Matrix<Rational> column(Rational[] v) {
        return Matrix.column(Q, v);
    }

    /** Sum of squares of a column vector. */
    public static Rational normSquared(Matrix<Rational> v) {
        return v.frobeniusSquared();
    }

    /** A smallest-denominator-ish rational in [lo, hi] (Stern-Brocot walk); lo &lt;= hi required. */
    public static Rational simplestBetween(Rational lo, Rational hi) {
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("empty interval");
        }
        if (lo.signum() <= 0 && hi.signum() >= 0) {
            return Rational.ZERO;
        }
        if (hi.signum() < 0) {
            return simplestBetween(hi.negate(), lo.negate()).negate();
        }
        BigInteger fl = floor(lo);
        if (Rational.of(fl).compareTo(lo) == 0) {
            return lo;
        }
        Rational next = Rational.of(fl.add(BigInteger.ONE));
        if (next.compareTo(hi) <= 0) {
            return next;
        }
        // both in (fl, fl+1): recurse on the reciprocals of the fractional parts
        Rational f = Rational.of(fl);
        Rational inner = simplestBetween(hi.subtract(f).reciprocal(), lo.subtract(f).reciprocal());
        return f.add(inner.reciprocal());
    }

    /** The largest integer not above x. */
    public static BigInteger floor(Rational x) {
        BigInteger[] qr = x.numerator().divideAndRemainder(x.denominator());
        return x.signum() < 0 && qr[1].signum() != 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
