package org.flatminima.precise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apfloat.Apfloat;

/** Exact conversions from binary fixed-point values {@code m * 2^shift} to decimal {@link Apfloat} numbers. */
final class Decimals {
    private Decimals() {}

    /** The exact decimal value of {@code m * 2^shift} (every dyadic rational has a finite decimal expansion). */
    static BigDecimal exact(BigInteger m, int shift) {
        if (shift >= 0) {
            return new BigDecimal(m.shiftLeft(shift));
        }
        return new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-shift)), -shift);
    }

    /** The decimal scale s of the nonzero value {@code m * 2^shift}: 10^(s-1) <= |value| < 10^s. */
    static long scaleOf(BigInteger m, int shift) {
        BigDecimal d = exact(m, shift);
        return (long) d.precision() - d.scale();
    }

    /**
     * {@code m * 2^shift} rounded half-even to {@code places} decimal places (negative: to a multiple of a power of
     * ten); the Apfloat's precision is the number of significant digits kept. Zero when it rounds to zero.
     */
    static Apfloat roundToPlaces(BigInteger m, int shift, long places) {
        BigDecimal d = exact(m, shift).setScale(Math.toIntExact(places), RoundingMode.HALF_EVEN);
        return toApfloat(d);
    }

    /** {@code m * 2^shift} rounded half-even to {@code digits} significant digits. */
    static Apfloat toApfloat(BigInteger m, int shift, int digits) {
        return toApfloat(exact(m, shift).round(new MathContext(digits, RoundingMode.HALF_EVEN)));
    }

    /** The exact value of {@code d}, with the Apfloat precision set to the significant digits of {@code d}. */
    static Apfloat toApfloat(BigDecimal d) {
        if (d.signum() == 0) {
            return Apfloat.ZERO;
        }
        BigDecimal t = d.stripTrailingZeros();
        return new Apfloat(t).precision(Math.max(1, d.precision()));
    }
}
