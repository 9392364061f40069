package org.flatminima.precise;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.flatminima.numbers.Rational;

/** Exact rational test matrices: random entries, Householder orthogonal factors, and Q D Q^T with known spectrum. */
final class RationalFixtures {
    private RationalFixtures() {}

    /** A random rational p/q with |p| <= maxNum and 1 <= q <= maxDen. */
    static Rational rational(SplittableRandom rnd, int maxNum, int maxDen) {
        return Rational.of(rnd.nextInt(-maxNum, maxNum + 1), rnd.nextInt(1, maxDen + 1));
    }

    static Rational[][] matrix(SplittableRandom rnd, int rows, int cols, int maxNum, int maxDen) {
        Rational[][] a = new Rational[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = rational(rnd, maxNum, maxDen);
            }
        }
        return a;
    }

    static Rational[][] multiply(Rational[][] a, Rational[][] b) {
        Rational[][] c = new Rational[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                Rational s = Rational.ZERO;
                for (int k = 0; k < b.length; k++) {
                    s = s.add(a[i][k].multiply(b[k][j]));
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    static Rational[][] transpose(Rational[][] a) {
        Rational[][] t = new Rational[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The exactly orthogonal Householder reflector I - 2 v v^T / (v^T v) for a random nonzero integer v. */
    static Rational[][] householder(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        long vv = 0;
        while (vv == 0) {
            vv = 0;
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(-9, 10);
                vv += v[i] * v[i];
            }
        }
        Rational[][] h = new Rational[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Rational t = Rational.of(2 * v[i] * v[j], vv);
                h[i][j] = (i == j ? Rational.ONE : Rational.ZERO).subtract(t);
            }
        }
        return h;
    }

    /** A product of two random Householder reflectors: exactly orthogonal, with no particular structure. */
    static Rational[][] orthogonal(SplittableRandom rnd, int n) {
        return multiply(householder(rnd, n), householder(rnd, n));
    }

    /** Q diag(d) Q^T, exactly. */
    static Rational[][] withSpectrum(Rational[][] q, Rational[] d) {
        int n = d.length;
        Rational[][] qd = new Rational[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                qd[i][j] = q[i][j].multiply(d[j]);
            }
        }
        return multiply(qd, transpose(q));
    }

    static Rational[][] diagonal(Rational[] d) {
        Rational[][] a = new Rational[d.length][d.length];
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d.length; j++) {
                a[i][j] = i == j ? d[i] : Rational.ZERO;
            }
        }
        return a;
    }

    static Rational frobeniusSquared(Rational[][] a) {
        Rational s = Rational.ZERO;
        for (Rational[] row : a) {
            for (Rational x : row) {
                s = s.add(x.multiply(x));
            }
        }
        return s;
    }

    /** The exact Frobenius norm of a rational matrix as a double (for stating tolerances only). */
    static double frobenius(Rational[][] a) {
        return Math.sqrt(frobeniusSquared(a).doubleValue());
    }

    static BigInteger bigInt(long x) {
        return BigInteger.valueOf(x);
    }
}
