package org.flatminima.precise;

import java.math.BigInteger;
import java.util.function.BiFunction;
import org.apfloat.Apfloat;

/**
 * Functions of symmetric positive definite matrices at D decimal digits, through the eigen-decomposition
 * A = V diag(lambda) V^T: f(A) = V diag(f(lambda)) V^T, assembled in fixed point.
 *
 * <p>Accuracy is normwise: every entry of the result is within about 10^-D of the largest entry of the result, so
 * entries are rounded to that many decimal places (small entries keep fewer significant digits, and entries below
 * the resolution are zero). The error of f(A) grows with the condition number kappa = lambda_max / lambda_min
 * (about sqrt(kappa) 10^-W for the square root, kappa 10^-W for the inverse, at W working digits), so the working
 * precision is raised by the digits of that factor: a first decomposition estimates kappa, and a second one is run
 * when the guard digits do not cover it. A matrix that is not positive definite beyond the resolution of the
 * working precision is refused.
 */
public final class SymmetricFunctions {
    private SymmetricFunctions() {}

    /**
     * The symmetric positive definite square root of {@code a} (not modified) at {@code digits} digits. Throws
     * {@link IllegalArgumentException} if {@code a} is not symmetric, and {@link ArithmeticException} if it is not
     * positive definite at the working precision.
     */
    public static Apfloat[][] sqrtSpd(Apfloat[][] a, int digits) {
        return apply(a, digits, 0.5, 0.5, (lambda, f) -> lambda.shiftLeft(f).sqrt());
    }

    /**
     * The inverse of the symmetric positive definite {@code a} (not modified) at {@code digits} digits; throws as
     * {@link #sqrtSpd}.
     */
    public static Apfloat[][] inverseSpd(Apfloat[][] a, int digits) {
        return apply(a, digits, -1.0, 1.0, (lambda, f) -> BigInteger.ONE.shiftLeft(2 * f).divide(lambda));
    }

    /**
     * f(A) for f given on fixed-point mantissas at {@code f} bits ({@code fn.apply(lambda, f)}); the result's binary
     * exponent is {@code power} times that of the input (the exponent of A is made even, for the square root).
     * {@code sensitivity} is the power of kappa by which errors grow.
     */
    private static Apfloat[][] apply(Apfloat[][] a, int digits, double power, double sensitivity,
            BiFunction<BigInteger, Integer, BigInteger> fn) {
        ApfloatMatrices.requireDigits(digits);
        if (!ApfloatMatrices.isSymmetric(a)) {
            throw new IllegalArgumentException("matrix is not square and symmetric");
        }
        int n = a.length;
        if (n == 0) {
            return new Apfloat[0][0];
        }
        int e = SymmetricEigen.binaryExponent(a);
        if (e % 2 != 0) {
            e++; // max |a_ij| < 2^e still holds; the square root's exponent e/2 is an integer
        }
        int work = SymmetricEigen.workingDigits(digits, n);
        SymmetricEigen.Fixed eig = decompose(a, e, work);
        double log10Kappa = log10Condition(eig);
        int extra = (int) Math.ceil(sensitivity * log10Kappa) + 2;
        if (extra > work - digits - 4) {
            eig = decompose(a, e, work + extra);
        }
        int f = eig.frac();
        FixedPointMatrix v = eig.vectors();
        BigInteger[] fl = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            fl[i] = fn.apply(eig.lambda()[i], f);
        }
        // result = V diag(f(lambda)) V^T at f bits, value scaled by 2^(power e)
        FixedPointMatrix vf = new FixedPointMatrix(n, n, f);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vf.set(i, j, FixedPointMatrix.shiftRound(v.get(i, j).multiply(fl[j]), f));
            }
        }
        FixedPointMatrix result = FixedPointMatrix.multiply(vf, v.transpose());
        int shift = (int) Math.round(power * e) - f;
        BigInteger maxAbs = BigInteger.ZERO;
        for (BigInteger x : result.m) {
            maxAbs = maxAbs.max(x.abs());
        }
        Apfloat[][] out = new Apfloat[n][n];
        long places = digits - Decimals.scaleOf(maxAbs, shift);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                // symmetric by construction; take the mean of the two computed entries
                BigInteger mean = FixedPointMatrix.shiftRound(result.get(i, j).add(result.get(j, i)), 1);
                out[i][j] = Decimals.roundToPlaces(mean, shift, places);
                out[j][i] = out[i][j];
            }
        }
        return out;
    }

    private static SymmetricEigen.Fixed decompose(Apfloat[][] a, int e, int work) {
        int bits = SymmetricEigen.bitsFor(work);
        SymmetricEigen.Fixed eig = SymmetricEigen.decomposeFixed(FixedPointMatrix.fromApfloat(a, e, bits), e);
        int n = a.length;
        BigInteger min = eig.lambda()[n - 1];
        // the smallest eigenvalue must exceed the resolution (n 2^-f, scaled) by a clear margin
        int resolution = -eig.frac() + 32 - Integer.numberOfLeadingZeros(n) + 8;
        if (min.signum() <= 0 || FixedPointMatrix.exponent(min, eig.frac()) <= resolution) {
            throw new ArithmeticException("matrix is not positive definite at " + work + " digits (smallest "
                    + "eigenvalue about 2^" + FixedPointMatrix.exponent(min, eig.frac()) + " of the scale 2^" + e + ")");
        }
        return eig;
    }

    private static double log10Condition(SymmetricEigen.Fixed eig) {
        BigInteger max = eig.lambda()[0];
        BigInteger min = eig.lambda()[eig.lambda().length - 1];
        int f = eig.frac();
        return (FixedPointMatrix.exponent(max, f) - FixedPointMatrix.exponent(min, f) + 1) * Math.log10(2);
    }
}
