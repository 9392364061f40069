package org.flatminima.regression;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.plot.Plots;
import org.knowm.xchart.XYChart;

/**
 * Marion and Chizat's step-size x depth sweep at small scale: gradient descent from small-scale and from
 * residual initialisation for every (depth, step) pair, the sharpness of each solution against 2/eta, the
 * lower bound and the authors' constant, and a chart of it.
 */
public final class RegressionSweep {
    private RegressionSweep() {}

    /**
     * @param inits "small" and/or "residual"
     * @param initScale scale of the initialisation (small: entry std scale/sqrt(d); residual: see
     *     {@link DeepRegressionNetwork#residual})
     * @param tolerance GD stops once the excess loss is at most this
     */
    public record Settings(int dimension, int samples, double kappa, int[] depths, double[] etas, List<String> inits,
            double initScale, int maxSteps, double tolerance, long seed) {}

    /** Hears about each finished run. */
    public interface Listener {
        void finished(GradientDescentRun run, int done, int total);
    }

    /** Runs every (init, depth, eta) of {@code s} on {@code data}. */
    public static List<GradientDescentRun> run(RegressionData data, Settings s, Listener listener) {
        List<GradientDescentRun> out = new ArrayList<>();
        int total = s.inits().size() * s.depths().length * s.etas().length;
        for (String init : s.inits()) {
            for (int depth : s.depths()) {
                for (double eta : s.etas()) {
                    long seed = s.seed() * 1_000_003L + depth;
                    DeepRegressionNetwork start = init.equals("residual")
                            ? DeepRegressionNetwork.residual(data.dimension(), depth, s.initScale(), seed)
                            : DeepRegressionNetwork.smallScale(data.dimension(), depth, s.initScale(), seed);
                    GradientDescentRun r = GradientDescentRun.run(init, data, start, eta, s.maxSteps(), s.tolerance(), 1e8);
                    out.add(r);
                    if (listener != null) {
                        listener.finished(r, out.size(), total);
                    }
                }
            }
        }
        return out;
    }

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(255, 127, 14)};

    /** Writes {@code base}.png/.svg: sharpness of the solution against eta per depth, 2/eta, bounds, divergence. */
    public static void plot(List<GradientDescentRun> runs, String init, int[] depths, double[] etas, Path base) {
        List<Plots.Series> series = new ArrayList<>();
        double[] twoOverEta = new double[etas.length];
        for (int i = 0; i < etas.length; i++) {
            twoOverEta[i] = 2 / etas[i];
        }
        series.add(new Plots.Series("2 / eta", etas, twoOverEta, Plots.Look.DASHED, Color.BLACK));
        for (int k = 0; k < depths.length; k++) {
            int depth = depths[k];
            Color c = COLORS[k % COLORS.length];
            List<GradientDescentRun> mine = runs.stream().filter(r -> r.init().equals(init) && r.depth() == depth).toList();
            double[] x = mine.stream().filter(GradientDescentRun::converged).mapToDouble(GradientDescentRun::eta).toArray();
            double[] y = mine.stream().filter(GradientDescentRun::converged).mapToDouble(GradientDescentRun::sharpness).toArray();
            series.add(new Plots.Series("L = " + depth + ": sharpness of the GD solution", x, y, Plots.Look.LINE_AND_MARKERS, c));
            double[] dx = mine.stream().filter(r -> r.status().equals("diverged")).mapToDouble(GradientDescentRun::eta).toArray();
            double[] dy = new double[dx.length];
            for (int i = 0; i < dx.length; i++) {
                dy[i] = 2 / dx[i];
            }
            series.add(new Plots.Series("L = " + depth + ": diverged (drawn on 2/eta)", dx, dy, Plots.Look.OPEN_MARKERS, c,
                    dx.length > 0));
            double b = mine.isEmpty() ? Double.NaN : mine.get(0).lowerBound();
            series.add(new Plots.Series("L = " + depth + ": lower bound 2La||w*||^(2-2/L)",
                    new double[] {etas[0], etas[etas.length - 1]}, new double[] {b, b}, Plots.Look.FAINT_LINE, c));
        }
        XYChart chart = Plots.xy("GD on deep linear regression from " + init + " initialisation",
                "step size eta", "sharpness lambda_max(H)", series, true, true);
        Plots.save(chart, base);
    }
}
