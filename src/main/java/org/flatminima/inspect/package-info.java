/**
 * Everything inspect says about one network: loss, gradient, Hessian spectrum at D digits, exact inertia,
 * certified lambda_max, the flattest sharpness of Theorem 1 and the layer-wise gains of Theorems 2-3.
 */
package org.flatminima.inspect;
