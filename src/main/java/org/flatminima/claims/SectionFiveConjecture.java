package org.flatminima.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.simple.SimpleMatrix;
import org.flatminima.claims.support.DoubleEigen;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.DoubleArithmetic;
import org.flatminima.numbers.Rational;

/**
 * The conjecture at the end of Sec. 5: for any Sigma_x, min over Omega of lambda_max(H) equals
 * max over ||B||_F = 1 of nu(B) = 2m ||(B Sigma^(1/2) T^T)^(m-1) B Sigma^(1/2)||_2^(2/m). Explored in
 * double precision only: nu is maximised over the unit sphere (random restarts and local search), and
 * lambda_max is minimised over the global minima reachable from the instance by invertible gauges
 * W_k -&gt; G_k W_k G_(k-1)^(-1). The gap between the two searches is reported; NUMERICAL when it is
 * within the search tolerance 10^-3 (relative), UNDECIDED otherwise. Kept apart from the theorems.
 */
public final class SectionFiveConjecture extends BaseClaim {
    static final double TOLERANCE = 1e-3;

    public SectionFiveConjecture() {
        super("conjecture.section5", "Conjecture (Sec. 5): flattest sharpness for any Sigma_x",
                "min over Omega of lambda_max(H_w) = max over ||B||_F = 1 of nu(B), for any SPD Sigma_x",
                ClaimKind.CONJECTURE, "Sec. 5, after eq. (29)", List.of("A1", "w in Omega", "any SPD Sigma_x"),
                List.of(Family.SIGMA_NOT_IDENTITY));
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return new CheckSettings(requested.digits(), Math.min(2, requested.maxDim()), Math.min(3, requested.maxDepth()));
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        if (!in.meetsA1() || !in.isGlobalMinimum()) {
            return Outcome.hypothesisNotMet("needs A1 and a global minimum");
        }
        LinearNetwork<Rational> net = in.network();
        int m = in.depth();
        SplittableRandom rnd = new SplittableRandom(in.seed() ^ 0x5EC5L);
        SimpleMatrix t = new SimpleMatrix(net.target().toDoubleArray());
        SimpleMatrix sHalf = sqrtSpd(new SimpleMatrix(net.sigmaX().toDoubleArray()));
        double nuMax = maximiseNu(t, sHalf, m, rnd);
        LinearNetwork<Double> start = net.convert(DoubleArithmetic.INSTANCE, Rational::doubleValue);
        double lambdaMin = minimiseSharpness(start, rnd);
        double gap = (lambdaMin - nuMax) / lambdaMin;
        Verdict v = Math.abs(gap) <= TOLERANCE ? Verdict.NUMERICAL : Verdict.UNDECIDED;
        return Outcome.of(v, String.format(Locale.ROOT, "double-precision searches: max nu = %.8g, min lambda_max over gauges = %.8g",
                        nuMax, lambdaMin))
                .withTolerance(new java.math.BigDecimal("0.001"), "relative gap allowed between two local searches in double precision")
                .withMargin(-Math.abs(gap))
                .withDetail("relative_gap", gap)
                .withDetail("lower_bound_respected", lambdaMin >= nuMax * (1 - 1e-9));
    }

    static double nu(SimpleMatrix b, SimpleMatrix t, SimpleMatrix sHalf, int m) {
        SimpleMatrix bs = b.mult(sHalf);
        SimpleMatrix x = bs;
        SimpleMatrix step = bs.mult(t.transpose());
        for (int i = 1; i < m; i++) {
            x = step.mult(x);
        }
        double top = x.svd(true).getSingleValue(0);
        return 2 * m * Math.pow(top, 2.0 / m);
    }

    static double maximiseNu(SimpleMatrix t, SimpleMatrix sHalf, int m, SplittableRandom rnd) {
        int rows = t.getNumRows();
        int cols = t.getNumCols();
        double best = 0;
        for (int restart = 0; restart < 12; restart++) {
            SimpleMatrix b = new SimpleMatrix(rows, cols);
            for (int i = 0; i < rows * cols; i++) {
                b.set(i, rnd.nextGaussian());
            }
            b = b.divide(b.normF());
            double val = nu(b, t, sHalf, m);
            double step = 0.5;
            for (int it = 0; it < 400 && step > 1e-9; it++) {
                SimpleMatrix c = b.copy();
                for (int i = 0; i < rows * cols; i++) {
                    c.set(i, c.get(i) + step * rnd.nextGaussian());
                }
                c = c.divide(c.normF());
                double cv = nu(c, t, sHalf, m);
                if (cv > val) {
                    b = c;
                    val = cv;
                } else {
                    step *= 0.93;
                }
            }
            best = Math.max(best, val);
        }
        return best;
    }

    static double sharpness(LinearNetwork<Double> net) {
        return DoubleEigen.approxMax(Loss.hessian(net).toDoubleArray());
    }

    static double minimiseSharpness(LinearNetwork<Double> start, SplittableRandom rnd) {
        int m = start.depth();
        int[] d = start.dims();
        double best = sharpness(start);
        LinearNetwork<Double> cur = start;
        double step = 0.3;
        for (int it = 0; it < 600 && step > 1e-9; it++) {
            List<Matrix<Double>> g = new ArrayList<>();
            List<Matrix<Double>> gi = new ArrayList<>();
            for (int k = 0; k <= m; k++) {
                int n = d[k];
                if (k == 0 || k == m) {
                    g.add(Matrix.identity(DoubleArithmetic.INSTANCE, n));
                    gi.add(Matrix.identity(DoubleArithmetic.INSTANCE, n));
                    continue;
                }
                double s = step;
                Matrix<Double> gk = Matrix.build(DoubleArithmetic.INSTANCE, n, n, (i, j) -> (i == j ? 1.0 : 0.0) + s * rnd.nextGaussian());
                Matrix<Double> inv = org.flatminima.linalg.GaussJordan.inverse(gk);
                if (inv == null) {
                    gk = Matrix.identity(DoubleArithmetic.INSTANCE, n);
                    inv = gk;
                }
                g.add(gk);
                gi.add(inv);
            }
            List<Matrix<Double>> layers = new ArrayList<>();
            for (int k = 1; k <= m; k++) {
                layers.add(g.get(k).multiply(cur.layer(k)).multiply(gi.get(k - 1)));
            }
            LinearNetwork<Double> cand = new LinearNetwork<>(DoubleArithmetic.INSTANCE, layers, cur.sigmaX(), cur.target());
            double val = sharpness(cand);
            if (val < best) {
                best = val;
                cur = cand;
            } else {
                step *= 0.98;
            }
        }
        return best;
    }

    static SimpleMatrix sqrtSpd(SimpleMatrix s) {
        DoubleEigen.Decomposition e = DoubleEigen.approxSymmetric(s.toArray2());
        int n = s.getNumRows();
        SimpleMatrix v = new SimpleMatrix(e.vectors());
        SimpleMatrix dm = new SimpleMatrix(n, n);
        for (int i = 0; i < n; i++) {
            dm.set(i, i, Math.sqrt(Math.max(0, e.values()[i])));
        }
        return v.mult(dm).mult(v.transpose());
    }
}
