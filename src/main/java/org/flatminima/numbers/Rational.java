package org.flatminima.numbers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An exact rational number p/q on {@link BigInteger}, always in lowest terms with q &gt; 0. Immutable.
 * This is the project's exact number type: every value read from a case file is one of these, and
 * every verdict labelled PROVED rests on arithmetic in this class alone.
 */
public final class Rational implements Comparable<Rational> {
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);
    public static final Rational TWO = new Rational(BigInteger.TWO, BigInteger.ONE);

    private final BigInteger num;
    private final BigInteger den;

    private Rational(BigInteger num, BigInteger den) {
        this.num = num;
        this.den = den;
    }

    /** p/q reduced to lowest terms; throws {@link ArithmeticException} if q is zero. */
    public static Rational of(BigInteger p, BigInteger q) {
        if (q.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (p.signum() == 0) {
            return ZERO;
        }
        if (q.signum() < 0) {
            p = p.negate();
            q = q.negate();
        }
        BigInteger g = p.gcd(q);
        if (!g.equals(BigInteger.ONE)) {
            p = p.divide(g);
            q = q.divide(g);
        }
        return new Rational(p, q);
    }

    public static Rational of(long p, long q) {
        return of(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    public static Rational of(long p) {
        return new Rational(BigInteger.valueOf(p), BigInteger.ONE);
    }

    public static Rational of(BigInteger p) {
        return new Rational(p, BigInteger.ONE);
    }

    /** The exact value of a decimal. */
    public static Rational of(BigDecimal d) {
        if (d.scale() <= 0) {
            return of(d.toBigIntegerExact());
        }
        return of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    /** The exact binary value of a finite double (not its shortest decimal). */
    public static Rational ofExactDouble(double x) {
        if (!Double.isFinite(x)) {
            throw new ArithmeticException("not finite: " + x);
        }
        return of(new BigDecimal(x));
    }

    /**
     * Parses "p/q", an integer, or a decimal (with optional exponent) at its exact value.
     * Throws {@link NumberFormatException} for anything else and {@link ArithmeticException} for q = 0.
     */
    public static Rational parse(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        if (slash >= 0) {
            BigInteger p = new BigInteger(t.substring(0, slash).trim());
            return of(p, new BigInteger(t.substring(slash + 1).trim()));
        }
        // BigDecimal accepts integers, decimals and exponents, and rejects NaN, Infinity and the rest
        return of(new BigDecimal(t));
    }

    public BigInteger numerator() {
        return num;
    }

    public BigInteger denominator() {
        return den;
    }

    public boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    public int signum() {
        return num.signum();
    }

    public boolean isZero() {
        return num.signum() == 0;
    }

    public Rational add(Rational o) {
        if (o.num.signum() == 0) {
            return this;
        }
        if (num.signum() == 0) {
            return o;
        }
        if (den.equals(o.den)) {
            return of(num.add(o.num), den);
        }
        return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    public Rational subtract(Rational o) {
        return add(o.negate());
    }

    public Rational multiply(Rational o) {
        if (num.signum() == 0 || o.num.signum() == 0) {
            return ZERO;
        }
        // cross-reduce first to keep the intermediate products small
        BigInteger g1 = num.gcd(o.den);
        BigInteger g2 = o.num.gcd(den);
        BigInteger p = num.divide(g1).multiply(o.num.divide(g2));
        BigInteger q = den.divide(g2).multiply(o.den.divide(g1));
        return new Rational(p, q);
    }

    public Rational multiply(long k) {
        return multiply(of(k));
    }

    public Rational divide(Rational o) {
        if (o.num.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return multiply(new Rational(o.den, o.num).normalizedSign());
    }

    private Rational normalizedSign() {
        return den.signum() < 0 ? new Rational(num.negate(), den.negate()) : this;
    }

    public Rational negate() {
        return num.signum() == 0 ? this : new Rational(num.negate(), den);
    }

    public Rational abs() {
        return num.signum() < 0 ? negate() : this;
    }

    public Rational reciprocal() {
        return ONE.divide(this);
    }

    /** this^k for any integer k (k &lt; 0 needs a non-zero value). */
    public Rational pow(int k) {
        if (k < 0) {
            return reciprocal().pow(-k);
        }
        return new Rational(num.pow(k), den.pow(k));
    }

    public Rational min(Rational o) {
        return compareTo(o) <= 0 ? this : o;
    }

    public Rational max(Rational o) {
        return compareTo(o) >= 0 ? this : o;
    }

    /** The exact k-th root if this is a perfect k-th power of a rational, else null. */
    public Rational exactRoot(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("root index must be positive");
        }
        if (num.signum() < 0) {
            if (k % 2 == 0) {
                return null;
            }
            Rational r = negate().exactRoot(k);
            return r == null ? null : r.negate();
        }
        BigInteger p = integerRoot(num, k);
        BigInteger q = integerRoot(den, k);
        if (p == null || q == null) {
            return null;
        }
        return new Rational(p, q);
    }

    private static BigInteger integerRoot(BigInteger x, int k) {
        if (x.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (k == 1) {
            return x;
        }
        // Newton's iteration on integers, starting above the root
        int bits = x.bitLength();
        BigInteger r = BigInteger.ONE.shiftLeft(bits / k + 1);
        BigInteger km1 = BigInteger.valueOf(k - 1);
        BigInteger kk = BigInteger.valueOf(k);
        while (true) {
            BigInteger next = km1.multiply(r).add(x.divide(r.pow(k - 1))).divide(kk);
            if (next.compareTo(r) >= 0) {
                break;
            }
            r = next;
        }
        return r.pow(k).equals(x) ? r : null;
    }

    @Override
    public int compareTo(Rational o) {
        if (den.equals(o.den)) {
            return num.compareTo(o.num);
        }
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && num.equals(r.num) && den.equals(r.den);
    }

    @Override
    public int hashCode() {
        return 31 * num.hashCode() + den.hashCode();
    }

    /** "p/q", or "p" for an integer: the exact form used in every output file. */
    @Override
    public String toString() {
        return isInteger() ? num.toString() : num + "/" + den;
    }

    /** The nearest double (correctly rounded up to BigDecimal's division at 20 digits). */
    public double doubleValue() {
        if (isInteger()) {
            return new BigDecimal(num).doubleValue();
        }
        return toBigDecimal(20).doubleValue();
    }

    /** A decimal with {@code digits} significant digits, rounded half-even. */
    public BigDecimal toBigDecimal(int digits) {
        return new BigDecimal(num).divide(new BigDecimal(den), new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** A decimal with {@code digits} significant digits, rounded in the given direction. */
    public BigDecimal toBigDecimal(int digits, RoundingMode mode) {
        return new BigDecimal(num).divide(new BigDecimal(den), new MathContext(digits, mode));
    }
}
