package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.List;
import java.util.Locale;
import org.flatminima.linalg.DoubleEigen;
import org.flatminima.exact.PowerBracket;
import org.flatminima.exact.TopSingular;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.DoubleArithmetic;
import org.flatminima.numbers.Rational;

/**
 * Lemma 1: from W_j = I (square layers, Sigma_x = I), (i) gradient flow, approximated by gradient descent
 * at (ii)'s step halved three times (the excess of the limit's sharpness over lambda* must vanish with the
 * step: shrink by at least 1.8 per halving and extrapolate to below its last value), and (ii) gradient descent with eta = 1/(2m max(1, s)) &lt;= (ii)'s bound
 * (s an exact upper bound of sigma_max(T)^(2(1-1/m))) converge to a flattest minimum; (ii) at a linear rate,
 * decided by the criterion of {@link Rate} (a failure is a numerical refutation, labelled as such).
 *
 * <p>The run is carried in double precision (D-digit Apfloat loses digits to cancellation near a
 * minimum and is too slow for thousands of steps) until the loss stops decreasing below 10^-28. The
 * final iterate's exact image w^ then has an exact loss l(w^) and an exact Hessian whose top eigenvalue
 * is enclosed by inertia; the verdict compares that enclosure with Theorem 1's lambda*: NUMERICAL when
 * they agree within tol = 100 lambda* max(sqrt(l(w^)), 2^-40), where l(w^) is exact and 2^-40 stands for
 * the double precision of the iterate (the distance to the limit scales with the square root of the
 * final loss). The verdict is never stronger than NUMERICAL because w^ only approximates the limit.
 */
public final class Lemma1IdentityInitialisation extends BaseClaim {
    /** Which item. */
    public enum Item { I, II }

    private final Item item;
    private final int constantOffset;

    public Lemma1IdentityInitialisation(Item item) {
        this(item, 0);
    }

    private Lemma1IdentityInitialisation(Item item, int constantOffset) {
        super(constantOffset != 0 ? "control.lemma1.wrong-constant" : "lemma1." + item.name().toLowerCase(Locale.ROOT),
                constantOffset != 0 ? "Control: Lemma 1(ii)'s limit against 2(m+1) sigma^(2(1-1/m))"
                        : item == Item.I ? "Lemma 1(i): gradient flow from identity reaches a flattest minimum"
                        : "Lemma 1(ii): gradient descent from identity converges linearly to a flattest minimum",
                constantOffset != 0 ? "FALSE: GD from identity converges to a minimum with lambda_max = 2(m+1) sigma^(2(1-1/m))"
                        : item == Item.I ? "Sigma_x = I, W_j(0) = I => gradient flow can only converge to a flattest minimum"
                        : "T PD, eta <= (1/2m) min{1, sigma_max(T)^(-2(1-1/m))} => GD converges to a flattest minimum at a linear rate",
                constantOffset != 0 ? ClaimKind.CONTROL : ClaimKind.LEMMA, "Sec. 2, Lemma 1; App. II",
                item == Item.I ? List.of("A2", "d_x = d_y, square layers", "W_j(0) = I")
                        : List.of("A2", "d_x = d_y, square layers", "W_j(0) = I", "T positive definite"),
                item == Item.I ? List.of(InstanceSource.IDENTITY_INIT_GENERAL, InstanceSource.IDENTITY_INIT_PD) : List.of(InstanceSource.IDENTITY_INIT_PD));
        this.item = item;
        this.constantOffset = constantOffset;
    }

    public static Lemma1IdentityInitialisation wrongConstantControl() {
        return new Lemma1IdentityInitialisation(Item.II, 1);
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return requested.forFullHessian();
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        LinearNetwork<Rational> net = in.network();
        if (!in.allSquareSameSize() || !in.meetsA2()) {
            return Outcome.hypothesisNotMet("needs square layers of one size and Sigma_x = I");
        }
        for (Matrix<Rational> w : net.layers()) {
            if (!w.equals(Matrix.identity(w.arithmetic(), w.rows()))) {
                return Outcome.hypothesisNotMet("the layers are not initialised at the identity");
            }
        }
        Matrix<Rational> t = net.target();
        if (item == Item.II && (!t.isSymmetric() || org.flatminima.linalg.GaussJordan.firstNonPositivePivot(t) >= 0)) {
            return Outcome.hypothesisNotMet("T is not symmetric positive definite");
        }
        int m = in.depth();
        TopSingular top = TopSingular.of(t, settings.digits());
        PowerBracket s = PowerBracket.flattestSharpness(Rational.ONE, top, m, settings.digits());
        Rational eta = Rational.ONE.divide(Rational.of(2L * m).multiply(s.hi().max(Rational.ONE)));
        PowerBracket predicted = PowerBracket.flattestSharpness(Rational.of(2L * (m + constantOffset)), top, m, settings.digits());
        long start = System.nanoTime();
        int halvings = item == Item.I ? 4 : 1;
        List<Limit> limits = new java.util.ArrayList<>();
        for (int k = 0; k < halvings; k++) {
            Limit l = limit(net, eta.divide(Rational.of(1L << k)), predicted);
            if (l == null) {
                return item == Item.I
                        ? Outcome.hypothesisNotMet("gradient descent (flow approximation) did not reach loss 1e-24")
                        : Outcome.of(Verdict.UNDECIDED, "no convergence to loss <= 1e-24 within 200000 steps");
            }
            limits.add(l);
            if (l.far.compareTo(l.tol) <= 0) {
                break; // the limit already matches: no need for smaller steps
            }
        }
        Limit first = limits.get(0);
        Limit last = limits.get(limits.size() - 1);
        double millis = (System.nanoTime() - start) / 1e6;
        String target = constantOffset == 0 ? "lambda*" : "2(m+1) sigma^(2(1-1/m))";
        Outcome o;
        Rate rate = first.linear;
        if (item == Item.II && constantOffset == 0 && !rate.linear()) {
            o = Outcome.of(Verdict.REFUTED, String.format(Locale.ROOT, "NUMERICAL REFUTATION (double precision): GD does not "
                    + "converge at a linear rate by the stated criterion (last-quarter contraction %.6f per step, last-quarter "
                    + "log-loss slope %.3f of the second quarter's, %.3f required)", rate.lastQuarterRho(), rate.slopeRatio(), LINEAR_SLOPE_RATIO))
                    .withDetail("evidence", "numerical");
        } else if (last.far.compareTo(last.tol) <= 0) {
            o = Outcome.of(Verdict.NUMERICAL, "GD in double precision, " + last.steps + " steps to exact loss "
                    + String.format(Locale.ROOT, "%.2e", last.exactLoss.doubleValue()) + "; lambda_max at the final iterate "
                    + "(exact image, enclosed by inertia) matches " + target)
                    .withTolerance(last.tol.toBigDecimal(3, java.math.RoundingMode.UP), "100 lambda* max(sqrt(l(w^)), 2^-40): l(w^) is "
                            + "the exact loss at the final double iterate, whose distance to the limit scales with its square root")
                    .withMargin(1 - last.far.doubleValue() / last.tol.doubleValue());
        } else if (item == Item.I && vanishesWithStep(limits)) {
            double e = last.excess;
            o = Outcome.of(Verdict.NUMERICAL, String.format(Locale.ROOT, "gradient flow by GD at steps eta/2^k, k < %d: the excess of "
                    + "lambda_max over %s shrinks by %.2f, %.2f, %.2f per halving and extrapolates (Aitken) to %.2e", halvings, target,
                    limits.get(0).excess / limits.get(1).excess, limits.get(1).excess / limits.get(2).excess,
                    limits.get(2).excess / limits.get(3).excess, aitken(limits)))
                    .withTolerance(new java.math.BigDecimal(e).round(new java.math.MathContext(3, java.math.RoundingMode.UP)),
                            "relative excess at the smallest step: the flow limit is extrapolated, not computed")
                    .withMargin(1 - Math.abs(aitken(limits)) / e);
        } else if (last.near.compareTo(last.tol.multiply(Rational.of(100))) > 0 && !vanishesWithStep(limits)) {
            o = Outcome.of(Verdict.REFUTED, "NUMERICAL REFUTATION (double precision): the enclosed lambda_max at the final iterate misses " + target
                    + " by more than 100 x the tolerance, and the miss does not shrink with the step (GD in double precision)")
                    .withTolerance(last.tol.toBigDecimal(3, java.math.RoundingMode.UP), "100 lambda* max(sqrt(l(w^)), 2^-40)")
                    .withMargin(-last.far.doubleValue() / last.tol.doubleValue())
                    .withDetail("evidence", "numerical");
        } else {
            o = Outcome.of(Verdict.UNDECIDED, "the enclosed lambda_max at the final iterate neither matches " + target
                    + " within the tolerance nor misses it by 100 x the tolerance");
        }
        if (item == Item.II && o.verdict() == Verdict.NUMERICAL) {
            o = new Outcome(o.verdict(), o.method() + "; linear rate by the stated criterion", o.margin(), o.tolerance(), o.details());
        }
        return o.withDetail("eta", eta)
                .withDetail("steps", first.steps)
                .withDetail("loss_rate_per_step", String.format(Locale.ROOT, "%.6f", first.rate))
                .withDetail("linear_rate", rate.linear())
                .withDetail("linear_rate_criterion", String.format(Locale.ROOT, "last-quarter rho %.6f < 1 and slope ratio (last/second quarter) %.3f >= %.3f "
                        + "over %d steps to 1e-24 l_0", rate.lastQuarterRho(), rate.slopeRatio(), LINEAR_SLOPE_RATIO, rate.steps()))
                .withDetail("gd_millis", String.format(Locale.ROOT, "%.0f", millis))
                .withDetail("predicted", predicted.describe());
    }

    /** The limit of one GD run, its exact loss and the certified enclosure of lambda_max there. */
    private record Limit(int steps, double rate, Rational exactLoss, Rational far, Rational near, Rational tol, double excess,
            Rate linear) {}

    /** The ratio of the last quarter's log-loss slope to the second quarter's below which the rate is not linear. */
    static final double LINEAR_SLOPE_RATIO = 0.6;

    /**
     * The linear-rate criterion of (ii), on the double losses l_0..l_n of a run up to the first step n with
     * l_n &lt;= 10^-24 l_0 (before the double floor): the rate is linear when the loss contracts in the last
     * quarter (rho = (l_n / l_(3n/4))^(4/n) &lt; 1) and the last quarter's log-loss slope is at least
     * {@link #LINEAR_SLOPE_RATIO} of the second quarter's. A geometric decay keeps a constant slope (ratio 1);
     * a power law l_t ~ t^-p, however steep, has ratio ln(4/3)/ln(2) = 0.415 at every n.
     */
    record Rate(boolean linear, double lastQuarterRho, double slopeRatio, int steps) {
        static Rate of(List<Double> losses) {
            double l0 = losses.get(0);
            if (!(l0 > 0)) {
                return new Rate(true, 0, 1, 0); // the start is already a global minimum: nothing to converge
            }
            int n = losses.size() - 1;
            for (int i = 1; i < losses.size(); i++) {
                if (losses.get(i) <= l0 * 1e-24) {
                    n = i;
                    break;
                }
            }
            if (n < 4 || !(losses.get(n) > 0)) {
                return new Rate(n >= 1 && losses.get(n) < l0, 0, 1, n);
            }
            int q = n - n / 4;
            int a = n / 4;
            int b = n / 2;
            double lastSlope = Math.log(losses.get(q) / losses.get(n)) / (n - q);
            double secondSlope = Math.log(losses.get(a) / losses.get(b)) / (b - a);
            double rho = Math.exp(-lastSlope);
            double ratio = secondSlope > 0 ? lastSlope / secondSlope : lastSlope > 0 ? 1 : 0;
            return new Rate(rho < 1 && ratio >= LINEAR_SLOPE_RATIO, rho, ratio, n);
        }
    }

    private static Limit limit(LinearNetwork<Rational> net, Rational eta, PowerBracket predicted) {
        GradientDescent.Run<Double> run = GradientDescent.run(net.convert(DoubleArithmetic.INSTANCE, Rational::doubleValue),
                eta.doubleValue(), 200000, 1e-28, null, null);
        List<Double> losses = run.losses();
        LinearNetwork<Rational> limit = GradientDescent.exactImageOfDoubles(run.last(), net);
        Rational exactLoss = Loss.value(limit);
        if (exactLoss.compareTo(Rational.of(1, 1_000_000_000_000L).pow(2)) > 0) {
            return null;
        }
        // loss contraction per step over the first half of the run (before the double floor is reached)
        int half = run.steps() / 2;
        double rate = half < 1 || losses.get(0) <= 0 ? 0 : Math.pow(losses.get(half) / losses.get(0), 1.0 / half);
        Matrix<Rational> h = Loss.hessian(limit);
        Rational[] enc = TopSingular.enclose(h, DoubleEigen.approxMax(h));
        Rational lossRoot = Rational.ofExactDouble(Math.sqrt(exactLoss.doubleValue()) * (1 + 1e-12));
        Rational tol = predicted.hi().multiply(Rational.of(100)).multiply(lossRoot.max(Rational.of(1, 1L << 40)));
        Rational far = enc[1].subtract(predicted.lo()).abs().max(predicted.hi().subtract(enc[0]).abs());
        Rational near = enc[0].subtract(predicted.hi()).max(predicted.lo().subtract(enc[1])).max(Rational.ZERO);
        double excess = (enc[0].doubleValue() - predicted.lo().doubleValue()) / predicted.lo().doubleValue();
        return new Limit(run.steps(), rate, exactLoss, far, near, tol, excess, Rate.of(losses));
    }

    /** Excesses positive and shrinking by at least 1.8 per halving of the step, extrapolating to below the last one. */
    private static boolean vanishesWithStep(List<Limit> ls) {
        if (ls.size() < 4) {
            return false;
        }
        for (int k = 0; k + 1 < ls.size(); k++) {
            if (!(ls.get(k + 1).excess > 0) || ls.get(k).excess / ls.get(k + 1).excess < 1.8) {
                return false;
            }
        }
        return Math.abs(aitken(ls)) <= ls.get(ls.size() - 1).excess;
    }

    /** Aitken's delta-squared limit of the last three excesses. */
    private static double aitken(List<Limit> ls) {
        int n = ls.size();
        double a = ls.get(n - 3).excess;
        double b = ls.get(n - 2).excess;
        double c = ls.get(n - 1).excess;
        double den = c - 2 * b + a;
        return den == 0 ? c : c - (c - b) * (c - b) / den;
    }
}
