package org.flatminima.claims;

import java.util.function.Function;
import org.flatminima.model.NetworkAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.AutodiffHessian;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;

/**
 * An exact symmetric matrix with the same positive eigenvalues (with multiplicities) as the loss's Hessian
 * H, so that inertia questions "how many eigenvalues of H lie above c &gt; 0", "is c an eigenvalue" are
 * decided, where possible, on d_x d_y x d_x d_y numbers instead of N x N.
 *
 * <p>At an exact global minimum (P = T checked exactly) with Sigma_x = I, the loss's own Hessian is
 * computed by exact second-order automatic differentiation of eq. (2) ({@link AutodiffHessian}, no formula
 * shared with Lemma 3) and compared entry by entry with Lemma 3's closed form 2 Phi Phi^T. When they are
 * equal, Lemma 3 is proved for this instance and the question is decided on K = 2 Phi^T Phi =
 * 2 sum_k (B_k^T B_k) kron (A_k A_k^T), which has the same non-zero eigenvalues (Phi Phi^T and Phi^T Phi
 * always do). When they differ, it is decided on the AD Hessian itself. Elsewhere (off the minimum or
 * non-white data) it is decided on the loss's closed-form Hessian {@link Loss#hessian}. Every step is
 * exact; {@link #how()} says which Hessian the decision rests on, and {@link #basis()} names it.
 *
 * @param matrix the matrix decided on
 * @param how a short description for verdict methods
 * @param basis what the decision rests on
 */
public record HessianSpectrum(Matrix<Rational> matrix, String how, Basis basis) {

    /**
     * Largest parameter count at which the AD Hessian at a white global minimum is also compared with the
     * closed-form {@link Loss#hessian} (a third derivation; cheap at this size).
     */
    public static final int FULL_CHECK_LIMIT = 48;

    /** What a decision on {@link #matrix()} rests on. */
    public enum Basis {
        /** The loss's own N x N Hessian (by AD at a white minimum where Lemma 3's form failed, else closed form). */
        LOSS_HESSIAN,
        /** 2 Phi^T Phi, after the AD Hessian of the loss was checked equal to 2 Phi Phi^T on this instance. */
        LEMMA3_PROVED_FOR_INSTANCE
    }

    /** The reduction for an exact network (not modified). */
    public static HessianSpectrum of(LinearNetwork<Rational> net) {
        return of(net, AutodiffHessian::hessian);
    }

    /**
     * The reduction with the loss's Hessian at a white global minimum taken from {@code lossHessian} (the
     * AD Hessian in production; tests pass a wrong one to show that it cannot lead to a false verdict).
     */
    static HessianSpectrum of(LinearNetwork<Rational> net, Function<LinearNetwork<Rational>, Matrix<Rational>> lossHessian) {
        boolean white = net.sigmaX().equals(Matrix.identity(net.arithmetic(), net.dims()[0]));
        boolean atMinimum = net.product().equals(net.target());
        int n = net.parameterCount();
        if (!(white && atMinimum)) {
            Matrix<Rational> h = Loss.hessian(net);
            org.flatminima.exact.CertificateLog.name(h, "hessian");
            return new HessianSpectrum(h, "the loss's own Hessian (closed-form second derivatives, " + n + "x" + n + ")",
                    Basis.LOSS_HESSIAN);
        }
        Matrix<Rational> h = lossHessian.apply(net);
        if (!h.equals(NetworkAlgebra.phiPhiTransposed(net, Rational.TWO))) {
            org.flatminima.exact.CertificateLog.name(h, "hessian");
            return new HessianSpectrum(h, "the loss's own Hessian by exact second-order AD (" + n + "x" + n
                    + "); it differs from Lemma 3's 2 Phi Phi^T on this instance", Basis.LOSS_HESSIAN);
        }
        String also = n > FULL_CHECK_LIMIT ? ""
                : h.equals(Loss.hessian(net)) ? " and to the closed-form Hessian" : "; the closed-form Hessian differs from both";
        Matrix<Rational> k = null;
        for (int i = 1; i <= net.depth(); i++) {
            Matrix<Rational> b = NetworkAlgebra.before(net, i);
            Matrix<Rational> a = NetworkAlgebra.after(net, i);
            Matrix<Rational> term = b.transpose().multiply(b).kronecker(a.multiply(a.transpose()));
            k = k == null ? term : k.add(term);
        }
        Matrix<Rational> gram = k.scale(Rational.TWO);
        org.flatminima.exact.CertificateLog.name(gram, "hessian_gram");
        return new HessianSpectrum(gram, "Lemma 3 proved for this instance (the loss's Hessian by exact "
                + "second-order AD, " + n + "x" + n + ", equal entrywise to 2 Phi Phi^T" + also + "); decided on 2 Phi^T Phi ("
                + k.rows() + "x" + k.rows() + ")", Basis.LEMMA3_PROVED_FOR_INSTANCE);
    }
}
