package org.flatminima.linalg;

import org.flatminima.numbers.Arithmetic;

/**
 * Inverse and positive-definiteness test by Gauss-Jordan elimination over any arithmetic. Pivots on
 * the entry of largest magnitude in the column (for exact arithmetic any non-zero pivot is exact;
 * the largest keeps D-digit rounding small).
 */
public final class GaussJordan {
    private GaussJordan() {}

    /** The inverse of a square matrix, or {@code null} if it is singular (exactly, or at the working precision). */
    public static <T> Matrix<T> inverse(Matrix<T> m) {
        if (!m.isSquare()) {
            throw new IllegalArgumentException("inverse of a non-square " + m.shape() + " matrix");
        }
        Arithmetic<T> ar = m.arithmetic();
        int n = m.rows();
        T[][] a = m.toArray();
        T[][] inv = Matrix.identity(ar, n).toArray();
        for (int c = 0; c < n; c++) {
            int p = -1;
            T best = ar.zero();
            for (int r = c; r < n; r++) {
                T v = abs(ar, a[r][c]);
                if (ar.signum(v) != 0 && (p < 0 || ar.compare(v, best) > 0)) {
                    p = r;
                    best = v;
                }
            }
            if (p < 0) {
                return null;
            }
            swap(a, p, c);
            swap(inv, p, c);
            T piv = a[c][c];
            for (int j = 0; j < n; j++) {
                a[c][j] = ar.divide(a[c][j], piv);
                inv[c][j] = ar.divide(inv[c][j], piv);
            }
            for (int r = 0; r < n; r++) {
                if (r == c || ar.signum(a[r][c]) == 0) {
                    continue;
                }
                T f = a[r][c];
                for (int j = 0; j < n; j++) {
                    a[r][j] = ar.subtract(a[r][j], ar.multiply(f, a[c][j]));
                    inv[r][j] = ar.subtract(inv[r][j], ar.multiply(f, inv[c][j]));
                }
            }
        }
        return Matrix.of(ar, inv);
    }

    /**
     * For a symmetric matrix: the index (0-based) of the first non-positive pivot of symmetric
     * Gaussian elimination without pivoting, or -1 if every pivot is positive, which holds exactly
     * when the matrix is positive definite (Sylvester's criterion). Exact for exact arithmetic.
     */
    public static <T> int firstNonPositivePivot(Matrix<T> m) {
        Arithmetic<T> ar = m.arithmetic();
        int n = m.rows();
        T[][] a = m.toArray();
        for (int c = 0; c < n; c++) {
            if (ar.signum(a[c][c]) <= 0) {
                return c;
            }
            for (int r = c + 1; r < n; r++) {
                if (ar.signum(a[r][c]) == 0) {
                    continue;
                }
                T f = ar.divide(a[r][c], a[c][c]);
                for (int j = c; j < n; j++) {
                    a[r][j] = ar.subtract(a[r][j], ar.multiply(f, a[c][j]));
                }
            }
        }
        return -1;
    }

    private static <T> T abs(Arithmetic<T> ar, T v) {
        return ar.signum(v) < 0 ? ar.negate(v) : v;
    }

    private static <T> void swap(T[][] a, int i, int j) {
        T[] t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
