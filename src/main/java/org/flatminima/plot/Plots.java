package org.flatminima.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.SafeFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The experiments' charts (XChart), each written as PNG and SVG, atomically. */
public final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private Plots() {}

    /** How a series is drawn. */
    public enum Look { LINE, DASHED, MARKERS, LINE_AND_MARKERS, OPEN_MARKERS, FAINT_LINE }

    /** One series of an XY chart; {@code color} may be null for the theme's colour. */
    public record Series(String name, double[] x, double[] y, Look look, Color color, boolean inLegend) {
        public Series(String name, double[] x, double[] y, Look look, Color color) {
            this(name, x, y, look, color, true);
        }
    }

    /** An XY chart with axis labels and a legend; log axes when asked. */
    public static XYChart xy(String title, String xLabel, String yLabel, List<Series> series, boolean logX,
            boolean logY) {
        headless();
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setMarkerSize(8);
        c.getStyler().setXAxisDecimalPattern("0.###");
        if (!logY) {
            c.getStyler().setYAxisDecimalPattern("0.####");
        }
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]) && (!logY || s.y()[i] > 0)
                        && (!logX || s.x()[i] > 0)) {
                    xs.add(s.x()[i]);
                    ys.add(s.y()[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries x = c.addSeries(s.name(), xs, ys);
            x.setShowInLegend(s.inLegend());
            if (s.color() != null) {
                x.setLineColor(s.color());
                x.setMarkerColor(s.color());
            }
            switch (s.look()) {
                case LINE -> x.setMarker(SeriesMarkers.NONE);
                case FAINT_LINE -> {
                    x.setMarker(SeriesMarkers.NONE);
                    x.setLineWidth(1f);
                }
                case DASHED -> {
                    x.setMarker(SeriesMarkers.NONE);
                    x.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                            new float[] {8f, 6f}, 0f));
                }
                case MARKERS -> {
                    x.setMarker(SeriesMarkers.CIRCLE);
                    x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                }
                case OPEN_MARKERS -> {
                    x.setMarker(SeriesMarkers.DIAMOND);
                    x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                }
                case LINE_AND_MARKERS -> x.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return c;
    }

    /**
     * A heat map with one tile per (x category, y category) that has a value; tiles without a value
     * stay blank.
     *
     * @param tiles entries {x index, y index, value}
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, List<String> xCats,
            List<String> yCats, List<Number[]> tiles, double min, double max) {
        headless();
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setRangeColors(new Color[] {new Color(49, 54, 149), new Color(116, 173, 209),
            new Color(255, 255, 191), new Color(244, 109, 67), new Color(165, 0, 38)});
        c.getStyler().setShowValue(true);
        c.getStyler().setHeatMapValueDecimalPattern("0.00");
        c.getStyler().setDecimalPattern("0.00");
        c.getStyler().setMin(min);
        c.getStyler().setMax(max);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.addSeries("log10 sharpness", xCats, yCats, tiles);
        return c;
    }

    /** Writes {@code chart} to {@code base}.png and {@code base}.svg (atomically, replacing them). */
    public static void save(Chart<?, ?> chart, Path base) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            SafeFiles.writeBytes(base.resolveSibling(base.getFileName() + ".png"), png);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            SafeFiles.writeBytes(base.resolveSibling(base.getFileName() + ".svg"), svg.toByteArray());
        } catch (IOException e) {
            throw new UserError(Problem.FILE_WRITE_FAILED, base, e.getMessage());
        }
    }

    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
