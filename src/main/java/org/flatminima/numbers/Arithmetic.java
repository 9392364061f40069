package org.flatminima.numbers;

/**
 * One number system: exact rationals, D-digit Apfloat, or double. The network model and its
 * derivatives are written once against this interface and run in any of the three. An
 * implementation is immutable and thread-safe.
 *
 * @param <T> the number type
 */
public interface Arithmetic<T> {
    /** A short name for outputs, e.g. {@code exact}, {@code 40 digits}, {@code double}. */
    String name();

    /** True only for exact arithmetic, where every result is the true value. */
    boolean isExact();

    /** Decimal digits carried, or {@link Integer#MAX_VALUE} for exact arithmetic. */
    int digits();

    T zero();

    T one();

    /** The value nearest to {@code r} in this system (exact for exact arithmetic). */
    T of(Rational r);

    default T of(long k) {
        return of(Rational.of(k));
    }

    T add(T a, T b);

    T subtract(T a, T b);

    T multiply(T a, T b);

    /** a / b; throws {@link ArithmeticException} when b is zero. */
    T divide(T a, T b);

    T negate(T a);

    int signum(T a);

    default int compare(T a, T b) {
        return signum(subtract(a, b));
    }

    /** The nearest double. */
    double toDouble(T a);

    /** A decimal string with {@code digits} significant digits (exact systems give their rounded value). */
    String toDecimal(T a, int digits);

    /** The square root of a non-negative value at this system's precision (exact systems refuse irrational roots). */
    T sqrt(T a);

    /** An array of this system's numbers (generic arrays need the element class). */
    T[] newArray(int n);
}
