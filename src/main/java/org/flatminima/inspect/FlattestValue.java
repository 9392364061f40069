package org.flatminima.inspect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.exact.PowerBracket;
import org.flatminima.exact.TopSingular;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;
import org.flatminima.precise.ApfloatMatrices;
import org.flatminima.precise.SymmetricEigen;

/**
 * Theorem 1's value lambda* = 2m sigma_max(T)^(2(1-1/m)) for a rational T, decided as strongly as
 * possible: exactly when it is rational, otherwise as a certified rational bracket.
 *
 * <p>With s = sigma_max(T)^2 = lambda_max(T^T T): s is found exactly when it is rational (confirmed by
 * exact inertia: s is an eigenvalue of T^T T and none lies above it), else enclosed by rationals
 * certified the same way ({@link TopSingular}); lambda* = 2m s^((m-1)/m) is then exact or enclosed
 * by comparing powers ({@link PowerBracket}), the same decisions the checker makes.
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
        Apfloat s = SymmetricEigen.decompose(tt, work).eigenvalues()[0];
        if (s.signum() < 0) {
            s = new Apfloat(0, work);
        }
        Apfloat sigma = s.signum() == 0 ? s : ApfloatMath.sqrt(s);
        Apfloat approx = s.signum() == 0 || m == 1 ? new Apfloat(m == 1 ? 2 : 0, work)
                : ApfloatMath.pow(s, new Apfloat(m - 1, work).divide(new Apfloat(m, work)))
                        .multiply(new Apfloat(2L * m, work));
        // the exact and certified parts are the checker's: sigma_max(T)^2 found as a rational or enclosed
        // by exact inertia, then 2m (sigma^2)^((m-1)/m) decided by comparing powers
        TopSingular top = TopSingular.of(Matrix.of(ExactArithmetic.INSTANCE, target), digits);
        PowerBracket value = PowerBracket.flattestSharpness(Rational.of(2L * m), top, m, digits);
        return new FlattestValue(value.exact(), value.lo(), value.hi(), approx, sigma, top.sigmaSquared());
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

    /**
     * The flattest sharpness for Sigma_x = s I (s &gt; 0): the loss is then s times the white-data loss at
     * every w, so every Hessian is s times the white one and lambda* scales by s (sigma_max(T) is unchanged).
     */
    public FlattestValue scaled(Rational s) {
        if (s.signum() <= 0) {
            throw new IllegalArgumentException("the scale of Sigma_x = s I must be positive, got " + s);
        }
        Apfloat sa = ApfloatMatrices.fromRational(s, approx.precision() == Apfloat.INFINITE ? 60 : approx.precision());
        return new FlattestValue(exact == null ? null : exact.multiply(s), lower.multiply(s), upper.multiply(s),
                approx.multiply(sa), sigmaMax, sigmaSquaredExact);
    }

    /** True when lambda* is known exactly. */
    public boolean isExact() {
        return exact != null;
    }
}
