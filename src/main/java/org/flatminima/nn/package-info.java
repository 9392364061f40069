/**
 * The float path: fully connected networks through BLAS in float32 or float64, exact Hessian-vector products
 * (Pearlmutter's R-operator), Lanczos and power iteration for sharpness, Hutchinson's trace estimate, and
 * training by SGD or Adam.
 */
package org.flatminima.nn;
