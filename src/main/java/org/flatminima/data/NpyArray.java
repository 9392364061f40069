package org.flatminima.data;

import java.util.Arrays;

/**
 * A NumPy array read from or written to a {@code .npy} file: its shape, the element type it was
 * stored with (NumPy's {@code descr}, e.g. {@code <f4}), and its values in C (row-major) order,
 * widened to double. Integer and float32 values convert to double exactly.
 *
 * @param shape the dimensions, outermost first (an empty shape is a scalar)
 * @param descr the stored element type, e.g. {@code <f8}, {@code <f4}, {@code |u1}
 * @param values the elements in row-major order; its length is the product of {@code shape}
 */
public record NpyArray(int[] shape, String descr, double[] values) {
    public NpyArray {
        long count = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension " + s);
            }
            count *= s;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                    + " values, got " + values.length);
        }
    }

    /** A 2-D float64 array with {@code rows x cols} values in row-major order (not copied). */
    public static NpyArray matrix(int rows, int cols, double[] rowMajor) {
        return new NpyArray(new int[] {rows, cols}, "<f8", rowMajor);
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Rows of a 2-D array. */
    public int rows() {
        return shape[0];
    }

    /** Columns of a 2-D array. */
    public int cols() {
        return shape[1];
    }

    /** The shape written as NumPy prints it, e.g. {@code (3, 4)}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && Arrays.equals(shape, other.shape) && descr.equals(other.descr)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NpyArray" + shapeText() + descr;
    }
}
