package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.simple.SimpleMatrix;
import org.flatminima.exact.CertificateLog;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.exact.PowerBracket;
import org.flatminima.exact.TopSingular;
import org.flatminima.linalg.GaussJordan;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * The inequality Sec. 5 proves for any Sigma_x (eqs. (21)-(25), through Lemma 4): every global minimum
 * has lambda_max(H_w) &gt;= nu(B) = 2m ||(B Sigma^(1/2) T^T)^(m-1) B Sigma^(1/2)||_2^(2/m) for every B with
 * ||B||_F = 1. Decided exactly or by a certified enclosure, without square roots of Sigma: for a rational
 * C put B = C Sigma^(-1/2) / sqrt(c) with c = tr(C Sigma^(-1) C^T) (so ||B||_F = 1 and B Sigma^(1/2) =
 * C / sqrt(c)); then nu(B) = 2m mu^(1/m) / c with mu = lambda_max(X X^T), X = (C T^T)^(m-1) C, all
 * rational. mu is exact when X X^T has rank one (mu = ||X||_F^2), else enclosed by inertia; nu(B) is then
 * compared with lambda_max(H) by inertia of the exact Hessian. The C tried are u v^T (the white optimum,
 * from T's exact top singular pair) and the rationalised maximiser of a double-precision search of nu over
 * the unit sphere; a refutation at any of them refutes the inequality.
 *
 * <p>The negative control uses the exponent 4/m for 2/m: nu'(B) = 2m mu^(2/m) / c^2, which exceeds
 * lambda* at a white flattest minimum whenever sigma_max(T) &gt; 1.
 */
public final class SectionFiveLowerBound extends BaseClaim {
    private final int exponentNumerator;

    public SectionFiveLowerBound() {
        this(2);
    }

    private SectionFiveLowerBound(int exponentNumerator) {
        super(exponentNumerator == 2 ? "section5.lower-bound" : "control.section5.nu-exponent",
                exponentNumerator == 2 ? "Sec. 5: the proved lower bound lambda_max >= nu(B), any Sigma_x"
                        : "Control: Sec. 5's bound with the exponent 4/m in nu(B)",
                exponentNumerator == 2 ? "w in Omega, ||B||_F = 1 => lambda_max(H_w) >= 2m ||(B Sigma^(1/2) T^T)^(m-1) B Sigma^(1/2)||_2^(2/m)"
                        : "FALSE: w in Omega, ||B||_F = 1 => lambda_max(H_w) >= 2m ||(B Sigma^(1/2) T^T)^(m-1) B Sigma^(1/2)||_2^(4/m)",
                exponentNumerator == 2 ? ClaimKind.EQUATION : ClaimKind.CONTROL, "Sec. 5, eqs. (21)-(25)",
                List.of("A1", "w in Omega (P = T)", "any SPD Sigma_x"),
                exponentNumerator == 2
                        ? List.of(InstanceSource.SIGMA_X_NOT_IDENTITY, InstanceSource.NON_FLATTEST, InstanceSource.SIGMA_X_NOT_IDENTITY, InstanceSource.FLATTEST_GAUGED)
                        : List.of(InstanceSource.SQUARE_FLATTEST));
        this.exponentNumerator = exponentNumerator;
    }

    /** Control: the exponent 4/m in nu(B) in place of 2/m. */
    public static SectionFiveLowerBound wrongExponentControl() {
        return new SectionFiveLowerBound(4);
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return new CheckSettings(requested.digits(), Math.min(3, requested.maxDim()), Math.min(4, requested.maxDepth()));
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        if (!in.meetsA1() || !in.isGlobalMinimum()) {
            return Outcome.hypothesisNotMet("needs A1 and a global minimum (P = T exactly)");
        }
        return decideAt(in, settings, candidates(in, settings), exponentNumerator);
    }

    /**
     * The C tried: u v^T when T's top singular pair is exact, and the rationalised double maximiser of nu
     * (B* Sigma^(1/2), entries rounded to about 12 significant digits).
     */
    static List<Matrix<Rational>> candidates(Instance in, CheckSettings settings) {
        List<Matrix<Rational>> out = new ArrayList<>();
        Matrix<Rational> t = in.network().target();
        TopSingular top = TopSingular.of(t, settings.digits());
        if (top.isExact() && top.u() != null && top.v() != null) {
            out.add(ExactAlgebra.column(top.u()).multiply(ExactAlgebra.column(top.v()).transpose()));
        }
        SimpleMatrix td = new SimpleMatrix(t.toDoubleArray());
        SimpleMatrix sHalf = SectionFiveConjecture.sqrtSpd(new SimpleMatrix(in.network().sigmaX().toDoubleArray()));
        SimpleMatrix b = SectionFiveConjecture.maximiser(td, sHalf, in.depth(), new SplittableRandom(in.seed() ^ 0x5EC5L));
        SimpleMatrix c = b.mult(sHalf);
        Matrix<Rational> rc = Matrix.build(ExactAlgebra.Q, c.getNumRows(), c.getNumCols(), (i, j) -> {
            double x = c.get(i, j);
            double d = Math.max(Math.abs(x) * 1e-12, 1e-300);
            return ExactAlgebra.simplestBetween(Rational.ofExactDouble(x - d), Rational.ofExactDouble(x + d));
        });
        if (!rc.isZero()) {
            out.add(rc);
        }
        return out;
    }

    /** nu(B) for B = C Sigma^(-1/2)/sqrt(c), with the norm raised to p/m (p = 2 is the paper's nu), exact or enclosed; null if X = 0. */
    static PowerBracket nu(Instance in, Matrix<Rational> c, int p, int digits) {
        return nu(in, c, p, digits, -1);
    }

    /**
     * As {@link #nu(Instance, Matrix, int, int)}; with {@code index >= 0} and a certificate log open, the
     * upper end of mu's enclosure is witnessed as the inertia of mu_hi I - X X^T (matrix "nu_gram:index",
     * rebuilt by the checker from the witness C).
     */
    static PowerBracket nu(Instance in, Matrix<Rational> c, int p, int digits, int index) {
        int m = in.depth();
        Matrix<Rational> t = in.network().target();
        Matrix<Rational> sigmaInv = GaussJordan.inverse(in.network().sigmaX());
        Rational cc = trace(c.multiply(sigmaInv).multiply(c.transpose()));
        Matrix<Rational> x = c;
        Matrix<Rational> step = c.multiply(t.transpose());
        for (int i = 1; i < m; i++) {
            x = step.multiply(x);
        }
        if (x.isZero() || cc.signum() <= 0) {
            return null;
        }
        Matrix<Rational> xxt = x.multiply(x.transpose());
        Rational coef = Rational.of(2L * m).divide(cc.pow(p / 2));
        if (ExactAlgebra.inertia(xxt).positive() == 1) {
            Rational mu = x.frobeniusSquared();
            return PowerBracket.of(coef, mu, mu, p / 2, m, digits);
        }
        Rational[] mu = TopSingular.enclose(xxt, org.flatminima.linalg.DoubleEigen.approxMax(xxt), digits);
        if (index >= 0) {
            CertificateLog.name(xxt, "nu_gram:" + index);
            int[] w = CertificateLog.inertia(xxt, mu[1], null);
            if (w != null && w[0] != 0) {
                throw new IllegalStateException("the LDL^T witness finds an eigenvalue of X X^T above " + mu[1]);
            }
        }
        return PowerBracket.of(coef, mu[0], mu[1], p / 2, m, digits);
    }

    static Outcome decideAt(Instance in, CheckSettings settings, List<Matrix<Rational>> cs, int p) {
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        Outcome decided = null;
        int undecided = 0;
        for (int k = 0; k < cs.size(); k++) {
            PowerBracket value = nu(in, cs.get(k), p, settings.digits(), k);
            if (value == null) {
                continue;
            }
            String what = (p == 2 ? "nu(B)" : "nu'(B) (exponent 4/m)") + " at " + (k == 0 && cs.size() > 1 ? "B ~ u v^T" : "the searched B");
            Outcome o = Decisions.topEigenvalueAtLeast(hs.matrix(), value, what).withDetail("nu", value.describe());
            if (o.verdict() == Verdict.REFUTED) {
                return o.withDetail("reduction", hs.how());
            }
            if (o.verdict() == Verdict.UNDECIDED) {
                undecided++;
            } else {
                // the checker re-derives nu(B) from C, and c = tr(C Sigma^(-1) C^T) from Y = Sigma^(-1) C^T
                CertificateLog.witness("nu_c:" + k, cs.get(k).toArray());
                CertificateLog.witness("nu_y:" + k, GaussJordan.inverse(in.network().sigmaX()).multiply(cs.get(k).transpose()).toArray());
                if (decided == null || o.verdict().ordinal() > decided.verdict().ordinal()) {
                    decided = o;
                }
            }
        }
        if (decided == null) {
            return Outcome.of(Verdict.UNDECIDED, "lambda_max(H) lies inside the enclosure of nu(B) at every B tried");
        }
        return decided.withDetail("reduction", hs.how()).withDetail("b_tried", cs.size())
                .withDetail("b_undecided", undecided);
    }

    static Rational trace(Matrix<Rational> a) {
        Rational s = Rational.ZERO;
        for (int i = 0; i < a.rows(); i++) {
            s = s.add(a.get(i, i));
        }
        return s;
    }
}
