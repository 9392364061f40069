package org.flatminima.linalg;

import java.util.Arrays;
import java.util.function.Function;
import org.flatminima.numbers.Arithmetic;
import org.flatminima.numbers.Rational;

/**
 * A dense matrix over any {@link Arithmetic}, row-major. Immutable from the outside: every operation
 * returns a new matrix and modifies neither operand. Sizes are small (the networks whose Hessians
 * the exact and D-digit layers handle have at most a few hundred parameters); the float path uses
 * BLAS instead.
 *
 * @param <T> the number type
 */
public final class Matrix<T> {
    private final Arithmetic<T> ar;
    private final int rows;
    private final int cols;
    private final Object[] a;

    private Matrix(Arithmetic<T> ar, int rows, int cols, Object[] a) {
        this.ar = ar;
        this.rows = rows;
        this.cols = cols;
        this.a = a;
    }

    /** A rows x cols matrix whose entry (i, j) is {@code f.entry(i, j)}. */
    public static <T> Matrix<T> build(Arithmetic<T> ar, int rows, int cols, Entry<T> f) {
        Object[] a = new Object[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i * cols + j] = f.entry(i, j);
            }
        }
        return new Matrix<>(ar, rows, cols, a);
    }

    /** Entry generator for {@link #build}. */
    @FunctionalInterface
    public interface Entry<T> {
        T entry(int i, int j);
    }

    public static <T> Matrix<T> zeros(Arithmetic<T> ar, int rows, int cols) {
        T z = ar.zero();
        return build(ar, rows, cols, (i, j) -> z);
    }

    public static <T> Matrix<T> identity(Arithmetic<T> ar, int n) {
        T z = ar.zero();
        T o = ar.one();
        return build(ar, n, n, (i, j) -> i == j ? o : z);
    }

    /** The matrix of {@code values} (rows of equal length), copied. */
    public static <T> Matrix<T> of(Arithmetic<T> ar, T[][] values) {
        int r = values.length;
        int c = r == 0 ? 0 : values[0].length;
        return build(ar, r, c, (i, j) -> values[i][j]);
    }

    /** Rational entries taken into {@code ar} (exactly, or rounded to its precision). */
    public static <T> Matrix<T> ofRational(Arithmetic<T> ar, Rational[][] values) {
        int r = values.length;
        int c = r == 0 ? 0 : values[0].length;
        return build(ar, r, c, (i, j) -> ar.of(values[i][j]));
    }

    /** A column vector. */
    public static <T> Matrix<T> column(Arithmetic<T> ar, T[] v) {
        return build(ar, v.length, 1, (i, j) -> v[i]);
    }

    public Arithmetic<T> arithmetic() {
        return ar;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public boolean isSquare() {
        return rows == cols;
    }

    @SuppressWarnings("unchecked")
    public T get(int i, int j) {
        return (T) a[i * cols + j];
    }

    /** This matrix's entries converted into another arithmetic by {@code f}. */
    public <U> Matrix<U> map(Arithmetic<U> target, Function<T, U> f) {
        return build(target, rows, cols, (i, j) -> f.apply(get(i, j)));
    }

    public Matrix<T> transpose() {
        return build(ar, cols, rows, (i, j) -> get(j, i));
    }

    public Matrix<T> multiply(Matrix<T> b) {
        if (cols != b.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + b.shape());
        }
        Object[] out = new Object[rows * b.cols];
        T zero = ar.zero();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < b.cols; j++) {
                T s = zero;
                for (int k = 0; k < cols; k++) {
                    T x = get(i, k);
                    if (ar.signum(x) == 0) {
                        continue;
                    }
                    T y = b.get(k, j);
                    if (ar.signum(y) == 0) {
                        continue;
                    }
                    s = ar.add(s, ar.multiply(x, y));
                }
                out[i * b.cols + j] = s;
            }
        }
        return new Matrix<>(ar, rows, b.cols, out);
    }

    public Matrix<T> add(Matrix<T> b) {
        requireSameShape(b);
        return build(ar, rows, cols, (i, j) -> ar.add(get(i, j), b.get(i, j)));
    }

    public Matrix<T> subtract(Matrix<T> b) {
        requireSameShape(b);
        return build(ar, rows, cols, (i, j) -> ar.subtract(get(i, j), b.get(i, j)));
    }

    public Matrix<T> scale(T s) {
        return build(ar, rows, cols, (i, j) -> ar.multiply(s, get(i, j)));
    }

    /** The Kronecker product {@code this (x) b}. */
    public Matrix<T> kronecker(Matrix<T> b) {
        return build(ar, rows * b.rows, cols * b.cols,
                (i, j) -> ar.multiply(get(i / b.rows, j / b.cols), b.get(i % b.rows, j % b.cols)));
    }

    /** vec(A): the columns stacked into one column (column-major order). */
    public Matrix<T> vec() {
        return build(ar, rows * cols, 1, (i, j) -> get(i % rows, i / rows));
    }

    /** Sum of squares of the entries (||A||_F^2). */
    public T frobeniusSquared() {
        T s = ar.zero();
        for (Object x : a) {
            @SuppressWarnings("unchecked")
            T t = (T) x;
            s = ar.add(s, ar.multiply(t, t));
        }
        return s;
    }

    /** The rows [r0, r1) and columns [c0, c1). */
    public Matrix<T> block(int r0, int r1, int c0, int c1) {
        return build(ar, r1 - r0, c1 - c0, (i, j) -> get(r0 + i, c0 + j));
    }

    /** Stacks matrices with equal column counts on top of each other. */
    @SafeVarargs
    public static <T> Matrix<T> stack(Arithmetic<T> ar, Matrix<T>... parts) {
        int c = parts[0].cols;
        int r = 0;
        for (Matrix<T> p : parts) {
            if (p.cols != c) {
                throw new IllegalArgumentException("cannot stack " + p.shape() + " under width " + c);
            }
            r += p.rows;
        }
        Object[] out = new Object[r * c];
        int at = 0;
        for (Matrix<T> p : parts) {
            System.arraycopy(p.a, 0, out, at, p.a.length);
            at += p.a.length;
        }
        return new Matrix<>(ar, r, c, out);
    }

    public boolean isSymmetric() {
        if (!isSquare()) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < cols; j++) {
                if (ar.compare(get(i, j), get(j, i)) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if every entry is exactly zero. */
    public boolean isZero() {
        for (Object x : a) {
            @SuppressWarnings("unchecked")
            T t = (T) x;
            if (ar.signum(t) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Entries as a fresh 2-D array. */
    @SuppressWarnings("unchecked")
    public T[][] toArray() {
        Class<?> element = ar.newArray(0).getClass().getComponentType();
        T[][] out = (T[][]) java.lang.reflect.Array.newInstance(element, rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = get(i, j);
            }
        }
        return out;
    }

    public double[][] toDoubleArray() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = ar.toDouble(get(i, j));
            }
        }
        return out;
    }

    /** "rows x cols". */
    public String shape() {
        return rows + "x" + cols;
    }

    private void requireSameShape(Matrix<T> b) {
        if (rows != b.rows || cols != b.cols) {
            throw new IllegalArgumentException("shapes differ: " + shape() + " and " + b.shape());
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Matrix<?> m) || m.rows != rows || m.cols != cols) {
            return false;
        }
        return Arrays.equals(a, m.a);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(a) * 31 + rows;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < cols; j++) {
                sb.append(j == 0 ? "" : ", ").append(get(i, j));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
