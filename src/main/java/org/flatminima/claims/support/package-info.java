/**
 * Exact and double helpers the claims decide with: rational linear algebra on {@code Matrix<Rational>}, power brackets
 * for irrational closed forms, the top singular value of a rational matrix, double eigenvalues that only propose,
 * gradient descent for Lemma 1, and the checker's instance families.
 */
package org.flatminima.claims.support;
