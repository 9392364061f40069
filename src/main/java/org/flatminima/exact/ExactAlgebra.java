package org.flatminima.exact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;

/**
 * Exact rational linear algebra on {@link Matrix}&lt;Rational&gt; the checker decides with: inertia (delegated to
 * {@link org.flatminima.exact.Inertia}), counts of eigenvalues above a shift, null spaces, and the simplest rational in an interval. Nothing
 * here rounds. No method modifies its arguments.
 */
public final class ExactAlgebra {
    public static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    private ExactAlgebra() {}


    /**
     * The inertia of a rational symmetric matrix by symmetric elimination (Sylvester's law of inertia):
     * a non-zero diagonal pivot is taken as 1x1; when the remaining diagonal is zero but an off-diagonal
     * entry b is not, the 2x2 pivot [[0,b],[b,0]] adds one negative and one positive eigenvalue.
     */
    public static Inertia inertia(Matrix<Rational> symmetric) {
        return Inertia.of(symmetric.toArray());
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
