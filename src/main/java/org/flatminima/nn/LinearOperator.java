package org.flatminima.nn;

/** A symmetric linear map on R^n, applied to double vectors (the Hessian of a training loss). */
public interface LinearOperator {
    /** The dimension n. */
    int dimension();

    /** out = A v ({@code out} modified, {@code v} read; they must be different arrays). */
    void apply(double[] v, double[] out);

    /**
     * The relative rounding error to expect in one product, so that tolerances can be derived
     * from the precision used: the unit roundoff of the arithmetic the product runs in.
     */
    double unitRoundoff();

    /** True if the operator computes in float32 and {@link #applyFloat} takes and gives its vectors directly. */
    default boolean single() {
        return false;
    }

    /** out = A v on float32 vectors ({@code out} modified); by default through {@link #apply}. */
    default void applyFloat(float[] v, float[] out) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = v[i];
        }
        double[] b = new double[out.length];
        apply(a, b);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) b[i];
        }
    }
}
