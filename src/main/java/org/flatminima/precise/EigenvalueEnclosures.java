package org.flatminima.precise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;

/**
 * Rigorous statements about the exact eigenvalues of a symmetric matrix, from approximate eigenpairs.
 *
 * <p>Everything here is computed in exact integer and rational arithmetic on the exact values of the inputs (an
 * {@link Apfloat} is taken at the exact decimal value it holds); the only rounding is the final one, of a square
 * root, and it is directed upwards and verified by squaring. So every returned bound is a true upper bound, never an
 * approximation, whatever the quality of the approximate eigenpairs; a poor approximation gives a large bound, not
 * a wrong one. The approximate pairs themselves may come from anywhere (typically {@link SymmetricEigen}).
 *
 * <p>The bounds rest on three classical facts for a real symmetric A: (1) for any x != 0 and real lambda, some
 * eigenvalue of A lies within ||A x - lambda x||_2 / ||x||_2 of lambda; (2) Weyl: if B and C are symmetric, their
 * i-th largest eigenvalues differ by at most ||B - C||_2 <= ||B - C||_F; (3) Ostrowski: for nonsingular V, the i-th
 * largest eigenvalue of V^T A V is theta_i times that of A, with theta_i between the extreme eigenvalues of V^T V.
 */
public final class EigenvalueEnclosures {
    private EigenvalueEnclosures() {}

    /**
     * An upper bound on the distance from {@code lambda} to the nearest eigenvalue of the symmetric {@code a}:
     * {@code ||a x - lambda x||_2 / ||x||_2} evaluated exactly and rounded up to {@code digits} significant digits.
     * The result is the exact value of that decimal. Nothing is modified. Throws {@link IllegalArgumentException} if
     * {@code a} is not square and exactly symmetric, the shapes disagree, or {@code x} is zero.
     */
    public static Rational residualBound(Rational[][] a, Rational lambda, Rational[] x, int digits) {
        int n = a.length;
        requireSymmetric(a);
        if (x.length != n) {
            throw new IllegalArgumentException("vector has " + x.length + " entries, matrix is " + n + "x" + n);
        }
        Integral ai = Integral.of(a);
        Integral xi = Integral.of(new Rational[][] {x});
        Integral li = Integral.of(new Rational[][] {{lambda}});
        BigInteger[] xt = xi.m[0];
        BigInteger xx = BigInteger.ZERO;
        for (BigInteger v : xt) {
            xx = xx.add(v.multiply(v));
        }
        if (xx.signum() == 0) {
            throw new IllegalArgumentException("the vector is zero");
        }
        // r * dA * dX * dL = (A~ x~) dL - lambda~ dA x~
        BigInteger lt = li.m[0][0];
        BigInteger rr = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger s = BigInteger.ZERO;
            for (int j = 0; j < n; j++) {
                s = s.add(ai.m[i][j].multiply(xt[j]));
            }
            BigInteger ri = s.multiply(li.den).subtract(lt.multiply(ai.den).multiply(xt[i]));
            rr = rr.add(ri.multiply(ri));
        }
        // ||r||^2 / ||x||^2 = rr / (dA^2 dL^2 xx)   (the dX^2 cancel)
        BigInteger den = ai.den.multiply(li.den).pow(2).multiply(xx);
        return sqrtUp(Rational.of(rr, den), digits);
    }

    /** {@link #residualBound(Rational[][], Rational, Rational[], int)} on the exact values held by the Apfloats. */
    public static Rational residualBound(Apfloat[][] a, Apfloat lambda, Apfloat[] x, int digits) {
        Rational[] xr = new Rational[x.length];
        for (int i = 0; i < x.length; i++) {
            xr[i] = ApfloatMatrices.toRational(x[i]);
        }
        return residualBound(ApfloatMatrices.toRational(a), ApfloatMatrices.toRational(lambda), xr, digits);
    }

    /**
     * Radii r_i such that the i-th largest eigenvalue of the symmetric n x n matrix {@code a} lies in
     * [mu_i - r_i, mu_i + r_i], for descending {@code mu} and any n x n {@code v} with ||V^T V - I||_F < 1 (its
     * columns approximate eigenvectors). With B = V^T A V (exact), epsilon >= ||B - diag(mu)||_F and
     * omega >= ||V^T V - I||_F: r_i = epsilon + (|mu_i| + epsilon) omega / (1 - omega), by Weyl (eigenvalues of B
     * against mu) and Ostrowski (eigenvalues of A against B). Radii are rounded up to {@code digits} significant
     * digits. This counts multiplicities: a radius smaller than |mu_i| proves the sign of the i-th eigenvalue, so the
     * radii decide the number of positive, zero-candidate and negative eigenvalues and the value of the largest.
     * Nothing is modified. Throws {@link IllegalArgumentException} for mismatched shapes, unsorted {@code mu}, a
     * non-symmetric {@code a}, and {@link ArithmeticException} when V is too far from orthogonal (omega >= 1).
     */
    public static Rational[] spectrumRadii(Rational[][] a, Rational[] mu, Rational[][] v, int digits) {
        int n = a.length;
        requireSymmetric(a);
        if (mu.length != n || v.length != n || (n > 0 && v[0].length != n)) {
            throw new IllegalArgumentException("need n eigenvalues and an n x n vector matrix for n = " + n);
        }
        for (int i = 1; i < n; i++) {
            if (mu[i].compareTo(mu[i - 1]) > 0) {
                throw new IllegalArgumentException("eigenvalues must be in descending order");
            }
        }
        if (n == 0) {
            return new Rational[0];
        }
        Integral ai = Integral.of(a);
        Integral vi = Integral.of(v);
        Integral mi = Integral.of(new Rational[][] {mu});
        BigInteger[][] av = multiply(ai.m, vi.m);
        BigInteger[][] vt = transpose(vi.m);
        BigInteger[][] b = multiply(vt, av); // B = b / (dA dV^2)
        BigInteger[][] g = multiply(vt, vi.m); // V^T V = g / dV^2
        BigInteger dv2 = vi.den.pow(2);
        BigInteger bScale = ai.den.multiply(dv2);
        BigInteger ee = BigInteger.ZERO;
        BigInteger gg = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                BigInteger e = b[i][j].multiply(mi.den);
                BigInteger o = g[i][j];
                if (i == j) {
                    e = e.subtract(mi.m[0][i].multiply(bScale));
                    o = o.subtract(dv2);
                }
                ee = ee.add(e.multiply(e));
                gg = gg.add(o.multiply(o));
            }
        }
        Rational epsilon = sqrtUp(Rational.of(ee, bScale.multiply(mi.den).pow(2)), digits + 2);
        Rational omega = sqrtUp(Rational.of(gg, dv2.pow(2)), digits + 2);
        if (omega.compareTo(Rational.ONE) >= 0) {
            throw new ArithmeticException("the vectors are too far from orthonormal: ||V^T V - I||_F >= 1");
        }
        Rational factor = omega.divide(Rational.ONE.subtract(omega));
        Rational[] radii = new Rational[n];
        for (int i = 0; i < n; i++) {
            Rational r = epsilon.add(mu[i].abs().add(epsilon).multiply(factor));
            radii[i] = roundUp(r, digits);
        }
        return radii;
    }

    /** {@link #spectrumRadii(Rational[][], Rational[], Rational[][], int)} on the exact values of the Apfloats. */
    public static Rational[] spectrumRadii(Apfloat[][] a, Apfloat[] mu, Apfloat[][] v, int digits) {
        Rational[] m = new Rational[mu.length];
        for (int i = 0; i < mu.length; i++) {
            m[i] = ApfloatMatrices.toRational(mu[i]);
        }
        return spectrumRadii(ApfloatMatrices.toRational(a), m, ApfloatMatrices.toRational(v), digits);
    }

    /**
     * The least decimal with {@code digits} significant digits that is >= sqrt(q), as an exact rational; checked by
     * squaring. Throws {@link IllegalArgumentException} for negative q.
     */
    public static Rational sqrtUp(Rational q, int digits) {
        if (q.signum() < 0) {
            throw new IllegalArgumentException("negative: " + q);
        }
        if (q.isZero()) {
            return Rational.ZERO;
        }
        BigInteger p = q.numerator();
        BigInteger d = q.denominator();
        // sqrt(p/d) = sqrt(p d) / d; scale by 10^k so the integer root carries digits + 3 digits
        BigInteger pd = p.multiply(d);
        int rootDigits = (int) (pd.bitLength() * 0.30103 / 2);
        int k = Math.max(0, digits + 3 - rootDigits);
        BigInteger scaled = pd.multiply(BigInteger.TEN.pow(2 * k));
        BigInteger root = scaled.sqrt();
        if (root.multiply(root).compareTo(scaled) < 0) {
            root = root.add(BigInteger.ONE); // ceil
        }
        BigDecimal upper = new BigDecimal(root).divide(new BigDecimal(d.multiply(BigInteger.TEN.pow(k))),
                new MathContext(digits, RoundingMode.CEILING));
        Rational result = Rational.of(upper);
        if (result.multiply(result).compareTo(q) < 0) {
            throw new AssertionError("upward square root is not an upper bound"); // cannot happen
        }
        return result;
    }

    /** The least decimal with {@code digits} significant digits that is >= q (q >= 0), as an exact rational. */
    static Rational roundUp(Rational q, int digits) {
        if (q.isZero()) {
            return q;
        }
        BigDecimal up = new BigDecimal(q.numerator()).divide(new BigDecimal(q.denominator()),
                new MathContext(digits, RoundingMode.CEILING));
        return Rational.of(up);
    }

    private static void requireSymmetric(Rational[][] a) {
        int n = a.length;
        for (Rational[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!a[i][j].equals(a[j][i])) {
                    throw new IllegalArgumentException("matrix is not symmetric at " + i + "," + j);
                }
            }
        }
    }

    private static BigInteger[][] transpose(BigInteger[][] a) {
        BigInteger[][] t = new BigInteger[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The exact integer product. */
    private static BigInteger[][] multiply(BigInteger[][] a, BigInteger[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = b[0].length;
        BigInteger[][] bt = transpose(b);
        BigInteger[][] c = new BigInteger[n][m];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < m; j++) {
                BigInteger s = BigInteger.ZERO;
                for (int k = 0; k < inner; k++) {
                    if (a[i][k].signum() != 0 && bt[j][k].signum() != 0) {
                        s = s.add(a[i][k].multiply(bt[j][k]));
                    }
                }
                c[i][j] = s;
            }
        });
        return c;
    }

    /** A rational matrix as integers over one common denominator: value = m / den. */
    private record Integral(BigInteger[][] m, BigInteger den) {
        static Integral of(Rational[][] a) {
            BigInteger den = BigInteger.ONE;
            for (Rational[] row : a) {
                for (Rational x : row) {
                    BigInteger d = x.denominator();
                    if (!d.equals(BigInteger.ONE)) {
                        den = den.divide(den.gcd(d)).multiply(d);
                    }
                }
            }
            BigInteger[][] m = new BigInteger[a.length][];
            for (int i = 0; i < a.length; i++) {
                m[i] = new BigInteger[a[i].length];
                for (int j = 0; j < a[i].length; j++) {
                    m[i][j] = a[i][j].numerator().multiply(den.divide(a[i][j].denominator()));
                }
            }
            return new Integral(m, den);
        }
    }
}
