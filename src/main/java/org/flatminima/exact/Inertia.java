package org.flatminima.exact;

import java.math.BigInteger;
import org.flatminima.numbers.Rational;

/**
 * The inertia of a rational symmetric matrix: how many eigenvalues are negative, zero and positive,
 * decided exactly.
 *
 * <p>Method: a symmetric LDL^T elimination on integers. The matrix is first made integral by a congruence
 * with a positive diagonal or a positive scalar (whichever gives smaller numbers); by Sylvester's law of
 * inertia neither changes the inertia. The elimination keeps the remaining Schur complement S in the form
 * S = B / mu with B an integer matrix and only the sign of mu tracked: a 1x1 pivot p gives
 * B' = B_pp B - b b^T and mu' = mu B_pp; a 2x2 pivot block P (indices p, q) gives
 * B'_ij = det [[P, B_{pq,j}], [B_{i,pq}, B_ij]] and mu' = mu det P. After each step B' is divided by the gcd of its entries, so that B' is always the
 * primitive part (up to sign) of the bordered minors det A[K+i, K+j] (never larger than the numbers of Bareiss's
 * fraction-free elimination, and on structured matrices such as Hessians far smaller, because the common
 * factors that Bareiss keeps are removed). Pivot rule (Bunch-Parlett's order with the exact criterion
 * "non-zero" in place of "large enough"): a non-zero diagonal entry of smallest size gives a 1x1 pivot,
 * which counts sign(B_pp) sign(mu); when the remaining diagonal is all zero, a non-zero off-diagonal pair
 * (i, j) gives the 2x2 pivot [[0, a], [a, 0]] with one negative and one positive eigenvalue; when
 * everything left is zero, the remaining indices are zero eigenvalues.
 *
 * <p>For many shifts of one low-rank matrix (bisection on a Hessian at a global minimum) use
 * {@link ShiftedInertia}, which answers each shift with an r x r inertia.
 *
 * @param negative number of negative eigenvalues
 * @param zero number of zero eigenvalues (the nullity)
 * @param positive number of positive eigenvalues
 */
public record Inertia(int negative, int zero, int positive) {

    public Inertia {
        if (negative < 0 || zero < 0 || positive < 0) {
            throw new IllegalArgumentException("inertia counts must be non-negative");
        }
    }

    /** The inertia of a symmetric matrix; {@link IllegalArgumentException} if it is not symmetric. */
    public static Inertia of(Rational[][] symmetric) {
        if (!RationalMatrices.isSymmetric(symmetric)) {
            throw new IllegalArgumentException("inertia needs a symmetric matrix");
        }
        return ofIntegerLower(integerLower(symmetric), null);
    }

    /** True if every eigenvalue of the symmetric matrix is &gt;= 0. */
    public static boolean isPositiveSemidefinite(Rational[][] symmetric) {
        return of(symmetric).negative() == 0;
    }

    /** True if every eigenvalue of the symmetric matrix is &gt; 0. */
    public static boolean isPositiveDefinite(Rational[][] symmetric) {
        Inertia in = of(symmetric);
        return in.negative() == 0 && in.zero() == 0;
    }

    /** The number of eigenvalues of the symmetric matrix strictly below {@code a}: negatives of A - aI. */
    public static int countBelow(Rational[][] symmetric, Rational a) {
        return of(RationalMatrices.shift(symmetric, a)).negative();
    }

    /** The number of eigenvalues of the symmetric matrix strictly above {@code a}: positives of A - aI. */
    public static int countAbove(Rational[][] symmetric, Rational a) {
        return of(RationalMatrices.shift(symmetric, a)).positive();
    }

    /** The multiplicity of {@code a} as an eigenvalue of the symmetric matrix (0 if it is none). */
    public static int multiplicity(Rational[][] symmetric, Rational a) {
        return of(RationalMatrices.shift(symmetric, a)).zero();
    }

    /** The size of the matrix. */
    public int size() {
        return negative + zero + positive;
    }

    /** The rank, size minus nullity. */
    public int rank() {
        return negative + positive;
    }

    @Override
    public String toString() {
        return "(" + negative + ", " + zero + ", " + positive + ")";
    }

    /**
     * The lower triangle (jagged, row i has i + 1 entries) of an integer matrix congruent to the input
     * by a positive scaling, divided by the gcd of its entries.
     */
    private static BigInteger[][] integerLower(Rational[][] a) {
        int n = a.length;
        // Option 1: D A D with D = diag(lcm of row i's denominators). Option 2: L A with L the overall lcm.
        BigInteger[] rowLcm = new BigInteger[n];
        BigInteger all = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            BigInteger l = BigInteger.ONE;
            for (int j = 0; j < n; j++) {
                l = Bareiss.lcm(l, a[i][j].denominator());
            }
            rowLcm[i] = l;
            all = Bareiss.lcm(all, l);
        }
        BigInteger[][] diagonal = new BigInteger[n][];
        BigInteger[][] scalar = new BigInteger[n][];
        long bitsDiagonal = 0, bitsScalar = 0;
        for (int i = 0; i < n; i++) {
            diagonal[i] = new BigInteger[i + 1];
            scalar[i] = new BigInteger[i + 1];
            for (int j = 0; j <= i; j++) {
                Rational x = a[i][j];
                BigInteger d = x.numerator().multiply(rowLcm[i].divide(x.denominator())).multiply(rowLcm[j]);
                BigInteger s = x.numerator().multiply(all.divide(x.denominator()));
                diagonal[i][j] = d;
                scalar[i][j] = s;
                bitsDiagonal += d.bitLength();
                bitsScalar += s.bitLength();
            }
        }
        BigInteger[][] m = bitsDiagonal <= bitsScalar ? diagonal : scalar;
        BigInteger g = BigInteger.ZERO;
        for (BigInteger[] row : m) {
            for (BigInteger x : row) {
                g = g.gcd(x);
            }
        }
        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
            for (BigInteger[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = row[j].divide(g);
                }
            }
        }
        return m;
    }

    /**
     * The inertia of a symmetric matrix, and in {@code pivots} (if not null; it is cleared and filled) the
     * eliminated indices J: |J| is the rank and the principal submatrix A[J, J] is invertible.
     */
    static Inertia of(Rational[][] symmetric, java.util.List<Integer> pivots) {
        if (!RationalMatrices.isSymmetric(symmetric)) {
            throw new IllegalArgumentException("inertia needs a symmetric matrix");
        }
        if (pivots != null) {
            pivots.clear();
        }
        return ofIntegerLower(integerLower(symmetric), pivots);
    }

    /**
     * Inertia of the symmetric integer matrix whose lower triangle is {@code l} (modifies l), recording the
     * pivot indices in {@code pivots} when it is not null (modifies it).
     */
    private static Inertia ofIntegerLower(BigInteger[][] l, java.util.List<Integer> pivots) {
        int n = l.length;
        int[] active = new int[n];
        for (int i = 0; i < n; i++) {
            active[i] = i;
        }
        int left = n;
        int neg = 0, pos = 0, zero = 0;
        int muSign = 1; // S = B / mu for the remaining Schur complement S
        BigInteger[] colP = new BigInteger[n];
        BigInteger[] colQ = new BigInteger[n];
        while (left > 0) {
            int p = -1;
            for (int t = 0; t < left; t++) {
                int i = active[t];
                BigInteger d = l[i][i];
                if (d.signum() != 0 && (p < 0 || d.bitLength() < l[p][p].bitLength())) {
                    p = i;
                }
            }
            if (p >= 0) {
                BigInteger piv = l[p][p];
                if (piv.signum() * muSign > 0) {
                    pos++;
                } else {
                    neg++;
                }
                muSign *= piv.signum();
                left = remove(active, left, p);
                if (pivots != null) {
                    pivots.add(p);
                }
                for (int t = 0; t < left; t++) {
                    int i = active[t];
                    colP[i] = get(l, i, p);
                }
                for (int t = 0; t < left; t++) {
                    int i = active[t];
                    BigInteger[] row = l[i];
                    BigInteger ip = colP[i];
                    for (int s = 0; s < left; s++) {
                        int j = active[s];
                        if (j > i) {
                            continue;
                        }
                        BigInteger v = piv.multiply(row[j]);
                        if (ip.signum() != 0 && colP[j].signum() != 0) {
                            v = v.subtract(ip.multiply(colP[j]));
                        }
                        row[j] = v;
                    }
                }
                removeContent(l, active, left);
                continue;
            }
            // The remaining diagonal is zero: look for a non-zero off-diagonal entry.
            int bi = -1, bj = -1;
            for (int t = 0; t < left; t++) {
                int i = active[t];
                for (int s = 0; s < left; s++) {
                    int j = active[s];
                    if (j < i && l[i][j].signum() != 0
                            && (bi < 0 || l[i][j].bitLength() < l[bi][bj].bitLength())) {
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                zero += left;
                break;
            }
            int q = bi;
            p = bj;
            // pivot block P = [[0, a], [a, 0]]: det P = -a^2 < 0, so P / mu has one eigenvalue of each sign
            BigInteger a = l[q][p];
            neg++;
            pos++;
            muSign = -muSign;
            left = remove(active, left, p);
            left = remove(active, left, q);
            if (pivots != null) {
                pivots.add(p);
                pivots.add(q);
            }
            for (int t = 0; t < left; t++) {
                int i = active[t];
                colP[i] = get(l, i, p);
                colQ[i] = get(l, i, q);
            }
            BigInteger aSquared = a.multiply(a);
            for (int t = 0; t < left; t++) {
                int i = active[t];
                BigInteger[] row = l[i];
                for (int s = 0; s < left; s++) {
                    int j = active[s];
                    if (j > i) {
                        continue;
                    }
                    // det [[0, a, b_pj], [a, 0, b_qj], [b_ip, b_iq, b_ij]] = a (b_ip b_qj + b_iq b_pj) - a^2 b_ij
                    BigInteger cross = colP[i].multiply(colQ[j]).add(colQ[i].multiply(colP[j]));
                    row[j] = a.multiply(cross).subtract(aSquared.multiply(row[j]));
                }
            }
            removeContent(l, active, left);
        }
        return new Inertia(neg, zero, pos);
    }

    /**
     * Divides the active lower entries by their positive gcd (modifies l); the inertia is unchanged. The
     * gcd is guessed from a few entries and confirmed while dividing, so each entry costs one division.
     */
    private static void removeContent(BigInteger[][] l, int[] active, int left) {
        BigInteger g = BigInteger.ZERO;
        int seen = 0;
        outer:
        for (int t = 0; t < left; t++) {
            int i = active[t];
            for (int s = 0; s < left; s++) {
                int j = active[s];
                if (j <= i && l[i][j].signum() != 0) {
                    g = g.gcd(l[i][j]);
                    if (g.equals(BigInteger.ONE) || ++seen == 4) {
                        break outer;
                    }
                }
            }
        }
        if (g.signum() == 0 || g.equals(BigInteger.ONE)) {
            return;
        }
        // divide in place; if an entry is not a multiple of g, shrink g to gcd(g, entry) and rescale the
        // entries already divided by the old g (they were multiples of it)
        int doneCount = 0;
        int[] doneI = new int[left * (left + 1) / 2];
        int[] doneJ = new int[doneI.length];
        for (int t = 0; t < left; t++) {
            int i = active[t];
            for (int s = 0; s < left; s++) {
                int j = active[s];
                if (j > i) {
                    continue;
                }
                BigInteger x = l[i][j];
                if (x.signum() != 0) {
                    BigInteger[] qr = x.divideAndRemainder(g);
                    if (qr[1].signum() == 0) {
                        l[i][j] = qr[0];
                    } else {
                        BigInteger smaller = g.gcd(qr[1]);
                        BigInteger f = g.divide(smaller);
                        for (int k = 0; k < doneCount; k++) {
                            l[doneI[k]][doneJ[k]] = l[doneI[k]][doneJ[k]].multiply(f);
                        }
                        g = smaller;
                        if (g.equals(BigInteger.ONE)) {
                            return;
                        }
                        l[i][j] = x.divide(g);
                    }
                }
                doneI[doneCount] = i;
                doneJ[doneCount] = j;
                doneCount++;
            }
        }
    }

    private static BigInteger get(BigInteger[][] l, int i, int j) {
        return i >= j ? l[i][j] : l[j][i];
    }

    /** Removes index value {@code x} from the first {@code left} entries of {@code active} (modifies it). */
    private static int remove(int[] active, int left, int x) {
        for (int t = 0; t < left; t++) {
            if (active[t] == x) {
                active[t] = active[left - 1];
                active[left - 1] = x;
                return left - 1;
            }
        }
        throw new IllegalStateException("index not active: " + x);
    }
}
