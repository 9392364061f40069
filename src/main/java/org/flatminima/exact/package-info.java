/**
 * Exact rational linear algebra on Rational[][]: fraction-free Bareiss elimination, inertia by LDL^T with 1x1 and
 * 2x2 pivots, inertia at many shifts of one low-rank matrix, and exact decisions about singular values. Nothing
 * here rounds.
 */
package org.flatminima.exact;
