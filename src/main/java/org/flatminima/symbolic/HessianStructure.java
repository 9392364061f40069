package org.flatminima.symbolic;

import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The right-hand side of Lemma 3: H = 2 Phi Phi^T with
 * Phi_k = (W_{k-1}...W_1 Sigma_x^{1/2}) ⊗ (W_m...W_{k+1})^T, built symbolically from the
 * network's weights. The variants with another factor or swapped Kronecker factors exist as
 * negative controls: they must be refuted.
 */
public final class HessianStructure {
    private HessianStructure() {}

    /** Phi_k (1-based k), or with the Kronecker factors swapped when {@code swapped}. */
    public static SymbolicMatrix phiBlock(SymbolicNetwork net, int k, boolean swapped) {
        SymbolicMatrix before = net.product(1, k - 1);
        SymbolicMatrix left = net.sigmaKind() == SymbolicNetwork.SigmaKind.IDENTITY ? before : before.times(requireHalf(net));
        SymbolicMatrix right = net.product(k + 1, net.depth()).transpose();
        return swapped ? right.kronecker(left) : left.kronecker(right);
    }

    /** Phi = [Phi_1; ...; Phi_m], an N x (d_x d_y) matrix. */
    public static SymbolicMatrix phi(SymbolicNetwork net, boolean swapped) {
        SymbolicMatrix phi = phiBlock(net, 1, swapped);
        for (int k = 2; k <= net.depth(); k++) {
            phi = phi.stack(phiBlock(net, k, swapped));
        }
        return phi;
    }

    /**
     * {@code factor} Phi Phi^T. When Sigma_x is fixed (no rational square root), block (i,j) is
     * computed as factor (B_i Sigma_x B_j^T) ⊗ (A_i^T A_j), the mixed-product form of
     * Phi_i Phi_j^T with B_k = W_{k-1}...W_1 and A_k = W_m...W_{k+1}.
     */
    public static SymbolicMatrix expectedHessian(SymbolicNetwork net, long factor, boolean swapped) {
        IExpr f = F.ZZ(factor);
        if (net.sigmaHalf() != null) {
            SymbolicMatrix phi = phi(net, swapped);
            return phi.times(phi.transpose()).scale(f);
        }
        int m = net.depth();
        SymbolicMatrix[][] blocks = new SymbolicMatrix[m][m];
        for (int i = 1; i <= m; i++) {
            for (int j = 1; j <= m; j++) {
                SymbolicMatrix b = net.product(1, i - 1).times(net.sigma()).times(net.product(1, j - 1).transpose());
                SymbolicMatrix a = net.product(i + 1, m).transpose().times(net.product(j + 1, m));
                blocks[i - 1][j - 1] = (swapped ? a.kronecker(b) : b.kronecker(a)).scale(f);
            }
        }
        return assemble(blocks);
    }

    /** Assembles a block matrix (all blocks in a block row share their row count). */
    static SymbolicMatrix assemble(SymbolicMatrix[][] blocks) {
        int rows = 0;
        for (SymbolicMatrix[] row : blocks) {
            rows += row[0].rows();
        }
        int cols = 0;
        for (SymbolicMatrix b : blocks[0]) {
            cols += b.cols();
        }
        IExpr[][] e = new IExpr[rows][cols];
        int r0 = 0;
        for (SymbolicMatrix[] row : blocks) {
            int c0 = 0;
            for (SymbolicMatrix b : row) {
                for (int i = 0; i < b.rows(); i++) {
                    for (int j = 0; j < b.cols(); j++) {
                        e[r0 + i][c0 + j] = b.get(i, j);
                    }
                }
                c0 += b.cols();
            }
            r0 += row[0].rows();
        }
        return SymbolicMatrix.of(e);
    }

    private static SymbolicMatrix requireHalf(SymbolicNetwork net) {
        if (net.sigmaHalf() == null) {
            throw new IllegalStateException("Phi needs Sigma_x^(1/2), which is not available for a fixed Sigma_x");
        }
        return net.sigmaHalf();
    }
}
