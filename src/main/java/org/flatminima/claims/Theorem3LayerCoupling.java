package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.model.NetworkAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * Theorem 3: with r_k = W_(k-1)...W_1 v and q_k = (W_m...W_(k+1))^T u, (i) W_k r_k = c q_k and
 * W_k^T q_k = c' r_k with c, c' &gt; 0 and c^2 |q_k|^2 = s^2 |r_k|^2, c'^2 |r_k|^2 = s^2 |q_k|^2 for
 * s^2 = sigma^(2/m) (so q_k/|q_k|, r_k/|r_k| are a singular pair for s); (ii) r_(k+1)/|r_(k+1)| = q_k/|q_k|.
 * Exact, without square roots: the identities are stated on squared norms.
 */
public final class Theorem3LayerCoupling extends BaseClaim {
    /** Which item. */
    public enum Item { I, II }

    private final Item item;
    private final boolean unshiftedControl;
    private final boolean squaredValue;

    public Theorem3LayerCoupling(Item item) {
        this(item, false);
    }

    private Theorem3LayerCoupling(Item item, boolean control) {
        this(item, control, false, control ? "control.theorem3.no-shift" : "theorem3." + item.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Control: item (i) with the singular value sigma^(2/m) in place of sigma^(1/m). */
    public static Theorem3LayerCoupling wrongValueControl() {
        return new Theorem3LayerCoupling(Item.I, false, true, "control.theorem3.i-exponent");
    }

    private Theorem3LayerCoupling(Item item, boolean control, boolean squaredValue, String id) {
        super(id,
                squaredValue ? "Control: Theorem 3(i) with singular value sigma_max(T)^(2/m)"
                        : control ? "Control: Theorem 3(ii) with r_k in place of r_(k+1)"
                        : item == Item.I ? "Theorem 3(i): q_k, r_k are a singular pair of W_k" : "Theorem 3(ii): layers are coupled",
                squaredValue ? "FALSE: q_k/|q_k| and r_k/|r_k| are left/right singular vectors of W_k for sigma_max(T)^(2/m)"
                        : control ? "FALSE: r_k/|r_k| = q_k/|q_k| for every k"
                        : item == Item.I ? "q_k/|q_k| and r_k/|r_k| are left/right singular vectors of W_k for sigma_max(T)^(1/m)"
                                : "r_(k+1)/|r_(k+1)| = q_k/|q_k|",
                control || squaredValue ? ClaimKind.CONTROL : ClaimKind.THEOREM, "Sec. 4, Theorem 3",
                List.of("A1", "A2", "w in Omega", "premise: " + Premises.Flatness.DEFAULT.basis()),
                control ? List.of(InstanceSource.SQUARE_FLATTEST) : InstanceSource.THEOREMS);
        this.item = item;
        this.unshiftedControl = control;
        this.squaredValue = squaredValue;
    }

    /** Control: claims the input direction of each layer equals its output direction. */
    public static Theorem3LayerCoupling unshiftedControl() {
        return new Theorem3LayerCoupling(Item.II, true);
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Premises.Target t = Premises.target(in, settings.digits());
        Outcome premise = Premises.Flatness.DEFAULT.check(in, t);
        if (premise != null) {
            return premise;
        }
        if (!t.hasRationalRoot()) {
            return Outcome.of(Verdict.UNDECIDED, "sigma_max(T)^(2/m) is irrational; the exact identities need it rational");
        }
        return coupling(in, t).withDetail("premise", Premises.Flatness.DEFAULT.basis());
    }

    private Outcome coupling(Instance in, Premises.Target t) {
        int m = in.depth();
        Matrix<Rational> v = ExactAlgebra.column(t.top().v());
        Matrix<Rational> u = ExactAlgebra.column(t.top().u());
        Rational s2 = squaredValue ? t.rootSquared().pow(2) : t.rootSquared();
        for (int k = 1; k <= m; k++) {
            Matrix<Rational> rk = NetworkAlgebra.before(in.network(), k).multiply(v);
            Matrix<Rational> qk = NetworkAlgebra.after(in.network(), k).transpose().multiply(u);
            Matrix<Rational> wk = in.network().layer(k);
            if (rk.isZero() || qk.isZero()) {
                return Outcome.of(Verdict.REFUTED, "exact: r_k or q_k vanishes at k = " + k);
            }
            if (unshiftedControl) {
                if (rk.rows() != qk.rows() || NetworkAlgebra.positiveMultiple(rk, qk) == null) {
                    return Outcome.of(Verdict.REFUTED, "exact: r_k is not a positive multiple of q_k at k = " + k);
                }
                continue;
            }
            Matrix<Rational> out = wk.multiply(rk);
            Rational c = NetworkAlgebra.positiveMultiple(out, qk);
            if (c == null || c.pow(2).multiply(qk.frobeniusSquared()).compareTo(s2.multiply(rk.frobeniusSquared())) != 0) {
                return Outcome.of(Verdict.REFUTED, "exact: W_k r_k is not s |r_k|/|q_k| q_k at k = " + k);
            }
            if (item == Item.I) {
                Rational c2 = NetworkAlgebra.positiveMultiple(wk.transpose().multiply(qk), rk);
                if (c2 == null || c2.pow(2).multiply(rk.frobeniusSquared()).compareTo(s2.multiply(qk.frobeniusSquared())) != 0) {
                    return Outcome.of(Verdict.REFUTED, "exact: W_k^T q_k is not s |q_k|/|r_k| r_k at k = " + k);
                }
            }
        }
        if (unshiftedControl) {
            return Outcome.of(Verdict.PROVED, "exact: r_k is a positive multiple of q_k for every k");
        }
        return Outcome.of(Verdict.PROVED, item == Item.I
                ? "exact identities W_k r_k = c q_k, W_k^T q_k = c' r_k with squared norms matching s^2 = " + s2
                : "exact: r_(k+1) = W_k r_k is a positive multiple of q_k for every k");
    }
}
