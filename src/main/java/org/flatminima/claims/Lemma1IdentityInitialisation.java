package org.flatminima.claims;

import java.util.List;
import java.util.Locale;
import org.flatminima.claims.support.DoubleEigen;
import org.flatminima.claims.support.GradientDescent;
import org.flatminima.claims.support.PowerBracket;
import org.flatminima.claims.support.TopSingular;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.DoubleArithmetic;
import org.flatminima.numbers.Rational;

/**
 * Lemma 1: from W_j = I (square layers, Sigma_x = I), (i) gradient flow, approximated by gradient descent
 * with a quarter of (ii)'s step, and (ii) gradient descent with eta = 1/(2m max(1, s)) &lt;= (ii)'s bound
 * (s an exact upper bound of sigma_max(T)^(2(1-1/m))) converge to a flattest minimum; (ii) at a linear rate.
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
                item == Item.I ? List.of(Family.IDENTITY_INIT_GENERAL, Family.IDENTITY_INIT_PD) : List.of(Family.IDENTITY_INIT_PD));
        this.item = item;
        this.constantOffset = constantOffset;
    }

    public static Lemma1IdentityInitialisation wrongConstantControl() {
        return new Lemma1IdentityInitialisation(Item.II, 1);
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
        TopSingular top = TopSingular.of(t);
        PowerBracket s = PowerBracket.flattestSharpness(Rational.ONE, top, m);
        Rational eta = Rational.ONE.divide(Rational.of(2L * m).multiply(s.hi().max(Rational.ONE)));
        if (item == Item.I) {
            eta = eta.divide(Rational.of(4));
        }
        long start = System.nanoTime();
        DoubleArithmetic dbl = DoubleArithmetic.INSTANCE;
        GradientDescent.Run<Double> run = GradientDescent.run(net.convert(dbl, Rational::doubleValue), eta.doubleValue(),
                200000, 1e-28, null, null);
        List<Double> losses = run.losses();
        double finalLoss = losses.get(losses.size() - 1);
        LinearNetwork<Rational> limit = GradientDescent.exactImageOfDoubles(run.last(), net);
        Rational exactLoss = Loss.value(limit);
        if (exactLoss.compareTo(Rational.of(1, 1_000_000_000_000L).pow(2)) > 0) {
            return item == Item.I
                    ? Outcome.hypothesisNotMet("gradient descent (flow approximation) did not reach loss 1e-24 in " + run.steps() + " steps")
                    : Outcome.of(Verdict.UNDECIDED, "no convergence to loss <= 1e-24 within " + run.steps() + " steps");
        }
        // loss contraction per step over the first half of the run (before the double floor is reached)
        int half = run.steps() / 2;
        double rate = half < 1 || losses.get(0) <= 0 ? 0 : Math.pow(losses.get(half) / losses.get(0), 1.0 / half);
        Matrix<Rational> h = Loss.hessian(limit);
        Rational[] enc = TopSingular.enclose(h, DoubleEigen.approxMax(h));
        PowerBracket predicted = PowerBracket.flattestSharpness(Rational.of(2L * (m + constantOffset)), top, m);
        Rational scale = Rational.of(1, 1L << 40);
        Rational lossRoot = Rational.ofExactDouble(Math.sqrt(exactLoss.doubleValue()) * (1 + 1e-12));
        Rational tol = predicted.hi().multiply(Rational.of(100)).multiply(lossRoot.max(scale));
        Rational far = enc[1].subtract(predicted.lo()).abs().max(predicted.hi().subtract(enc[0]).abs());
        Rational near = enc[0].subtract(predicted.hi()).max(predicted.lo().subtract(enc[1])).max(Rational.ZERO);
        double millis = (System.nanoTime() - start) / 1e6;
        Outcome o;
        if (far.compareTo(tol) <= 0) {
            o = Outcome.of(Verdict.NUMERICAL, "GD in double precision, " + run.steps() + " steps to exact loss "
                    + String.format(Locale.ROOT, "%.2e", exactLoss.doubleValue()) + " at the final iterate; lambda_max at the final iterate (exact image, enclosed by inertia) "
                    + "matches " + (constantOffset == 0 ? "lambda*" : "2(m+1) sigma^(2(1-1/m))"));
        } else if (near.compareTo(tol.multiply(Rational.of(100))) > 0) {
            o = Outcome.of(Verdict.REFUTED, "numerical refutation: the enclosed lambda_max at the final iterate misses the prediction "
                    + "by more than 100 x the tolerance (GD in double precision)");
        } else {
            o = Outcome.of(Verdict.UNDECIDED, "the enclosed lambda_max at the final iterate neither matches the prediction within "
                    + "the tolerance nor misses it by 100 x the tolerance");
        }
        return o.withTolerance(tol.toBigDecimal(3, java.math.RoundingMode.UP), "100 lambda* max(sqrt(l(w^)), 2^-40): l(w^) is the "
                        + "exact loss at the final double iterate, whose distance to the limit scales with its square root")
                .withMargin(1 - far.doubleValue() / tol.doubleValue())
                .withDetail("eta", eta)
                .withDetail("steps", run.steps())
                .withDetail("loss_rate_per_step", String.format(Locale.ROOT, "%.6f", rate))
                .withDetail("linear_rate", rate < 1)
                .withDetail("gd_millis", String.format(Locale.ROOT, "%.0f", millis))
                .withDetail("predicted", predicted.describe());
    }
}
