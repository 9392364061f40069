package org.flatminima.numbers;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.apfloat.Apint;

/**
 * D-digit floating point on Apfloat. Every operation is carried at {@code digits} significant
 * decimal digits (Apfloat's precision), so results are approximations whose error the caller must
 * bound; nothing computed here is ever reported as exact.
 */
public final class DigitsArithmetic implements Arithmetic<Apfloat> {
    /** Smallest and largest digit counts the tool accepts. */
    public static final int MIN_DIGITS = 16;
    public static final int MAX_DIGITS = 5000;

    private final int digits;
    private final Apfloat zero;
    private final Apfloat one;

    public DigitsArithmetic(int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be positive");
        }
        this.digits = digits;
        this.zero = new Apfloat(0, digits);
        this.one = new Apfloat(1, digits);
    }

    @Override
    public String name() {
        return digits + " digits";
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public int digits() {
        return digits;
    }

    @Override
    public Apfloat zero() {
        return zero;
    }

    @Override
    public Apfloat one() {
        return one;
    }

    @Override
    public Apfloat of(Rational r) {
        if (r.isZero()) {
            return zero;
        }
        if (r.isInteger()) {
            return new Apint(r.numerator()).precision(digits);
        }
        return new Aprational(new Apint(r.numerator()), new Apint(r.denominator())).precision(digits);
    }

    @Override
    public Apfloat add(Apfloat a, Apfloat b) {
        return a.add(b);
    }

    @Override
    public Apfloat subtract(Apfloat a, Apfloat b) {
        return a.subtract(b);
    }

    @Override
    public Apfloat multiply(Apfloat a, Apfloat b) {
        return a.multiply(b);
    }

    @Override
    public Apfloat divide(Apfloat a, Apfloat b) {
        if (b.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return a.divide(b);
    }

    @Override
    public Apfloat negate(Apfloat a) {
        return a.negate();
    }

    @Override
    public int signum(Apfloat a) {
        return a.signum();
    }

    @Override
    public int compare(Apfloat a, Apfloat b) {
        return a.compareTo(b);
    }

    @Override
    public double toDouble(Apfloat a) {
        return a.doubleValue();
    }

    @Override
    public String toDecimal(Apfloat a, int k) {
        if (a.signum() == 0) {
            return "0";
        }
        Apfloat r = ApfloatMath.round(a, Math.min(k, digits), java.math.RoundingMode.HALF_EVEN);
        return r.toString(true);
    }

    @Override
    public Apfloat sqrt(Apfloat a) {
        if (a.signum() < 0) {
            throw new ArithmeticException("square root of a negative number");
        }
        return a.signum() == 0 ? zero : ApfloatMath.sqrt(a.precision(digits));
    }

    @Override
    public Apfloat[] newArray(int n) {
        return new Apfloat[n];
    }
}
