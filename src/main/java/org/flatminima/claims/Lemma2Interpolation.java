package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;

/**
 * Lemma 2 (scalar networks): take the instance as w2, a global minimum, and w1 the flattest minimum with
 * its sign pattern (|w1_j| = |tau|^(1/m)). The interpolation plot's sharpness at an end point w of the
 * line through w1 and w' is the loss's curvature along it, d^T H(w) d with d = w' - w1. If the plot shows
 * w2 sharper than w1, the checker constructs w3_j = w1_j^2 / w2_j (a global minimum with the same signs)
 * and decides exactly that the plot through w1 and w3 shows w3 flatter than w1. The control offers
 * w3 = w2 instead.
 */
public final class Lemma2Interpolation extends BaseClaim {
    private final boolean control;

    public Lemma2Interpolation() {
        this(false);
    }

    private Lemma2Interpolation(boolean control) {
        super(control ? "control.lemma2.reuse-w2" : "lemma2",
                control ? "Control: Lemma 2 with w3 = w2" : "Lemma 2: the interpolation plot misleads",
                control ? "FALSE: if the plot shows w2 sharper than w1, it shows w2 flatter than w1"
                        : "if the plot shows w2 sharper than the flattest w1 (same signs), some w3 in Omega appears flatter than w1",
                control ? ClaimKind.CONTROL : ClaimKind.LEMMA, "Sec. 3, Lemma 2; App. III.2",
                List.of("d_j = 1 for all j", "w2 in Omega", "|tau|^(1/m) rational", "the plot shows w2 sharper than w1"),
                control ? List.of(InstanceSource.SCALAR_MISLEADING) : List.of(InstanceSource.SCALAR_MISLEADING, InstanceSource.SCALAR_MINIMUM));
        this.control = control;
    }

    public static Lemma2Interpolation reuseControl() {
        return new Lemma2Interpolation(true);
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return requested.forFullHessian();
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome p = ScalarSupport.premise(in);
        if (p != null) {
            return p;
        }
        int m = in.depth();
        LinearNetwork<Rational> net = in.network();
        Rational tau = ScalarSupport.tau(net);
        Rational c = tau.abs().exactRoot(m);
        if (c == null) {
            return Outcome.hypothesisNotMet("|tau|^(1/m) is irrational");
        }
        Rational[] w2 = ScalarSupport.weights(net);
        Rational[] w1 = new Rational[m];
        for (int j = 0; j < m; j++) {
            w1[j] = w2[j].signum() < 0 ? c.negate() : c;
        }
        Rational k1 = curvature(net, w1, w1, w2);
        Rational k2 = curvature(net, w2, w1, w2);
        if (k2.compareTo(k1) <= 0) {
            return Outcome.hypothesisNotMet("the plot does not show w2 sharper than w1 (exact curvatures " + k2 + " <= " + k1 + ")");
        }
        Rational[] w3 = new Rational[m];
        Rational prod = Rational.ONE;
        for (int j = 0; j < m; j++) {
            w3[j] = control ? w2[j] : w1[j].pow(2).divide(w2[j]);
            prod = prod.multiply(w3[j]);
            if (w3[j].signum() != w1[j].signum()) {
                return Outcome.of(Verdict.REFUTED, "exact: w3 has a different sign pattern");
            }
        }
        if (!prod.equals(tau)) {
            return Outcome.of(Verdict.REFUTED, "exact: w3 is not a global minimum");
        }
        Rational a = curvature(net, w1, w1, w3);
        Rational b = curvature(net, w3, w1, w3);
        boolean ok = b.compareTo(a) < 0;
        double margin = a.isZero() ? 0 : 1 - b.doubleValue() / a.doubleValue();
        return Outcome.of(ok ? Verdict.PROVED : Verdict.REFUTED,
                "exact curvatures along the line w1-w3: at w3 " + (ok ? "<" : ">=") + " at w1 (w2's plot: " + k2 + " > " + k1 + ")")
                .withMargin(margin).withDetail("w3", java.util.Arrays.toString(w3));
    }

    /** d^T H(at) d for d = to - from, exact. */
    static Rational curvature(LinearNetwork<Rational> net, Rational[] at, Rational[] from, Rational[] to) {
        Matrix<Rational> h = Loss.hessian(ScalarSupport.withWeights(net, at));
        Rational[] d = new Rational[at.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = to[j].subtract(from[j]);
        }
        Matrix<Rational> dc = ExactAlgebra.column(d);
        return dc.transpose().multiply(h).multiply(dc).get(0, 0);
    }
}
