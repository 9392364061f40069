package org.flatminima.api;

/**
 * The sharpness of trained weights on a data set: the top of the training loss's Hessian spectrum by Lanczos on
 * exact Hessian-vector products. Always numerical: the products round in float64 and the iteration stops by its
 * rule.
 *
 * @param lambdaMax the largest eigenvalue of the Hessian (the sharpness)
 * @param lambdaMin the smallest Ritz value, an estimate of the bottom of the spectrum
 * @param residual ||H v - lambda_max v|| recomputed with one extra product
 * @param converged whether the stopping rule was met within the iteration budget
 * @param loss the training loss (1/n) sum_i ||y_i - f(x_i)||^2 at the weights
 * @param how how the number was reached (precision, unit roundoff, solver)
 */
public record SharpnessMeasurement(double lambdaMax, double lambdaMin, double residual, boolean converged,
        double loss, String how) {}
