package org.flatminima.precise;

import java.math.BigInteger;

/** Orthonormal columns in fixed point: modified Gram-Schmidt with re-orthogonalisation, and completion. */
final class Orthonormal {
    private Orthonormal() {}

    /**
     * Modifies {@code u}: re-orthonormalises its {@code filled} columns in index order (modified Gram-Schmidt, two
     * passes), then replaces every other column by the standard basis vector with the largest component orthogonal
     * to the columns already set, orthonormalised the same way. Requires rows >= cols.
     */
    static void complete(FixedPointMatrix u, boolean[] filled) {
        int m = u.rows;
        int k = u.cols;
        int f = u.frac;
        int[] accepted = new int[k];
        int count = 0;
        for (int j = 0; j < k; j++) {
            if (filled[j]) {
                BigInteger[] w = column(u, j);
                orthogonalize(w, u, accepted, count, f);
                if (normalize(w, f)) {
                    setColumn(u, j, w);
                    accepted[count++] = j;
                } else {
                    filled[j] = false; // numerically dependent: complete it below
                }
            }
        }
        for (int j = 0; j < k; j++) {
            if (filled[j]) {
                continue;
            }
            BigInteger[] best = null;
            BigInteger bestNorm = BigInteger.valueOf(-1);
            for (int t = 0; t < m; t++) {
                BigInteger[] w = new BigInteger[m];
                java.util.Arrays.fill(w, BigInteger.ZERO);
                w[t] = BigInteger.ONE.shiftLeft(f);
                orthogonalize(w, u, accepted, count, f);
                BigInteger norm = squaredNorm(w);
                if (norm.compareTo(bestNorm) > 0) {
                    best = w;
                    bestNorm = norm;
                }
            }
            normalize(best, f);
            setColumn(u, j, best);
            accepted[count++] = j;
        }
    }

    /** ||U^T U - I||_F at {@code u.frac} bits. */
    static BigInteger defect(FixedPointMatrix u) {
        FixedPointMatrix g = FixedPointMatrix.symmetricTransposeProduct(u, u);
        BigInteger one = BigInteger.ONE.shiftLeft(u.frac);
        BigInteger s = BigInteger.ZERO;
        for (int i = 0; i < g.rows; i++) {
            for (int j = 0; j < g.cols; j++) {
                BigInteger d = i == j ? g.get(i, j).subtract(one) : g.get(i, j);
                s = s.add(d.multiply(d));
            }
        }
        return s.sqrt();
    }

    private static void orthogonalize(BigInteger[] w, FixedPointMatrix u, int[] accepted, int count, int f) {
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < count; a++) {
                int q = accepted[a];
                BigInteger dot = BigInteger.ZERO;
                for (int i = 0; i < w.length; i++) {
                    dot = dot.add(u.get(i, q).multiply(w[i]));
                }
                dot = FixedPointMatrix.shiftRound(dot, f);
                if (dot.signum() == 0) {
                    continue;
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] = w[i].subtract(FixedPointMatrix.shiftRound(dot.multiply(u.get(i, q)), f));
                }
            }
        }
    }

    /** Scales {@code w} (modified) to unit length; false if it is too short to carry direction at f bits. */
    private static boolean normalize(BigInteger[] w, int f) {
        BigInteger norm = squaredNorm(w).sqrt(); // at f bits
        if (norm.bitLength() < f / 2) {
            return false;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = FixedPointMatrix.roundDivide(w[i].shiftLeft(f), norm);
        }
        return true;
    }

    private static BigInteger squaredNorm(BigInteger[] w) {
        BigInteger s = BigInteger.ZERO;
        for (BigInteger x : w) {
            s = s.add(x.multiply(x));
        }
        return s;
    }

    private static BigInteger[] column(FixedPointMatrix u, int j) {
        BigInteger[] w = new BigInteger[u.rows];
        for (int i = 0; i < u.rows; i++) {
            w[i] = u.get(i, j);
        }
        return w;
    }

    private static void setColumn(FixedPointMatrix u, int j, BigInteger[] w) {
        for (int i = 0; i < u.rows; i++) {
            u.set(i, j, w[i]);
        }
    }
}
