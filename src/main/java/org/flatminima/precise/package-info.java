/**
 * D-digit linear algebra on plain row-major {@code Apfloat[][]} arrays, for D from 16 to a few thousand.
 *
 * <ul>
 *   <li>{@link org.flatminima.precise.ApfloatMatrices}: products, transposes, Kronecker products, sums, scaling,
 *       Frobenius norms, exact conversion from and to {@link org.flatminima.numbers.Rational}, decimal strings.</li>
 *   <li>{@link org.flatminima.precise.SymmetricEigen}: all eigenvalues (descending) and an orthonormal eigenvector
 *       matrix, robust to repeated and clustered eigenvalues, with residuals.</li>
 *   <li>{@link org.flatminima.precise.SingularValues}: thin SVD with singular vectors.</li>
 *   <li>{@link org.flatminima.precise.SymmetricFunctions}: square root and inverse of SPD matrices.</li>
 *   <li>{@link org.flatminima.precise.EigenvalueEnclosures}: rigorous bounds on exact eigenvalues from
 *       approximate eigenpairs (exact arithmetic, upward rounding), for the checker to decide with.</li>
 * </ul>
 *
 * <p>The solvers propose ({@code SymmetricEigen}, {@code SingularValues}, {@code SymmetricFunctions}: accurate to
 * D digits in the normwise sense, from a working precision of D plus guard digits); {@code EigenvalueEnclosures}
 * disposes. Internally the solvers compute in binary fixed point on {@link java.math.BigInteger} mantissas with an
 * exact 56-bit-limb dot-product kernel, because {@link org.apfloat.Apfloat} arithmetic measured about ten times
 * slower for the matrix products that dominate (96 x 96 at 50 digits: about 0.5 s per product with Apfloat, about
 * 50 ms with BigInteger fixed point, on an idle core).
 */
package org.flatminima.precise;
