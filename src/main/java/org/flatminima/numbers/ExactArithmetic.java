package org.flatminima.numbers;

import java.math.RoundingMode;

/** Exact rational arithmetic on {@link Rational}. */
public final class ExactArithmetic implements Arithmetic<Rational> {
    public static final ExactArithmetic INSTANCE = new ExactArithmetic();

    private ExactArithmetic() {}

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public int digits() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Rational zero() {
        return Rational.ZERO;
    }

    @Override
    public Rational one() {
        return Rational.ONE;
    }

    @Override
    public Rational of(Rational r) {
        return r;
    }

    @Override
    public Rational add(Rational a, Rational b) {
        return a.add(b);
    }

    @Override
    public Rational subtract(Rational a, Rational b) {
        return a.subtract(b);
    }

    @Override
    public Rational multiply(Rational a, Rational b) {
        return a.multiply(b);
    }

    @Override
    public Rational divide(Rational a, Rational b) {
        return a.divide(b);
    }

    @Override
    public Rational negate(Rational a) {
        return a.negate();
    }

    @Override
    public int signum(Rational a) {
        return a.signum();
    }

    @Override
    public int compare(Rational a, Rational b) {
        return a.compareTo(b);
    }

    @Override
    public double toDouble(Rational a) {
        return a.doubleValue();
    }

    @Override
    public String toDecimal(Rational a, int digits) {
        return a.isZero() ? "0" : a.toBigDecimal(digits, RoundingMode.HALF_EVEN).toString();
    }

    /** The exact root when {@code a} is a perfect square; otherwise {@link ArithmeticException}. */
    @Override
    public Rational sqrt(Rational a) {
        Rational r = a.exactRoot(2);
        if (r == null) {
            throw new ArithmeticException("square root of " + a + " is not rational");
        }
        return r;
    }

    @Override
    public Rational[] newArray(int n) {
        return new Rational[n];
    }
}
