package org.flatminima.exact;

import java.util.ArrayList;
import java.util.List;
import org.flatminima.numbers.Rational;

/**
 * A witness of the inertia of a symmetric rational matrix M: a permutation p, a unit lower triangular L
 * and a block diagonal D with 1x1 and 2x2 blocks such that P M P^T = L D L^T, where (P M P^T)[i][j] =
 * M[p[i]][p[j]]. By Sylvester's law of inertia M and D have the same inertia; a 1x1 block counts its
 * sign, a 2x2 block [[a, b], [b, c]] counts by its determinant and trace. Anyone can confirm the witness by
 * multiplying L D L^T out exactly and comparing it with M entry by entry.
 *
 * <p>Construction: exact symmetric elimination. A non-zero diagonal entry of smallest size is a 1x1
 * pivot; when the remaining diagonal is zero, a non-zero off-diagonal entry (i, j) gives the 2x2 pivot
 * [[0, a], [a, 0]]; when all that remains is zero, the remaining blocks are 1x1 zeros (and L is the
 * identity there). The entries of L within a 2x2 block are zero.
 *
 * @param permutation p, the original index of each row of P M P^T
 * @param lower the rows of L below its diagonal: row i holds L[i][0..i-1]
 * @param blocks the diagonal blocks of D in order, each 1x1 {{d}} or 2x2 {{a, b}, {b, c}}
 */
public record LdlCertificate(int[] permutation, Rational[][] lower, List<Rational[][]> blocks) {

    /** Factors the symmetric matrix (not modified). */
    public static LdlCertificate of(Rational[][] m) {
        int n = m.length;
        Rational[][] a = new Rational[n][];
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("an LDL^T certificate needs a square matrix");
            }
            a[i] = m[i].clone();
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Rational[][] l = new Rational[n][n];
        for (Rational[] row : l) {
            java.util.Arrays.fill(row, Rational.ZERO);
        }
        List<Rational[][]> blocks = new ArrayList<>();
        int k = 0;
        while (k < n) {
            int p = -1;
            for (int i = k; i < n; i++) {
                if (a[i][i].signum() != 0 && (p < 0 || size(a[i][i]) < size(a[p][p]))) {
                    p = i;
                }
            }
            if (p >= 0) {
                swap(a, l, perm, k, p);
                Rational d = a[k][k];
                blocks.add(new Rational[][] {{d}});
                Rational inv = d.reciprocal();
                for (int i = k + 1; i < n; i++) {
                    l[i][k] = a[i][k].multiply(inv);
                }
                for (int i = k + 1; i < n; i++) {
                    if (l[i][k].signum() == 0) {
                        continue;
                    }
                    for (int j = k + 1; j <= i; j++) {
                        if (a[j][k].signum() != 0) {
                            Rational v = a[i][j].subtract(l[i][k].multiply(a[j][k]));
                            a[i][j] = v;
                            a[j][i] = v;
                        }
                    }
                }
                k++;
                continue;
            }
            int bi = -1, bj = -1;
            for (int i = k; i < n && bi < 0; i++) {
                for (int j = k; j < i; j++) {
                    if (a[i][j].signum() != 0) {
                        bi = i;
                        bj = j;
                        break;
                    }
                }
            }
            if (bi < 0) {
                for (; k < n; k++) {
                    blocks.add(new Rational[][] {{Rational.ZERO}});
                }
                break;
            }
            swap(a, l, perm, k, bj);
            swap(a, l, perm, k + 1, bi == k ? bj : bi);
            Rational b = a[k + 1][k]; // the block is [[0, b], [b, 0]], its inverse [[0, 1/b], [1/b, 0]]
            blocks.add(new Rational[][] {{Rational.ZERO, b}, {b, Rational.ZERO}});
            Rational inv = b.reciprocal();
            for (int i = k + 2; i < n; i++) {
                // [L_ik, L_i,k+1] = [a_ik, a_i,k+1] E^-1 = [a_i,k+1 / b, a_ik / b]
                l[i][k] = a[i][k + 1].multiply(inv);
                l[i][k + 1] = a[i][k].multiply(inv);
            }
            for (int i = k + 2; i < n; i++) {
                for (int j = k + 2; j <= i; j++) {
                    // S_ij -= L_i E L_j^T = l_ik b l_j,k+1 + l_i,k+1 b l_jk = l_ik a_j,k + l_i,k+1 a_j,k+1
                    Rational t = l[i][k].multiply(a[j][k]).add(l[i][k + 1].multiply(a[j][k + 1]));
                    if (t.signum() != 0) {
                        Rational v = a[i][j].subtract(t);
                        a[i][j] = v;
                        a[j][i] = v;
                    }
                }
            }
            k += 2;
        }
        Rational[][] lower = new Rational[n][];
        for (int i = 0; i < n; i++) {
            lower[i] = java.util.Arrays.copyOf(l[i], i);
        }
        return new LdlCertificate(perm, lower, List.copyOf(blocks));
    }

    /** The inertia the blocks of D count: {negative, zero, positive}. */
    public int[] inertia() {
        int neg = 0, zero = 0, pos = 0;
        for (Rational[][] b : blocks) {
            if (b.length == 1) {
                int s = b[0][0].signum();
                if (s < 0) {
                    neg++;
                } else if (s == 0) {
                    zero++;
                } else {
                    pos++;
                }
            } else {
                int det = b[0][0].multiply(b[1][1]).subtract(b[0][1].multiply(b[1][0])).signum();
                int tr = b[0][0].add(b[1][1]).signum();
                if (det < 0) {
                    neg++;
                    pos++;
                } else if (det > 0) {
                    if (tr > 0) {
                        pos += 2;
                    } else {
                        neg += 2;
                    }
                } else {
                    zero++;
                    if (tr > 0) {
                        pos++;
                    } else if (tr < 0) {
                        neg++;
                    } else {
                        zero++;
                    }
                }
            }
        }
        return new int[] {neg, zero, pos};
    }

    private static int size(Rational x) {
        return x.numerator().bitLength() + x.denominator().bitLength();
    }

    /** Swaps positions i and j (both &gt;= the current step) in the working matrix, L's finished columns and p. */
    private static void swap(Rational[][] a, Rational[][] l, int[] perm, int i, int j) {
        if (i == j) {
            return;
        }
        Rational[] t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (Rational[] row : a) {
            Rational x = row[i];
            row[i] = row[j];
            row[j] = x;
        }
        Rational[] lt = l[i];
        l[i] = l[j];
        l[j] = lt;
        int pt = perm[i];
        perm[i] = perm[j];
        perm[j] = pt;
    }
}
