package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.model.NetworkAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.AutodiffHessian;
import org.flatminima.numbers.Rational;

/**
 * Lemma 3: at a global minimum H = 2 Phi Phi^T (eqs. (15)-(16)), for any Sigma_x. The two sides come from
 * derivations that share no formula: H by exact second-order automatic differentiation of the loss as
 * eq. (2) writes it ({@link AutodiffHessian}); Phi Phi^T from the partial products, block (i, j) =
 * (B_i Sigma B_j^T) kron (A_i^T A_j), which is Phi_i Phi_j^T without the irrational Sigma^(1/2). Exact
 * entrywise equality.
 */
public final class Lemma3HessianStructure extends BaseClaim {
    private final Rational factor;

    public Lemma3HessianStructure() {
        this("lemma3", "Lemma 3: Hessian structure at global minima", "w in Omega => H_w = 2 Phi Phi^T",
                ClaimKind.LEMMA, Rational.TWO);
    }

    private Lemma3HessianStructure(String id, String title, String statement, ClaimKind kind, Rational factor) {
        super(id, title, statement, kind, "Sec. 4, Lemma 3, eqs. (15)-(16)", List.of("A1", "w in Omega (P = T)", "any SPD Sigma_x"),
                kind == ClaimKind.CONTROL
                        ? List.of(InstanceSource.FLATTEST_EQ27, InstanceSource.NON_FLATTEST, InstanceSource.RANDOM_TARGET, InstanceSource.SIGMA_X_NOT_IDENTITY)
                        : List.of(InstanceSource.FLATTEST_EQ27, InstanceSource.NON_FLATTEST, InstanceSource.RANDOM_TARGET, InstanceSource.SIGMA_X_NOT_IDENTITY, InstanceSource.BOTTLENECK));
        this.factor = factor;
    }

    /** Control: the factor 1 in place of 2. */
    public static Lemma3HessianStructure factorOneControl() {
        return new Lemma3HessianStructure("control.lemma3.factor-one", "Control: Lemma 3 without the factor 2",
                "FALSE: w in Omega => H_w = Phi Phi^T", ClaimKind.CONTROL, Rational.ONE);
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return requested.forFullHessian();
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        if (!in.meetsA1()) {
            return Outcome.hypothesisNotMet("A1 fails (dims " + in.shape() + ")");
        }
        if (!in.isGlobalMinimum()) {
            return Outcome.hypothesisNotMet("not a global minimum");
        }
        Matrix<Rational> h = AutodiffHessian.hessian(in.network());
        Matrix<Rational> phi = NetworkAlgebra.phiPhiTransposed(in.network(), factor);
        if (h.equals(phi)) {
            return Outcome.of(Verdict.PROVED, "exact entrywise equality of the loss's Hessian (exact second-order AD of eq. (2)) and "
                    + factor + " Phi Phi^T (Lemma 3's closed form)")
                    .withDetail("parameters", in.network().parameterCount());
        }
        int bad = 0;
        for (int i = 0; i < h.rows(); i++) {
            for (int j = 0; j < h.cols(); j++) {
                if (!h.get(i, j).equals(phi.get(i, j))) {
                    bad++;
                }
            }
        }
        return Outcome.of(Verdict.REFUTED, "exact: " + bad + " entries of the loss's Hessian (exact second-order AD of eq. (2)) differ from "
                + factor + " Phi Phi^T")
                .withDetail("differing_entries", bad);
    }
}
