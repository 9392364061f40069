package org.flatminima.nn;

/**
 * How the squared error is normalised. The paper's eq. (2) averages over samples:
 * l = (1/n) sum_i ||y_i - f(x_i)||^2 ({@link #SAMPLE}); {@link #ELEMENT} also divides by the
 * output dimension, l = (1/(n d_y)) sum_i ||y_i - f(x_i)||^2, the mean over every output entry.
 */
public enum LossScale {
    SAMPLE,
    ELEMENT;

    /** The factor s in l = s * sum_i ||y_i - f(x_i)||^2 for {@code n} samples of dimension {@code outputDim}. */
    public double factor(int n, int outputDim) {
        return this == SAMPLE ? 1.0 / n : 1.0 / ((double) n * outputDim);
    }
}
