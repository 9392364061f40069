package org.flatminima.exact;

import java.math.BigInteger;
import org.flatminima.numbers.Rational;

/**
 * A running sum of rationals kept over the least common multiple of the denominators seen so far and
 * reduced once at the end. Sums of many products (matrix products, norms) avoid a gcd per addition.
 * Mutable; not thread-safe.
 */
final class RationalSum {
    private BigInteger num = BigInteger.ZERO;
    private BigInteger den = BigInteger.ONE;

    /** Adds {@code r} to this sum (modifies this). */
    void add(Rational r) {
        if (r.isZero()) {
            return;
        }
        BigInteger q = r.denominator();
        if (q.equals(den)) {
            num = num.add(r.numerator());
            return;
        }
        BigInteger g = den.gcd(q);
        BigInteger qOverG = q.divide(g);
        num = num.multiply(qOverG).add(r.numerator().multiply(den.divide(g)));
        den = den.multiply(qOverG);
    }

    /** Adds {@code a * b} to this sum (modifies this). */
    void addProduct(Rational a, Rational b) {
        if (a.isZero() || b.isZero()) {
            return;
        }
        add(a.multiply(b));
    }

    /** The sum in lowest terms. */
    Rational value() {
        return Rational.of(num, den);
    }
}
