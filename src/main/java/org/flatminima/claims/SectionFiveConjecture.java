package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.simple.SimpleMatrix;
import org.flatminima.linalg.DoubleEigen;
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
                List.of(InstanceSource.SIGMA_X_NOT_IDENTITY));
    }

    @Override
    public CheckSettings limits(CheckSettings requested) {
        return new CheckSettings(requested.digits(), Math.min(3, requested.maxDim()), Math.min(4, requested.maxDepth()));
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
        // the part Sec. 5 proves: lambda_max(H_w) >= nu(B) at this exact minimum, exact or certified
        Outcome bound = SectionFiveLowerBound.decideAt(in, settings, SectionFiveLowerBound.candidates(in, settings), 2);
        if (bound.verdict() == Verdict.REFUTED) {
            return Outcome.of(Verdict.REFUTED, "the proved inequality fails: " + bound.method())
                    .withMargin(bound.margin()).withDetail("inequality", bound.verdict());
        }
        LinearNetwork<Double> start = net.convert(DoubleArithmetic.INSTANCE, Rational::doubleValue);
        double lambdaMin = minimiseSharpness(start, rnd);
        double gap = (lambdaMin - nuMax) / lambdaMin;
        boolean respected = lambdaMin >= nuMax * (1 - 1e-9);
        String searches = String.format(Locale.ROOT, "double-precision searches: max nu = %.8g (12 restarts), min lambda_max "
                + "over Omega = %.8g (gauges W_k -> G_k W_k G_(k-1)^-1 and moves of W_1, W_m along the null spaces that "
                + "keep P = T)", nuMax, lambdaMin);
        Verdict v;
        String why;
        if (bound.verdict() == Verdict.UNDECIDED) {
            v = Verdict.UNDECIDED;
            why = "inequality undecided (" + bound.method() + "); ";
        } else if (!respected) {
            v = Verdict.UNDECIDED;
            why = "inequality " + bound.verdict() + " at the instance, but the double search reached a point below max nu "
                    + "(a search or rounding artefact, or a counterexample to investigate); ";
        } else {
            v = Math.abs(gap) <= TOLERANCE ? Verdict.NUMERICAL : Verdict.UNDECIDED;
            why = "inequality " + bound.verdict() + " at the instance (" + bound.method() + "); equality "
                    + (v == Verdict.NUMERICAL ? "holds within the search tolerance" : "not reached by the searches") + "; ";
        }
        return Outcome.of(v, why + searches)
                .withTolerance(new java.math.BigDecimal("0.001"), "relative gap allowed between two local searches in double precision")
                .withMargin(-Math.abs(gap))
                .withDetail("relative_gap", gap)
                .withDetail("inequality", bound.verdict())
                .withDetail("lower_bound_respected", respected);
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
        return nu(maximiser(t, sHalf, m, rnd), t, sHalf, m);
    }

    /** The unit-Frobenius B with the largest nu found by 12 random restarts of a local search (double precision). */
    static SimpleMatrix maximiser(SimpleMatrix t, SimpleMatrix sHalf, int m, SplittableRandom rnd) {
        int rows = t.getNumRows();
        int cols = t.getNumCols();
        double best = -1;
        SimpleMatrix bestB = null;
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
            if (val > best) {
                best = val;
                bestB = b;
            }
        }
        return bestB;
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
            if (m >= 2 && it % 2 == 1) {
                layers = nullSpaceMove(layers, step, rnd);
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

    /**
     * A move within Omega that no gauge makes: W_1 += (I - A^+ A) R with A = W_m...W_2 and W_m += R' (I - B B^+)
     * with B = W_(m-1)...W_1, R, R' Gaussian of scale {@code step}; the product is unchanged (up to rounding).
     * Non-trivial when a hidden width exceeds the rank of the rest of the chain.
     */
    static List<Matrix<Double>> nullSpaceMove(List<Matrix<Double>> layers, double step, SplittableRandom rnd) {
        int m = layers.size();
        List<SimpleMatrix> w = new ArrayList<>();
        for (Matrix<Double> l : layers) {
            w.add(new SimpleMatrix(l.toDoubleArray()));
        }
        SimpleMatrix a = w.get(m - 1);
        for (int k = m - 2; k >= 1; k--) {
            a = a.mult(w.get(k));
        }
        SimpleMatrix pa = SimpleMatrix.identity(a.getNumCols()).minus(a.pseudoInverse().mult(a));
        w.set(0, w.get(0).plus(pa.mult(gaussian(w.get(0).getNumRows(), w.get(0).getNumCols(), step, rnd))));
        SimpleMatrix b = w.get(0);
        for (int k = 1; k < m - 1; k++) {
            b = w.get(k).mult(b);
        }
        SimpleMatrix pb = SimpleMatrix.identity(b.getNumRows()).minus(b.mult(b.pseudoInverse()));
        w.set(m - 1, w.get(m - 1).plus(gaussian(w.get(m - 1).getNumRows(), w.get(m - 1).getNumCols(), step, rnd).mult(pb)));
        List<Matrix<Double>> out = new ArrayList<>();
        for (SimpleMatrix x : w) {
            double[][] arr = x.toArray2();
            Double[][] boxed = new Double[arr.length][];
            for (int i = 0; i < arr.length; i++) {
                boxed[i] = java.util.Arrays.stream(arr[i]).boxed().toArray(Double[]::new);
            }
            out.add(Matrix.of(DoubleArithmetic.INSTANCE, boxed));
        }
        return out;
    }

    private static SimpleMatrix gaussian(int rows, int cols, double scale, SplittableRandom rnd) {
        SimpleMatrix r = new SimpleMatrix(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            r.set(i, scale * rnd.nextGaussian());
        }
        return r;
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
