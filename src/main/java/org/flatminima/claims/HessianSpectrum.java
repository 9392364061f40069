package org.flatminima.claims;

import org.flatminima.claims.support.NetworkAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;

/**
 * A small exact symmetric matrix with the same positive eigenvalues (with multiplicities) as the loss's
 * Hessian H, so that inertia questions "how many eigenvalues of H lie above c &gt; 0", "is c an eigenvalue"
 * are decided on d_x d_y x d_x d_y numbers instead of N x N.
 *
 * <p>At an exact global minimum (P = T checked exactly) with Sigma_x = I, the loss's Hessian is its
 * Gauss-Newton term 2 J^T J = 2 Phi Phi^T: the only other term of the second derivative carries the
 * residual P - T as a factor (see {@link Loss}), and it is exactly zero. Then K = 2 Phi^T Phi =
 * 2 sum_k (B_k^T B_k) kron (A_k A_k^T) has the same non-zero eigenvalues (Phi Phi^T and Phi^T Phi always
 * do). For N &lt;= {@link #FULL_CHECK_LIMIT} the identity H = 2 Phi Phi^T is also checked entry by entry
 * against the Hessian computed from the loss (Lemma 3's claim checks it on every size). Otherwise K is H
 * itself. Every step is exact; {@link #how()} says which was used.
 *
 * @param matrix K
 * @param how a short description for verdict methods
 */
public record HessianSpectrum(Matrix<Rational> matrix, String how) {

    /** Largest parameter count for which the identity H = 2 Phi Phi^T is re-checked entrywise here. */
    public static final int FULL_CHECK_LIMIT = 48;

    /** The reduction for an exact network (not modified). */
    public static HessianSpectrum of(LinearNetwork<Rational> net) {
        boolean white = net.sigmaX().equals(Matrix.identity(net.arithmetic(), net.dims()[0]));
        boolean atMinimum = net.product().equals(net.target());
        boolean small = net.parameterCount() <= FULL_CHECK_LIMIT;
        if (white && atMinimum && (!small || Loss.hessian(net).equals(NetworkAlgebra.phiPhiTransposed(net, Rational.TWO)))) {
            Matrix<Rational> k = null;
            for (int i = 1; i <= net.depth(); i++) {
                Matrix<Rational> b = NetworkAlgebra.before(net, i);
                Matrix<Rational> a = NetworkAlgebra.after(net, i);
                Matrix<Rational> term = b.transpose().multiply(b).kronecker(a.multiply(a.transpose()));
                k = k == null ? term : k.add(term);
            }
            Matrix<Rational> gram = k.scale(Rational.TWO);
            org.flatminima.certificates.CertificateLog.name(gram, "hessian_gram");
            return new HessianSpectrum(gram, (small ? "H = 2 Phi Phi^T checked entrywise" : "P = T exactly, so H = 2 Phi Phi^T")
                    + "; decided on 2 Phi^T Phi (" + k.rows() + "x" + k.rows() + ")");
        }
        Matrix<Rational> h = Loss.hessian(net);
        org.flatminima.certificates.CertificateLog.name(h, "hessian");
        return new HessianSpectrum(h, "full Hessian (" + h.rows() + "x" + h.rows() + ")");
    }
}
