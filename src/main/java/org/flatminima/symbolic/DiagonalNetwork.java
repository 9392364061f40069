package org.flatminima.symbolic;

import org.matheclipse.core.interfaces.IExpr;

/**
 * The particular flattest solution (27) with U = V = I: m square layers W_j = diag(a_1, ..., a_d),
 * so T = diag(a_1^m, ..., a_d^m) and a_i = sigma_i(T)^(1/m). Sigma_x = I.
 */
final class DiagonalNetwork {
    private final int m;
    private final SymbolicMatrix layer;

    DiagonalNetwork(int m, IExpr[] a) {
        this.m = m;
        this.layer = SymbolicMatrix.diagonal(a.length, a.length, a);
    }

    SymbolicMatrix weight(int k) {
        return layer;
    }

    /** W_to ... W_from, identity when from > to. */
    SymbolicMatrix product(int from, int to) {
        SymbolicMatrix p = SymbolicMatrix.identity(layer.rows());
        for (int k = from; k <= to; k++) {
            p = layer.times(p);
        }
        return p;
    }

    /** Phi = [Phi_1; ...; Phi_m], Phi_k = (W_{k-1}...W_1) ⊗ (W_m...W_{k+1})^T. */
    SymbolicMatrix phi() {
        SymbolicMatrix phi = null;
        for (int k = 1; k <= m; k++) {
            SymbolicMatrix block = product(1, k - 1).kronecker(product(k + 1, m).transpose());
            phi = phi == null ? block : phi.stack(block);
        }
        return phi;
    }
}
