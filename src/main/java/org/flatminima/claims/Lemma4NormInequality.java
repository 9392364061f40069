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
 * Lemma 4: sum_k ||Psi_k||_F^2 &gt;= m ||Psi_m ... Psi_1||_2^(2/m) for any chaining shapes. Powers compared:
 * with S = sum ||Psi_k||_F^2 it holds iff (S/(m c))^m I - P^T P is PSD (c = 1 for the lemma), an exact
 * inertia check. The control sets c = 1 + 10^-3 on the equality case.
 */
public final class Lemma4NormInequality extends BaseClaim {
    private final Rational factor;

    public Lemma4NormInequality() {
        this("lemma4", "Lemma 4: Frobenius norms bound the product's spectral norm",
                "sum_k ||Psi_k||_F^2 >= m ||prod_k Psi_k||_2^(2/m)", ClaimKind.LEMMA, Rational.ONE,
                List.of(InstanceSource.CHAIN_RANDOM, InstanceSource.CHAIN_EQUALITY, InstanceSource.NON_FLATTEST, InstanceSource.BOTTLENECK));
    }

    private Lemma4NormInequality(String id, String title, String statement, ClaimKind kind, Rational factor, List<InstanceSource> families) {
        super(id, title, statement, kind, "Sec. 5, Lemma 4, eq. (22)", List.of("Psi_k in R^(d_k x d_(k-1)) (shapes chain)"), families);
        this.factor = factor;
    }

    /** Control: the right side times (1 + 10^-3), on Lemma 4's equality case. */
    public static Lemma4NormInequality tightenedControl() {
        return new Lemma4NormInequality("control.lemma4.factor", "Control: Lemma 4 times (1 + 1e-3) on its equality case",
                "FALSE: sum_k ||Psi_k||_F^2 >= (1 + 1e-3) m ||prod_k Psi_k||_2^(2/m)", ClaimKind.CONTROL,
                Rational.ONE.add(Rational.of(1, 1000)), List.of(InstanceSource.CHAIN_EQUALITY));
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        int m = in.depth();
        Rational s = Rational.ZERO;
        for (Matrix<Rational> psi : in.network().layers()) {
            s = s.add(psi.frobeniusSquared());
        }
        Matrix<Rational> gram = NetworkAlgebra.smallGram(in.network().product());
        Rational bound = s.divide(Rational.of(m).multiply(factor)).pow(m);
        Inertia inertia = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(bound, gram));
        if ((inertia.negative() == 0)) {
            org.flatminima.exact.CertificateLog.name(gram, "product_gram");
            org.flatminima.exact.CertificateLog.inertia(gram, bound, ExactAlgebra.counts(inertia));
        }
        double top = DoubleEigen.approxMax(gram);
        Double margin = top == 0 ? null : 1 - m * factor.doubleValue() * Math.pow(top, 1.0 / m) / s.doubleValue();
        Outcome o = Outcome.of((inertia.negative() == 0) ? Verdict.PROVED : Verdict.REFUTED,
                "exact inertia of (S/(" + (factor.equals(Rational.ONE) ? "" : factor + " ") + "m))^m I - P^T P: "
                        + inertia.negative() + " negative, " + inertia.zero() + " zero");
        return o.withMargin(margin).withDetail("sum_frobenius_squared", s).withDetail("equality", inertia.zero() > 0 && inertia.negative() == 0);
    }
}
