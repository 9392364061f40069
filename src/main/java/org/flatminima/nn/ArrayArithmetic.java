package org.flatminima.nn;

/**
 * Array arithmetic in one floating-point type: {@code A} is {@code float[]} or {@code double[]}.
 * Matrices are column-major with a leading dimension, as in BLAS; every method names the array it
 * modifies (its output) and reads the others. Sums that feed a reported number (losses, dot
 * products) accumulate in double.
 *
 * @param <A> the array type
 */
public interface ArrayArithmetic<A> {
    /** The precision of this arithmetic. */
    Precision precision();

    /** A new zero array of {@code length} elements. */
    A allocate(int length);

    /** The length of {@code a}. */
    int length(A a);

    /** Copies {@code len} values from {@code src} (double) into {@code dst} (modified), rounding to this type. */
    void copyFromDoubles(double[] src, int srcOff, A dst, int dstOff, int len);

    /** Copies {@code len} values from {@code src} into {@code dst} (modified). */
    void copyToDoubles(A src, int srcOff, double[] dst, int dstOff, int len);

    /** Copies {@code len} values from {@code src} into {@code dst} (modified). */
    void copy(A src, int srcOff, A dst, int dstOff, int len);

    /** Sets {@code len} values of {@code a} (modified) to zero. */
    void zero(A a, int off, int len);

    /** c = alpha op(a) op(b) + beta c (c modified); op is the transpose when the flag is set. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, A a, int aOff, int lda,
            A b, int bOff, int ldb, double beta, A c, int cOff, int ldc);

    /** Adds the column vector {@code b[bOff .. bOff+rows)} to each of {@code cols} columns of {@code z} (modified). */
    void addToColumns(A z, int zOff, int rows, int cols, A b, int bOff);

    /** out = out + sum of the {@code cols} columns of {@code g} (out modified). */
    void addColumnSums(A g, int gOff, int rows, int cols, A out, int outOff);

    /** Replaces each of {@code len} values of {@code z} (modified) by max(0, z); a NaN stays NaN. */
    void relu(A z, int off, int len);

    /**
     * Zeroes each value of {@code g} (modified) whose matching value of {@code a} is not positive
     * (a NaN in {@code a} with its sign bit clear counts as positive, so that NaNs propagate).
     */
    void maskNotPositive(A g, int gOff, A a, int aOff, int len);

    /**
     * For {@code f} and {@code y} ({@code len} values each), sets g = factor (f - y) (g modified; it
     * may be {@code f} itself) and returns sum (f - y)^2 accumulated in double.
     */
    double residual(A f, int fOff, A y, int yOff, int len, double factor, A g, int gOff);

    /** x = s x (x modified). */
    void scale(A x, int off, int len, double s);

    /** y = y + alpha x (y modified). */
    void axpy(int len, double alpha, A x, int xOff, A y, int yOff);

    /** The sum of squares of {@code len} values, accumulated in double. */
    double sumOfSquares(A x, int off, int len);

    /**
     * One Adam step: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, p = p - step * mhat / (sqrt(vhat) + eps)
     * with mhat = m / bias1, vhat = v / bias2 (p, m and v modified; g read).
     */
    void adam(A p, A g, A m, A v, int len, double step, double beta1, double beta2, double eps, double bias1,
            double bias2);

    /** True if every one of {@code len} values is finite. */
    boolean allFinite(A x, int off, int len);

    /** The arithmetic for {@code precision}. */
    @SuppressWarnings("unchecked")
    static <A> ArrayArithmetic<A> of(Precision precision) {
        return (ArrayArithmetic<A>) (precision == Precision.FLOAT32 ? new Float32Arithmetic() : new Float64Arithmetic());
    }
}
