package org.flatminima.claims;

import java.util.List;
import java.util.Locale;
import org.apfloat.Apfloat;
import org.flatminima.claims.support.DoubleEigen;
import org.flatminima.claims.support.GradientDescent;
import org.flatminima.claims.support.PowerBracket;
import org.flatminima.claims.support.TopSingular;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.DigitsArithmetic;
import org.flatminima.numbers.Rational;

/**
 * Lemma 1: from W_j = I (square layers, Sigma_x = I), (i) gradient flow, approximated by gradient descent
 * with a quarter of (ii)'s step, and (ii) gradient descent with eta = 1/(2m max(1, s)) &lt;= (ii)'s bound
 * (s an exact upper bound of sigma_max(T)^(2(1-1/m))) converge to a flattest minimum; (ii) at a linear rate.
 *
 * <p>The run is carried at D digits until the loss is at most 10^-(D-4). The final iterate's exact image
 * w^ has an exact Hessian whose top eigenvalue is enclosed by inertia; the verdict compares that
 * enclosure with Theorem 1's lambda*: NUMERICAL when they agree within tol = 100 lambda* 10^-((D-4)/2)
 * (the distance to the limit scales with the square root of the final loss). The verdict is never
 * stronger than NUMERICAL because w^ is an approximation of the limit.
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
                item == Item.I ? List.of(Family.LEMMA1_GENERAL, Family.LEMMA1_PD) : List.of(Family.LEMMA1_PD));
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
        int digits = settings.digits();
        TopSingular top = TopSingular.of(t);
        PowerBracket s = PowerBracket.flattestSharpness(Rational.ONE, top, m);
        Rational eta = Rational.ONE.divide(Rational.of(2L * m).multiply(s.hi().max(Rational.ONE)));
        if (item == Item.I) {
            eta = eta.divide(Rational.of(4));
        }
        DigitsArithmetic ap = new DigitsArithmetic(digits);
        Apfloat stop = new Apfloat("1e-" + (digits - 4), digits);
        long start = System.nanoTime();
        GradientDescent.Run<Apfloat> run = GradientDescent.run(GradientDescent.atDigits(net, ap), ap.of(eta), 40000, stop, null, null);
        List<Double> losses = run.losses();
        double finalLoss = losses.get(losses.size() - 1);
        if (finalLoss > stop.doubleValue()) {
            return item == Item.I
                    ? Outcome.hypothesisNotMet("gradient descent (flow approximation) did not converge in " + run.steps() + " steps")
                    : Outcome.of(Verdict.UNDECIDED, "no convergence to loss <= 1e-" + (digits - 4) + " within " + run.steps() + " steps");
        }
        int half = run.steps() / 2;
        double rate = half == 0 ? 0 : Math.pow(finalLoss / losses.get(half), 1.0 / (run.steps() - half));
        LinearNetwork<Rational> limit = GradientDescent.exactImage(run.last(), net);
        Matrix<Rational> h = Loss.hessian(limit);
        Rational[] enc = TopSingular.enclose(h, DoubleEigen.approxMax(h));
        PowerBracket predicted = PowerBracket.flattestSharpness(Rational.of(2L * (m + constantOffset)), top, m);
        Rational tol = predicted.hi().multiply(Rational.of(100)).multiply(Rational.of(java.math.BigDecimal.ONE.movePointLeft((digits - 4) / 2)));
        Rational far = enc[1].subtract(predicted.lo()).abs().max(predicted.hi().subtract(enc[0]).abs());
        Rational near = enc[0].subtract(predicted.hi()).max(predicted.lo().subtract(enc[1])).max(Rational.ZERO);
        double millis = (System.nanoTime() - start) / 1e6;
        Outcome o;
        if (far.compareTo(tol) <= 0) {
            o = Outcome.of(Verdict.NUMERICAL, "GD at " + digits + " digits, " + run.steps() + " steps to loss "
                    + String.format(Locale.ROOT, "%.2e", finalLoss) + "; lambda_max at the final iterate (exact image, enclosed by inertia) "
                    + "matches " + (constantOffset == 0 ? "lambda*" : "2(m+1) sigma^(2(1-1/m))"));
        } else if (near.compareTo(tol.multiply(Rational.of(100))) > 0) {
            o = Outcome.of(Verdict.REFUTED, "numerical refutation: the enclosed lambda_max at the final iterate misses the prediction "
                    + "by more than 100 x the tolerance (GD at " + digits + " digits)");
        } else {
            o = Outcome.of(Verdict.UNDECIDED, "the enclosed lambda_max at the final iterate neither matches the prediction within "
                    + "the tolerance nor misses it by 100 x the tolerance");
        }
        return o.withTolerance(tol.toBigDecimal(3) + " = 100 lambda* 10^-((D-4)/2), D = " + digits)
                .withMargin(Decisions.relative(enc[0].doubleValue(), predicted.lo().doubleValue()))
                .withDetail("eta", eta)
                .withDetail("steps", run.steps())
                .withDetail("loss_rate_per_step", String.format(Locale.ROOT, "%.6f", rate))
                .withDetail("linear_rate", rate < 1)
                .withDetail("gd_millis", String.format(Locale.ROOT, "%.0f", millis))
                .withDetail("predicted", predicted.describe());
    }
}
