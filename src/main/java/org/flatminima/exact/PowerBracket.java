package org.flatminima.exact;

import org.flatminima.numbers.Rational;

/**
 * An exact value or a certified rational enclosure of c * s^(p/q) (c, s &gt; 0), decided by comparing
 * powers: a &lt;= c s^(p/q) iff a^q &lt;= c^q s^p. Used for closed forms such as Theorem 1's
 * 2m sigma^(2(1-1/m)) = 2m (sigma^2)^((m-1)/m). When s is itself only enclosed, [sLo, sHi] is used.
 *
 * @param exact the exact rational value, or null when it is irrational (or s is not exact)
 * @param lo a rational &lt;= the value (equal when exact)
 * @param hi a rational &gt;= the value (equal when exact)
 */
public record PowerBracket(Rational exact, Rational lo, Rational hi) {

    public boolean isExact() {
        return exact != null;
    }

    /** c * s^(p/q) for s in [sLo, sHi]; an enclosure is refined to relative width 10^-digits (when s is exact). */
    public static PowerBracket of(Rational c, Rational sLo, Rational sHi, int p, int q, int digits) {
        double relWidth = 1e-15;
        if (c.signum() <= 0 || sLo.signum() < 0 || sHi.compareTo(sLo) < 0) {
            throw new IllegalArgumentException("need c > 0 and 0 <= sLo <= sHi");
        }
        if (p == 0) {
            return new PowerBracket(c, c, c);
        }
        if (sLo.equals(sHi)) {
            Rational root = sLo.pow(p).exactRoot(q);
            if (root != null) {
                Rational v = c.multiply(root);
                return new PowerBracket(v, v, v);
            }
        }
        Rational targetLo = c.pow(q).multiply(sLo.pow(p));
        Rational targetHi = c.pow(q).multiply(sHi.pow(p));
        double approx = c.doubleValue() * Math.pow(sHi.doubleValue(), (double) p / q);
        double rel = Math.max(relWidth, 1e-15);
        Rational lo = null;
        Rational hi = null;
        for (int i = 0; i < 40 && (lo == null || hi == null); i++, rel *= 4) {
            if (lo == null) {
                Rational a = ExactAlgebra.simplestBetween(Rational.ofExactDouble(approx * (1 - rel)),
                        Rational.ofExactDouble(approx * (1 - rel / 2)));
                if (a.signum() >= 0 && a.pow(q).compareTo(targetLo) <= 0) {
                    lo = a;
                }
            }
            if (hi == null) {
                Rational b = ExactAlgebra.simplestBetween(Rational.ofExactDouble(approx * (1 + rel / 2)),
                        Rational.ofExactDouble(approx * (1 + rel)));
                if (b.pow(q).compareTo(targetHi) >= 0) {
                    hi = b;
                }
            }
        }
        if (lo == null || hi == null) {
            throw new ArithmeticException("could not enclose a power near " + approx);
        }
        return refine(lo, hi, targetLo, targetHi, q, digits);
    }

    /** Shrinks [lo, hi] by exact bisection (powers compared) until its relative width is below 10^-digits. */
    static PowerBracket refine(Rational lo, Rational hi, Rational targetLo, Rational targetHi, int q, int digits) {
        Rational width = Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(digits));
        for (int i = 0; i < 8 * digits + 64 && hi.subtract(lo).compareTo(width.multiply(hi.abs())) > 0; i++) {
            Rational third = hi.subtract(lo).divide(Rational.of(3));
            Rational mid = ExactAlgebra.simplestBetween(lo.add(third), hi.subtract(third));
            Rational p = mid.pow(q);
            if (p.compareTo(targetLo) <= 0) {
                lo = mid;
            } else if (p.compareTo(targetHi) >= 0) {
                hi = mid;
            } else {
                break; // mid lies between the two targets: the enclosure of s limits the width
            }
        }
        return new PowerBracket(null, lo, hi);
    }

    /** Theorem 1's flattest sharpness times {@code factor/(2m)}: factor * (sigma^2)^((m-1)/m). */
    public static PowerBracket flattestSharpness(Rational factor, TopSingular t, int m, int digits) {
        return of(factor, t.lo(), t.hi(), m - 1, m, digits);
    }

    /** A short description: the exact value, or the enclosure. */
    public String describe() {
        return isExact() ? exact.toString()
                : "[" + lo.toBigDecimal(20) + ", " + hi.toBigDecimal(20) + "]";
    }
}
