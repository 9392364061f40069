package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.model.NetworkAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.model.AutodiffHessian;
import org.flatminima.numbers.Rational;

/**
 * Theorem 1: at a flattest minimum b = Phi (v kron u) is an eigenvector of H for lambda*. Decided by the
 * exact identity H b = lambda* b with b != 0 (u, v unnormalised; the identity is scale-free). The
 * control swaps u and v.
 */
public final class Theorem1Eigenvector extends BaseClaim {
    private final boolean swapped;

    public Theorem1Eigenvector() {
        this("theorem1.eigenvector", "Theorem 1: the top eigenvector b = Phi(v kron u)",
                "w in Omega_0 => H_w b = 2m sigma_max(T)^(2(1-1/m)) b for b = Phi (v kron u)", ClaimKind.THEOREM,
                InstanceSource.THEOREMS, false);
    }

    private Theorem1Eigenvector(String id, String title, String statement, ClaimKind kind, List<InstanceSource> families, boolean swapped) {
        super(id, title, statement, kind, "Sec. 4, Theorem 1; App. V.4",
                List.of("A1", "A2", "w in Omega", "premise: " + Premises.Flatness.DEFAULT.basis(),
                        "sigma_max(T)^(2(1-1/m)) rational (exact families)"),
                families);
        this.swapped = swapped;
    }

    /** Control: b = Phi (u kron v), u and v swapped (square T). */
    public static Theorem1Eigenvector swappedControl() {
        return new Theorem1Eigenvector("control.theorem1.uv-swapped", "Control: Theorem 1's eigenvector with u and v swapped",
                "FALSE: H_w Phi (u kron v) = lambda* Phi (u kron v)", ClaimKind.CONTROL, List.of(InstanceSource.SQUARE_FLATTEST), true);
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return requested.forFullHessian();
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Premises.Target t = Premises.target(in, settings.digits());
        Outcome premise = Premises.Flatness.DEFAULT.check(in, t);
        if (premise != null) {
            return premise;
        }
        if (!t.lambdaStar().isExact()) {
            return Outcome.of(Verdict.UNDECIDED, "lambda* is irrational; the exact identity needs a rational lambda*");
        }
        int[] d = in.dims();
        if (swapped && d[0] != d[d.length - 1]) {
            return Outcome.hypothesisNotMet("swapping u and v needs d_x = d_y");
        }
        Rational[] v = t.top().v();
        Rational[] u = t.top().u();
        Matrix<Rational> b = swapped ? NetworkAlgebra.phiTimesKronecker(in.network(), u, v)
                : NetworkAlgebra.phiTimesKronecker(in.network(), v, u);
        if (b.isZero()) {
            return Outcome.of(Verdict.REFUTED, "exact: b = Phi(v kron u) is the zero vector");
        }
        // H b from the loss itself at every size: one forward-over-reverse AD pass along b (no closed form of H)
        Matrix<Rational> hb = ExactAlgebra.column(AutodiffHessian.at(in.network()).times(NetworkAlgebra.asArray(b)));
        Matrix<Rational> residual = hb.subtract(b.scale(t.lambdaStar().exact()));
        boolean holds = residual.isZero();
        if (holds) {
            org.flatminima.exact.CertificateLog.witness("b", NetworkAlgebra.asArray(b));
            org.flatminima.exact.CertificateLog.witness("lambda_star", t.lambdaStar().exact());
        }
        Outcome o = Outcome.of(holds ? Verdict.PROVED : Verdict.REFUTED,
                "exact identity H b = lambda* b with lambda* = " + t.lambdaStar().exact()
                        + " (H b of the loss's own Hessian by exact second-order AD, N = " + in.network().parameterCount() + ")");
        if (!holds) {
            double rel = Math.sqrt(residual.frobeniusSquared().doubleValue() / b.frobeniusSquared().doubleValue())
                    / t.lambdaStar().exact().doubleValue();
            o = o.withMargin(-rel).withDetail("relative_residual_approx", rel);
        }
        return o.withDetail("premise", Premises.Flatness.DEFAULT.basis());
    }
}
