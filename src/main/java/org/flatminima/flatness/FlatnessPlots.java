package org.flatminima.flatness;

import java.nio.file.Path;
import java.util.List;
import org.flatminima.plot.Plots;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The flatness curves of one or more minima as charts (PNG and SVG), with their Monte-Carlo errors. */
public final class FlatnessPlots {
    private FlatnessPlots() {}

    /** Writes {@code dir}/local-energy.{png,svg} and {@code dir}/local-entropy.{png,svg}. */
    public static void write(List<FlatnessMeasurement.Result> results, Path dir) {
        XYChart energy = Plots.xy("Local energy under multiplicative noise (error bars: 2 standard errors)",
                "sigma (relative)", "delta E(w, sigma)", List.of(), true, false);
        for (FlatnessMeasurement.Result r : results) {
            int n = r.energy().size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.energy().get(i).sigma();
                y[i] = r.energy().get(i).mean();
                e[i] = 2 * r.energy().get(i).standardError();
            }
            XYSeries s = energy.addSeries(r.label() + (r.lambdaMax() == null ? ""
                    : String.format(java.util.Locale.ROOT, " (lambda_max %.4g)", r.lambdaMax())), x, y, e);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        Plots.save(energy, dir.resolve("local-energy"));
        XYChart entropy = Plots.xy("Local entropy: log fraction of the sphere with loss <= threshold (bars cover the 95% Wilson interval)",
                "relative radius d", "log fraction", List.of(), true, false);
        for (FlatnessMeasurement.Result r : results) {
            List<LocalEntropy.Point> pts = r.entropy().stream().filter(p -> Double.isFinite(p.logFraction())).toList();
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            double[] e = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                x[i] = pts.get(i).distance();
                y[i] = pts.get(i).logFraction();
                double lo = Double.isFinite(pts.get(i).logLow()) ? pts.get(i).logLow() : y[i] - 10;
                e[i] = Math.max(y[i] - lo, pts.get(i).logHigh() - y[i]);
            }
            entropy.addSeries(r.label(), x, y, e).setMarker(SeriesMarkers.CIRCLE);
        }
        Plots.save(entropy, dir.resolve("local-entropy"));
    }
}
