package org.flatminima.inspect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.numbers.Rational;
import org.flatminima.precise.ApfloatMatrices;
import org.flatminima.precise.SymmetricEigen;

/**
 * Theorem 1's value lambda* = 2m sigma_max(T)^(2(1-1/m)) for a rational T, decided as strongly as
 * possible: exactly when it is rational, otherwise as a certified rational bracket.
 *
 * <p>With s = sigma_max(T)^2 = lambda_max(T^T T): s is found exactly when it is rational (a continued
 * fraction candidate from the D-digit value, confirmed by exact inertia: s is an eigenvalue of T^T T
 * and none lies above it). Then lambda* = 2m q^(m-1) with q = s^(1/m), rational when s is a perfect
 * m-th power. Otherwise, rationals q_lo &lt; s^(1/m) &lt; q_hi are confirmed by exact inertia of
 * q^m I - T^T T (powers are compared instead of roots), which encloses lambda* in
 * [2m q_lo^(m-1), 2m q_hi^(m-1)].
 *
 * @param exact lambda* when rational, else null
 * @param lower a certified rational lower bound (equal to exact when exact)
 * @param upper a certified rational upper bound (equal to exact when exact)
 * @param approx lambda* at the working precision
 * @param sigmaMax sigma_max(T) at the working precision
 */
public record FlattestValue(Rational exact, Rational lower, Rational upper, Apfloat approx, Apfloat sigmaMax,
                            Rational sigmaSquaredExact) {

    /** Decides lambda* for a rational target T and depth m at {@code digits} digits. */
    public static FlattestValue of(Rational[][] target, int m, int digits) {
        int work = digits + 10;
        Rational[][] tt = RationalMatrices.multiply(RationalMatrices.transpose(target), target);
        SymmetricEigen.Decomposition eig = SymmetricEigen.decompose(tt, work);
        Apfloat s = eig.eigenvalues()[0];
        if (s.signum() < 0) {
            s = new Apfloat(0, work);
        }
        Apfloat sigma = s.signum() == 0 ? s : ApfloatMath.sqrt(s);
        Apfloat approx = s.signum() == 0 ? s
                : ApfloatMath.pow(s, new Apfloat(m - 1, work).divide(new Apfloat(m, work)))
                        .multiply(new Apfloat(2L * m, work));
        if (m == 1) {
            return new FlattestValue(Rational.TWO, Rational.TWO, Rational.TWO, new Apfloat(2, work), sigma, null);
        }
        Rational sExact = exactTopEigenvalue(c -> Inertia.of(RationalMatrices.shift(tt, c)), s, digits);
        if (sExact != null) {
            Rational q = sExact.exactRoot(m);
            if (q != null) {
                Rational value = q.pow(m - 1).multiply(2L * m);
                return new FlattestValue(value, value, value, approx, sigma, sExact);
            }
        }
        // certified bracket by comparing powers: s < q^m  <=>  q^m I - T^T T is positive definite
        Apfloat root = s.signum() == 0 ? s : ApfloatMath.pow(s, new Apfloat(1, work).divide(new Apfloat(m, work)));
        Rational qApprox = ApfloatMatrices.toRational(root);
        Rational width = Rational.of(BigInteger.ONE, BigInteger.TEN.pow(Math.max(4, digits - 8)))
                .multiply(qApprox.abs().add(Rational.ONE));
        Rational qHi = qApprox.add(width);
        Rational qLo = qApprox.subtract(width).max(Rational.ZERO);
        for (int attempt = 0; attempt < 30; attempt++) {
            boolean hiOk = Inertia.isPositiveDefinite(shiftNegate(tt, qHi.pow(m)));
            boolean loOk = qLo.signum() == 0 ? s.signum() > 0 || sExact != null && sExact.signum() > 0
                    : Inertia.countAbove(tt, qLo.pow(m)) > 0;
            if (hiOk && loOk) {
                return new FlattestValue(null, qLo.pow(m - 1).multiply(2L * m), qHi.pow(m - 1).multiply(2L * m), approx,
                        sigma, sExact);
            }
            width = width.multiply(Rational.of(10));
            if (!hiOk) {
                qHi = qApprox.add(width);
            }
            if (!loOk) {
                qLo = qApprox.subtract(width).max(Rational.ZERO);
            }
        }
        throw new ArithmeticException("could not bracket sigma_max(T)^(1/m)");
    }

    /** q I - A. */
    private static Rational[][] shiftNegate(Rational[][] a, Rational q) {
        return RationalMatrices.scale(RationalMatrices.shift(a, q), Rational.ONE.negate());
    }

    /**
     * The top eigenvalue of a rational symmetric matrix A, given as the inertia of A - cI for any c, if it is rational: candidates are the
     * continued-fraction convergents of the D-digit value; one is accepted only when exact inertia
     * shows it is an eigenvalue with nothing above it.
     */
    static Rational exactTopEigenvalue(java.util.function.Function<Rational, Inertia> shiftedInertia, Apfloat approx,
                                       int digits) {
        BigDecimal x = ApfloatMatrices.toBigDecimal(approx);
        BigInteger maxDen = BigInteger.TEN.pow(Math.max(2, digits / 3));
        BigInteger h0 = BigInteger.ZERO, h1 = BigInteger.ONE, k0 = BigInteger.ONE, k1 = BigInteger.ZERO;
        BigDecimal rest = x;
        MathContext mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
        BigDecimal tolerance = x.abs().add(BigDecimal.ONE).movePointLeft(Math.max(2, digits - 5));
        for (int i = 0; i < 60; i++) {
            BigInteger a0 = rest.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            BigInteger h2 = a0.multiply(h1).add(h0);
            BigInteger k2 = a0.multiply(k1).add(k0);
            if (k2.compareTo(maxDen) > 0) {
                break;
            }
            Rational cand = Rational.of(h2, k2);
            // only a convergent that agrees with the D-digit value is worth an exact test
            BigDecimal gap = cand.toBigDecimal(digits + 10).subtract(x).abs();
            if (cand.signum() >= 0 && gap.compareTo(tolerance) <= 0) {
                Inertia in = shiftedInertia.apply(cand);
                if (in.zero() > 0 && in.positive() == 0) {
                    return cand;
                }
            }
            BigDecimal frac = rest.subtract(new BigDecimal(a0));
            if (frac.signum() == 0) {
                break;
            }
            rest = BigDecimal.ONE.divide(frac, mc);
            h0 = h1;
            h1 = h2;
            k0 = k1;
            k1 = k2;
        }
        return null;
    }

    /** True when lambda* is known exactly. */
    public boolean isExact() {
        return exact != null;
    }
}
