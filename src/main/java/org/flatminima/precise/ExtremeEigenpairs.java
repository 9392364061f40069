package org.flatminima.precise;

import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.flatminima.numbers.Rational;

/**
 * The whole spectrum of a symmetric rational matrix in double precision (EJML), and its largest and smallest
 * eigenpairs refined to D digits by mixed-precision Newton correction: the residual r = A x - rho x (rho the Rayleigh
 * quotient) is formed exactly in binary fixed point at the working precision, and the correction
 * x -= sum_j v_j (v_j . r) / (mu_j - rho) over the double eigenpairs (v_j, mu_j) outside the target's cluster is
 * applied in double. Each step costs O(N^2) multi-precision operations and gains about -log10(eps ||A|| / gap)
 * digits; the only O(N^3) work is the double decomposition. Far cheaper than refining all N eigenpairs to D digits,
 * which is what {@link SymmetricEigen} does.
 *
 * <p>What the result says: for a symmetric A and any x != 0, some eigenvalue lies within ||A x - rho x|| / ||x|| of
 * rho (and within its square over the gap). Which eigenvalue it is (the largest or the smallest) rests on the
 * double decomposition's ordering, so the values are numerical, not certified; the residual is reported. Nothing is
 * modified.
 */
public final class ExtremeEigenpairs {
    private static final int MAX_STEPS = 60;
    /** Double eigenvalues closer than this times ||A|| to the target's are treated as one cluster. */
    private static final double CLUSTER = 1e-10;

    /**
     * One refined eigenpair: the Rayleigh quotient, its residual norm ||A x - rho x|| / ||x||, the correction steps
     * taken, and whether the steps stopped at the rounding floor or on stagnation (not on the step limit).
     */
    public record Pair(Apfloat value, Apfloat residual, int steps, boolean converged, BigInteger[] mantissas, int frac) {
        /** The refined eigenvector (not normalised), exactly: entry i is {@code mantissas[i] / 2^frac}. */
        public Rational[] vector() {
            Rational[] v = new Rational[mantissas.length];
            BigInteger den = BigInteger.ONE.shiftLeft(frac);
            for (int i = 0; i < v.length; i++) {
                v[i] = Rational.of(mantissas[i], den);
            }
            return v;
        }
    }

    /** The refined extreme pairs and the double spectrum, descending. */
    public record Result(Pair top, Pair bottom, double[] doubleValues) {
        /** Whether both refined residuals are at most 10^-digits times the largest |eigenvalue| (or exactly zero). */
        public boolean heldTo(int digits) {
            double scale = Math.max(Math.abs(doubleValues[0]), Math.abs(doubleValues[doubleValues.length - 1]));
            Apfloat tol = new Apfloat(scale == 0 ? 1 : scale, digits + 5).multiply(new Apfloat("1e-" + digits, digits + 5));
            return top.residual().compareTo(tol) <= 0 && bottom.residual().compareTo(tol) <= 0;
        }
    }

    private ExtremeEigenpairs() {}

    /** Refines the largest and smallest eigenpairs of the symmetric {@code a} at {@code workDigits} decimal digits. */
    public static Result of(Rational[][] a, int workDigits) {
        int n = a.length;
        if (n == 0 || a[0].length != n) {
            throw new IllegalArgumentException("need a non-empty square matrix, got " + n + " rows");
        }
        int e = SymmetricEigen.binaryExponent(a);
        int frac = SymmetricEigen.bitsFor(workDigits) + 16;
        FixedPointMatrix fa = FixedPointMatrix.fromRational(a, e, frac);
        DMatrixRMaj d = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d.set(i, j, FixedPointMatrix.toDouble(fa.get(i, j), frac));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(d)) {
            throw new ArithmeticException("double eigen-decomposition failed");
        }
        double[] mu = new double[n];
        double[][] v = new double[n][];
        Integer[] idx = new Integer[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            raw[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(idx, (p, q) -> Double.compare(raw[q], raw[p]));
        for (int c = 0; c < n; c++) {
            mu[c] = raw[idx[c]];
            DMatrixRMaj vec = eig.getEigenVector(idx[c]);
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += vec.get(r) * vec.get(r);
            }
            norm = Math.sqrt(norm);
            v[c] = new double[n];
            for (int r = 0; r < n; r++) {
                v[c][r] = vec.get(r) / norm;
            }
        }
        int precision = workDigits + 5;
        Pair top = refine(fa, mu, v, 0, e, precision);
        Pair bottom = n == 1 ? top : refine(fa, mu, v, n - 1, e, precision);
        double[] values = new double[n];
        double scale = Math.scalb(1.0, e);
        for (int i = 0; i < n; i++) {
            values[i] = mu[i] * scale;
        }
        return new Result(top, bottom, values);
    }

    private static Pair refine(FixedPointMatrix a, double[] mu, double[][] v, int k, int e, int precision) {
        int n = a.rows;
        int frac = a.frac;
        double norm = Math.max(Math.abs(mu[0]), Math.abs(mu[n - 1]));
        double cluster = CLUSTER * Math.max(norm, Double.MIN_NORMAL);
        BigInteger[] x = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            x[i] = FixedPointMatrix.fromDouble(v[k][i], frac);
        }
        BigInteger[] r = new BigInteger[n];
        BigInteger rho = BigInteger.ZERO;
        BigInteger xx = BigInteger.ONE;
        BigInteger rr = null;
        BigInteger best = null;
        int steps = 0;
        boolean converged = false;
        for (; steps <= MAX_STEPS; steps++) {
            BigInteger[] y = multiply(a, x);
            BigInteger xy = BigInteger.ZERO;
            xx = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                xy = xy.add(x[i].multiply(y[i]));
                xx = xx.add(x[i].multiply(x[i]));
            }
            rho = FixedPointMatrix.roundDivide(xy.shiftLeft(frac), xx); // frac bits
            rr = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                r[i] = y[i].subtract(FixedPointMatrix.shiftRound(rho.multiply(x[i]), frac));
                rr = rr.add(r[i].multiply(r[i]));
            }
            // stop at the rounding floor (a few units of 2^-frac) or once a step stops halving the residual
            if (rr.bitLength() <= 2 * (5 + 32 - Integer.numberOfLeadingZeros(n))) {
                converged = true;
                break;
            }
            if (best != null && rr.shiftLeft(2).compareTo(best) > 0) {
                converged = true; // stagnated: the residual is as small as this precision makes it
                break;
            }
            best = rr;
            if (steps == MAX_STEPS) {
                break;
            }
            // the correction in double: r scaled to unit size, then x -= 2^s * sum_j v_j (v_j . r') / (mu_j - rho)
            int s = FixedPointMatrix.exponent(maxAbs(r), frac);
            double[] rd = new double[n];
            for (int i = 0; i < n; i++) {
                rd[i] = FixedPointMatrix.toDouble(FixedPointMatrix.shiftRound(r[i], s), frac);
            }
            double rhoD = FixedPointMatrix.toDouble(rho, frac);
            double[] c = new double[n];
            for (int j = 0; j < n; j++) {
                if (Math.abs(mu[j] - mu[k]) <= cluster) {
                    continue;
                }
                double dot = 0;
                double[] vj = v[j];
                for (int i = 0; i < n; i++) {
                    dot += vj[i] * rd[i];
                }
                double f = dot / (mu[j] - rhoD);
                for (int i = 0; i < n; i++) {
                    c[i] += f * vj[i];
                }
            }
            for (int i = 0; i < n; i++) {
                x[i] = x[i].subtract(FixedPointMatrix.shiftRound(FixedPointMatrix.fromDouble(c[i], frac), -s));
            }
        }
        Apfloat scale = twoTo(e, precision);
        Apfloat value = new Apfloat(rho, precision).multiply(twoTo(-frac, precision)).multiply(scale);
        Apfloat residual = xx.signum() == 0 || rr.signum() == 0 ? new Apfloat(0)
                : org.apfloat.ApfloatMath.sqrt(new Apfloat(rr, precision).divide(new Apfloat(xx, precision)))
                        .multiply(scale);
        return new Pair(value, residual, steps, converged, x.clone(), frac);
    }

    private static BigInteger[] multiply(FixedPointMatrix a, BigInteger[] x) {
        int n = a.rows;
        BigInteger[] y = new BigInteger[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            BigInteger s = BigInteger.ZERO;
            int off = i * a.cols;
            for (int j = 0; j < n; j++) {
                BigInteger aij = a.m[off + j];
                if (aij.signum() != 0) {
                    s = s.add(aij.multiply(x[j]));
                }
            }
            y[i] = FixedPointMatrix.shiftRound(s, a.frac);
        });
        return y;
    }

    private static BigInteger maxAbs(BigInteger[] r) {
        BigInteger m = BigInteger.ZERO;
        for (BigInteger b : r) {
            if (b.abs().compareTo(m) > 0) {
                m = b.abs();
            }
        }
        return m;
    }

    private static Apfloat twoTo(int p, int precision) {
        Apfloat two = new Apfloat(2, precision);
        return p >= 0 ? org.apfloat.ApfloatMath.pow(two, p) : new Apfloat(1, precision).divide(org.apfloat.ApfloatMath.pow(two, -p));
    }
}
