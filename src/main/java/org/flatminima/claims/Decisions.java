package org.flatminima.claims;

import org.flatminima.exact.Inertia;
import org.flatminima.results.Verdict;
import org.flatminima.exact.CertificateLog;
import org.flatminima.linalg.DoubleEigen;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.exact.PowerBracket;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * Exact and certified decisions about the top eigenvalue of an exact symmetric matrix against a closed
 * form that is either rational or enclosed by rationals. Margins are double estimates for reporting
 * only; verdicts rest on inertia alone.
 */
public final class Decisions {
    private Decisions() {}

    /** lambda_max(h) = value? PROVED/REFUTED for an exact value; CONSISTENT/REFUTED for an enclosure. */
    public static Outcome topEigenvalueEquals(Matrix<Rational> h, PowerBracket value, String what) {
        double approx = DoubleEigen.approxMax(h);
        Double margin = null;
        if (value.isExact()) {
            Inertia in = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(value.exact(), h));
            boolean holds = in.negative() == 0 && in.zero() >= 1;
            if (holds) {
                CertificateLog.inertia(h, value.exact(), ExactAlgebra.counts(in));
            }
            String how = "exact inertia of (" + what + ") I - H: " + in.negative() + " negative, " + in.zero() + " zero";
            Outcome o = Outcome.of(holds ? Verdict.PROVED : Verdict.REFUTED, how)
                    .withDetail("predicted", value.exact())
                    .withDetail("lambda_max_approx", approx);
            if (!holds) {
                o = o.withMargin(relative(approx, value.exact().doubleValue()));
            }
            return o;
        }
        int aboveHi = ExactAlgebra.countAbove(h, value.hi());
        int aboveLo = ExactAlgebra.countAbove(h, value.lo());
        String encl = value.describe();
        if (aboveHi == 0 && aboveLo >= 1) {
            return Outcome.of(Verdict.CONSISTENT, "inertia at both ends of the certified enclosure " + encl
                            + " of " + what + ": lambda_max lies inside it")
                    .withTolerance(value.hi().subtract(value.lo()).toBigDecimal(3, java.math.RoundingMode.UP),
                            "width of the certified enclosure of " + what)
                    .withDetail("lambda_max_approx", approx);
        }
        String side = aboveHi >= 1 ? "above" : "below";
        return Outcome.of(Verdict.REFUTED, "certified: lambda_max lies " + side + " the enclosure " + encl + " of " + what)
                .withMargin(relative(approx, value.hi().doubleValue()))
                .withDetail("lambda_max_approx", approx);
    }

    /** lambda_max(h) &gt;= value? PROVED (exact value) or CERTIFIED (enclosure), REFUTED, or UNDECIDED. */
    public static Outcome topEigenvalueAtLeast(Matrix<Rational> h, PowerBracket value, String what) {
        double approx = DoubleEigen.approxMax(h);
        Double margin = relative(approx, value.hi().doubleValue());
        if (value.isExact()) {
            Inertia in = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(value.exact(), h));
            boolean holds = in.negative() >= 1 || in.zero() >= 1;
            if (holds) {
                CertificateLog.inertia(h, value.exact(), ExactAlgebra.counts(in));
                margin = Math.max(0, margin); // exact: lambda_max >= the bound, whatever the double estimate says
            }
            return Outcome.of(holds ? Verdict.PROVED : Verdict.REFUTED, "exact inertia of (" + what + ") I - H: "
                            + in.negative() + " negative, " + in.zero() + " zero")
                    .withMargin(margin).withDetail("bound", value.exact()).withDetail("lambda_max_approx", approx);
        }
        if (ExactAlgebra.countAbove(h, value.hi()) >= 1) {
            int[] w = CertificateLog.active() ? CertificateLog.inertia(h, witnessShift(h, value.hi(), approx), null) : null;
            if (w != null && w[0] == 0) {
                throw new IllegalStateException("the LDL^T witness finds no eigenvalue above " + value.hi());
            }
            margin = Math.max(0, margin); // certified: lambda_max > hi >= the bound, whatever the double estimate says
            return Outcome.of(Verdict.CERTIFIED, "inertia: an eigenvalue lies above the upper end of the enclosure "
                    + value.describe() + " of " + what).withMargin(margin).withDetail("lambda_max_approx", approx);
        }
        if (ExactAlgebra.countAbove(h, value.lo()) == 0) {
            return Outcome.of(Verdict.REFUTED, "inertia: every eigenvalue lies at or below the lower end of the enclosure "
                    + value.describe() + " of " + what).withMargin(margin).withDetail("lambda_max_approx", approx);
        }
        return Outcome.of(Verdict.UNDECIDED, "lambda_max lies inside the enclosure " + value.describe() + " of " + what)
                .withDetail("lambda_max_approx", approx);
    }

    /**
     * The shift of the witness that lambda_max(h) exceeds {@code hi}: a short rational between hi and the
     * double estimate of lambda_max when exact inertia confirms an eigenvalue above it (its LDL^T witness is
     * then far cheaper than at hi's many digits), else hi itself. q I - H has a negative eigenvalue either way.
     */
    static Rational witnessShift(Matrix<Rational> h, Rational hi, double approx) {
        double lo = hi.doubleValue();
        if (!(approx > lo) || Double.isInfinite(approx)) {
            return hi;
        }
        Rational upper = Rational.ofExactDouble(lo + (approx - lo) / 2);
        if (upper.compareTo(hi) <= 0) {
            return hi;
        }
        Rational q = ExactAlgebra.simplestBetween(hi, upper);
        return q.compareTo(hi) > 0 && ExactAlgebra.countAbove(h, q) >= 1 ? q : hi;
    }

    /** (a - b) / |b|, or a - b when b is 0. */
    public static double relative(double a, double b) {
        return b == 0 ? a - b : (a - b) / Math.abs(b);
    }
}
