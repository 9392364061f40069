package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flatminima.linalg.DoubleEigen;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.exact.TopSingular;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.DoubleArithmetic;
import org.flatminima.numbers.Rational;

/**
 * The stability fact of App. I: gradient descent with step eta, started at distance rho = 10^-8 from a
 * minimum w* along its top Hessian eigenvector, leaves (distance above 10^3 rho within 100 steps) when
 * eta lambda_max &gt; 2 and stays (distance at most 10 rho for 100 steps) when eta lambda_max &lt; 2. The
 * two steps are rationals near 2.4/lambda and 1.6/lambda whose side of 2/lambda_max is decided exactly
 * (inertia of H - (2/eta) I); the runs are in double precision (rho = 10^-8 is resolved to 8 digits), so
 * the verdict is NUMERICAL. The control claims
 * that the minimum is kept at the unstable step.
 */
public final class StabilityFact extends BaseClaim {
    private final boolean control;

    public StabilityFact() {
        this(false);
    }

    private StabilityFact(boolean control) {
        super(control ? "control.stability.kept-when-unstable" : "stability",
                control ? "Control: GD keeps a minimum with lambda_max > 2/eta" : "App. I: GD is stable at a minimum only if lambda_max <= 2/eta",
                control ? "FALSE: GD started near w* with eta lambda_max > 2 stays near w*"
                        : "GD near w* leaves it when eta lambda_max > 2 and stays when eta lambda_max < 2",
                control ? ClaimKind.CONTROL : ClaimKind.FACT, "Sec. 2; App. I",
                List.of("w* a global minimum", "start at distance 1e-8 along the top eigenvector"),
                List.of(InstanceSource.FLATTEST_GAUGED, InstanceSource.NON_FLATTEST));
        this.control = control;
    }

    public static StabilityFact keptControl() {
        return new StabilityFact(true);
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return new CheckSettings(requested.digits(), Math.min(3, requested.maxDim()), Math.min(3, requested.maxDepth()));
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        if (!in.isGlobalMinimum()) {
            return Outcome.hypothesisNotMet("not a global minimum");
        }
        LinearNetwork<Rational> net = in.network();
        Matrix<Rational> h = Loss.hessian(net);
        DoubleEigen.Decomposition eig = DoubleEigen.approxSymmetric(h.toDoubleArray());
        double lambda = eig.values()[0];
        Rational[] enc = TopSingular.enclose(h, lambda);
        Rational etaUnstable = ExactAlgebra.simplestBetween(Rational.ofExactDouble(2.39 / lambda), Rational.ofExactDouble(2.41 / lambda));
        Rational etaStable = ExactAlgebra.simplestBetween(Rational.ofExactDouble(1.59 / lambda), Rational.ofExactDouble(1.61 / lambda));
        // exact sides of 2/lambda_max: eta_u * lambda_max > 2 and eta_s * lambda_max < 2
        boolean unstableSide = ExactAlgebra.countAbove(h, Rational.TWO.divide(etaUnstable)) >= 1;
        boolean stableSide = ExactAlgebra.countAbove(h, Rational.TWO.divide(etaStable)) == 0;
        if (!unstableSide || !stableSide) {
            return Outcome.of(Verdict.UNDECIDED, "could not place the steps on both sides of 2/lambda_max exactly");
        }
        DoubleArithmetic dbl = DoubleArithmetic.INSTANCE;
        LinearNetwork<Double> star = net.convert(dbl, Rational::doubleValue);
        double rho = 1e-8;
        double[] e = new double[h.rows()];
        double norm = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] = eig.vectors()[i][0];
            norm += e[i] * e[i];
        }
        Double[] w = star.parameters();
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] + rho * e[i] / Math.sqrt(norm);
        }
        LinearNetwork<Double> start = star.withParameters(w);
        double escape = 1000 * rho;
        int steps = 100;
        GradientDescent.Run<Double> unstable = GradientDescent.run(start, etaUnstable.doubleValue(), steps, null, star, escape * escape);
        GradientDescent.Run<Double> stable = GradientDescent.run(start, etaStable.doubleValue(), steps, null, star, escape * escape);
        double rho2 = 1e-16;
        boolean left = unstable.distances().get(unstable.distances().size() - 1) > 1e6 * rho2;
        double maxStable = 0;
        for (double d : stable.distances()) {
            maxStable = Math.max(maxStable, d);
        }
        boolean stayed = maxStable <= 100 * rho2;
        String obs = String.format(Locale.ROOT, "at eta*lambda = %.3f GD %s after %d steps; at eta*lambda = %.3f the distance stayed <= %.2g rho",
                etaUnstable.doubleValue() * lambda, left ? "left the 1e3 rho ball" : "did not leave", unstable.steps(),
                etaStable.doubleValue() * lambda, Math.sqrt(maxStable / rho2));
        Outcome o;
        if (control) {
            o = left ? Outcome.of(Verdict.REFUTED, "numerical refutation: " + obs)
                    : Outcome.of(Verdict.UNDECIDED, "the unstable run did not leave: " + obs);
        } else {
            o = left && stayed ? Outcome.of(Verdict.NUMERICAL, "GD in double precision: " + obs)
                    : Outcome.of(Verdict.UNDECIDED, "observations do not match: " + obs);
        }
        return o.withTolerance(new java.math.BigDecimal("1e-8"), "rho: escape = distance > 1e3 rho within 100 steps; "
                        + "stay = distance <= 10 rho for 100 steps; rho = 1e-8 is 10^8 times the double precision")
                .withMargin(Math.min(etaUnstable.doubleValue() * lambda - 2, 2 - etaStable.doubleValue() * lambda) / 2)
                .withDetail("lambda_max_enclosure", "[" + enc[0].toBigDecimal(12) + ", " + enc[1].toBigDecimal(12) + "]")
                .withDetail("eta_unstable", etaUnstable).withDetail("eta_stable", etaStable);
    }
}
