/**
 * Gradient descent on Marion and Chizat's univariate deep linear regression (W_1..W_(L-1) d x d,
 * W_L 1 x d, loss (w - w*)^T Sigma (w - w*) + const), in double precision: initialisations, the run, and
 * the analysis of the solution reached (sharpness from the full Hessian, near-rank-one layers, alignment).
 * Everything here is numerical; the exact statements are decided in {@code org.flatminima.claims}.
 */
package org.flatminima.regression;
