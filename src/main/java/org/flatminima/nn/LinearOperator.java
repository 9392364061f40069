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
}
