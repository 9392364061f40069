package org.flatminima.claims;

import org.flatminima.exact.Inertia;
import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.linalg.DoubleEigen;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.model.NetworkAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * Theorem 2 (i)-(iv): intermediate gains at flattest minima, with r^2 = sigma_max(T)^(2/m) rational.
 * (i) P_k^T P_k v = r^(2k) v for P_k = W_k...W_1; (ii) m r^(2k) I - P_k^T P_k is PSD; (iii) A_k A_k^T u =
 * r^(2(m-k)) u for A_k = W_m...W_(k+1); (iv) m r^(2(m-k)) I - A_k A_k^T is PSD. All exact (powers
 * compared instead of roots taken).
 */
public final class Theorem2IntermediateGains extends BaseClaim {
    /** Which item. */
    public enum Item { I, II, III, IV }

    private final Item item;
    private final int exponentShift;
    private final boolean reversedExponent;
    private final boolean noSqrtM;
    private final Premises.Flatness flatness;

    public Theorem2IntermediateGains(Item item) {
        this(item, 0, false, false, Premises.Flatness.DEFAULT, "theorem2." + item.name().toLowerCase(java.util.Locale.ROOT),
                ClaimKind.THEOREM, null, null);
    }

    private Theorem2IntermediateGains(Item item, int exponentShift, boolean reversedExponent, boolean noSqrtM,
            Premises.Flatness flatness, String id, ClaimKind kind, String controlTitle, String controlStatement) {
        super(id, controlTitle != null ? controlTitle : title(item), controlStatement != null ? controlStatement : statement(item),
                kind, "Sec. 4, Theorem 2 (" + item.name().toLowerCase(java.util.Locale.ROOT) + ")",
                List.of("A1", "A2", "w in Omega", "premise: " + flatness.basis()),
                flatness == Premises.Flatness.NONE ? List.of(InstanceSource.NON_FLATTEST)
                        : noSqrtM ? List.of(InstanceSource.FLATTEST_OFF_THEOREM4)
                        : kind == ClaimKind.CONTROL && exponentShift != 0 ? List.of(InstanceSource.SQUARE_FLATTEST)
                        : InstanceSource.THEOREMS);
        this.item = item;
        this.exponentShift = exponentShift;
        this.reversedExponent = reversedExponent;
        this.noSqrtM = noSqrtM;
        this.flatness = flatness;
    }

    /** Control: item (i) with singular value sigma^((k+1)/m). */
    public static Theorem2IntermediateGains wrongExponentControl() {
        return new Theorem2IntermediateGains(Item.I, 1, false, false, Premises.Flatness.DEFAULT, "control.theorem2.wrong-exponent",
                ClaimKind.CONTROL, "Control: Theorem 2(i) with exponent (k+1)/m",
                "FALSE: v is a right singular vector of W_k...W_1 with singular value sigma_max(T)^((k+1)/m)");
    }

    /** Control: item (ii) with the factor sqrt(m) replaced by 1. */
    public static Theorem2IntermediateGains noSqrtMControl(Item item) {
        boolean ii = item == Item.II;
        return new Theorem2IntermediateGains(item, 0, false, true, Premises.Flatness.DEFAULT,
                "control.theorem2." + (ii ? "ii" : "iv") + "-no-sqrt-m", ClaimKind.CONTROL,
                "Control: Theorem 2(" + (ii ? "ii" : "iv") + ") with sqrt(m) replaced by 1",
                ii ? "FALSE: sigma_max(W_k...W_1) <= sigma_max(T)^(k/m)" : "FALSE: sigma_max(W_m...W_(k+1)) <= sigma_max(T)^(1-k/m)");
    }

    /** Control: item (iii) with exponent k/m in place of 1 - k/m. */
    public static Theorem2IntermediateGains reversedExponentControl() {
        return new Theorem2IntermediateGains(Item.III, 0, true, false, Premises.Flatness.DEFAULT, "control.theorem2.iii-exponent",
                ClaimKind.CONTROL, "Control: Theorem 2(iii) with exponent k/m for 1 - k/m",
                "FALSE: u is a left singular vector of W_m...W_(k+1) with singular value sigma_max(T)^(k/m)");
    }

    /** Control: item (i) without its premise, on arbitrary (non-flattest) global minima. */
    public static Theorem2IntermediateGains anyMinimumControl() {
        return new Theorem2IntermediateGains(Item.I, 0, false, false, Premises.Flatness.NONE, "control.theorem2.any-minimum",
                ClaimKind.CONTROL, "Control: Theorem 2(i) on every global minimum",
                "FALSE: at every global minimum v is a right singular vector of W_k...W_1 with singular value sigma_max(T)^(k/m)");
    }

    private static String title(Item item) {
        return switch (item) {
            case I -> "Theorem 2(i): v's gain up to layer k";
            case II -> "Theorem 2(ii): largest gain up to layer k";
            case III -> "Theorem 2(iii): u's gain from layer k+1";
            case IV -> "Theorem 2(iv): largest gain from layer k+1";
        };
    }

    private static String statement(Item item) {
        return switch (item) {
            case I -> "w in Omega_0 => v is a right singular vector of W_k...W_1 with singular value sigma_max(T)^(k/m)";
            case II -> "w in Omega_0 => sigma_max(W_k...W_1) <= sqrt(m) sigma_max(T)^(k/m)";
            case III -> "w in Omega_0 => u is a left singular vector of W_m...W_(k+1) with singular value sigma_max(T)^(1-k/m)";
            case IV -> "w in Omega_0 => sigma_max(W_m...W_(k+1)) <= sqrt(m) sigma_max(T)^(1-k/m)";
        };
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Premises.Target t = Premises.target(in, settings.digits());
        Outcome premise = flatness.check(in, t);
        if (premise != null) {
            return premise;
        }
        if (!t.hasRationalRoot()) {
            return Outcome.of(Verdict.UNDECIDED, "sigma_max(T)^(2/m) is irrational; the exact identities need it rational")
                    .withDetail("premise", flatness.basis());
        }
        return decideGains(in, t).withDetail("premise", flatness.basis());
    }

    private Outcome decideGains(Instance in, Premises.Target t) {
        int m = in.depth();
        Rational r2 = t.rootSquared();
        double worst = Double.POSITIVE_INFINITY;
        for (int k = (item == Item.I || item == Item.II) ? 1 : 0; k <= ((item == Item.I || item == Item.II) ? m : m - 1); k++) {
            boolean forward = item == Item.I || item == Item.II;
            Matrix<Rational> p = forward ? in.network().partialProduct(1, k) : in.network().partialProduct(k + 1, m);
            int power = forward ? k + exponentShift : reversedExponent ? k : m - k;
            Rational gain2 = r2.pow(power);
            if (item == Item.I || item == Item.III) {
                Matrix<Rational> x = ExactAlgebra.column(forward ? t.top().v() : t.top().u());
                Matrix<Rational> gram = forward ? p.transpose().multiply(p) : p.multiply(p.transpose());
                Matrix<Rational> lhs = gram.multiply(x);
                if (!lhs.equals(x.scale(gain2))) {
                    return Outcome.of(Verdict.REFUTED, "exact: " + (forward ? "P_k^T P_k v" : "A_k A_k^T u") + " != "
                            + "sigma^(2 " + power + "/m) " + (forward ? "v" : "u") + " at k = " + k)
                            .withDetail("k", k);
                }
            } else {
                Matrix<Rational> gram = NetworkAlgebra.smallGram(p);
                Rational bound = noSqrtM ? gain2 : gain2.multiply(Rational.of(m));
                Inertia inertia = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(bound, gram));
                double approx = DoubleEigen.approxMax(gram);
                worst = Math.min(worst, 1 - approx / bound.doubleValue());
                if (!(inertia.negative() == 0)) {
                    return Outcome.of(Verdict.REFUTED, "exact inertia: sigma_max^2 exceeds " + (noSqrtM ? "" : "m ") + "sigma^(2 " + power + "/m) at k = " + k)
                            .withMargin(1 - approx / bound.doubleValue()).withDetail("k", k);
                }
                org.flatminima.exact.CertificateLog.name(gram, (forward ? "forward_gram:" : "backward_gram:") + k);
                org.flatminima.exact.CertificateLog.inertia(gram, bound, ExactAlgebra.counts(inertia));
            }
        }
        if (item == Item.II || item == Item.IV) {
            return Outcome.of(Verdict.PROVED, "exact inertia of m r^(2k) I - P_k^T P_k for every k (PSD)").withMargin(worst);
        }
        return Outcome.of(Verdict.PROVED, "exact identity for every k, with r^2 = sigma_max(T)^(2/m) = " + r2);
    }
}
