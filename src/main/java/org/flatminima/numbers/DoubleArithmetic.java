package org.flatminima.numbers;

/** IEEE double arithmetic: fast, 53 bits, and never the basis of a proved verdict. */
public final class DoubleArithmetic implements Arithmetic<Double> {
    public static final DoubleArithmetic INSTANCE = new DoubleArithmetic();

    private DoubleArithmetic() {}

    @Override
    public String name() {
        return "double";
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public int digits() {
        return 15;
    }

    @Override
    public Double zero() {
        return 0.0;
    }

    @Override
    public Double one() {
        return 1.0;
    }

    @Override
    public Double of(Rational r) {
        return r.doubleValue();
    }

    @Override
    public Double add(Double a, Double b) {
        return a + b;
    }

    @Override
    public Double subtract(Double a, Double b) {
        return a - b;
    }

    @Override
    public Double multiply(Double a, Double b) {
        return a * b;
    }

    @Override
    public Double divide(Double a, Double b) {
        if (b == 0.0) {
            throw new ArithmeticException("division by zero");
        }
        return a / b;
    }

    @Override
    public Double negate(Double a) {
        return -a;
    }

    @Override
    public int signum(Double a) {
        return (int) Math.signum(a);
    }

    @Override
    public double toDouble(Double a) {
        return a;
    }

    @Override
    public String toDecimal(Double a, int digits) {
        return new java.math.BigDecimal(a).round(new java.math.MathContext(Math.min(digits, 17))).toString();
    }

    @Override
    public Double sqrt(Double a) {
        if (a < 0) {
            throw new ArithmeticException("square root of a negative number");
        }
        return Math.sqrt(a);
    }

    @Override
    public Double[] newArray(int n) {
        return new Double[n];
    }
}
