package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.UnsignedSeed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flatminima.results.Verdict;

/**
 * Inline SVG plots for the HTML report, drawn here without a plotting library so the page stays one
 * self-contained file: margins per claim on a log scale, and Theorem 1's sharpness against depth.
 */
final class SvgCharts {
    /** Most points drawn per claim row; beyond that the row shows a deterministic subsample. */
    static final int MAX_POINTS_PER_ROW = 1500;

    private SvgCharts() {}

    /** The fill colour of a verdict's marker. */
    static String colour(Verdict v) {
        return switch (v) {
            case PROVED -> "#1a7f37";
            case CERTIFIED -> "#4ac26b";
            case CONSISTENT -> "#0969da";
            case NUMERICAL -> "#bf8700";
            case UNDECIDED -> "#8250df";
            case HYPOTHESIS_NOT_MET -> "#8c959f";
            case REFUTED -> "#cf222e";
        };
    }

    /** log10 of a positive decimal, accurate far beyond the range of double. */
    static double log10(BigDecimal positive) {
        int exponent = positive.precision() - positive.scale() - 1;
        double mantissa = positive.movePointLeft(exponent).doubleValue();
        return exponent + Math.log10(mantissa);
    }

    /**
     * Margins per claim: one row per claim that has margins, one dot per instance at log10(margin),
     * coloured by verdict; margins at or below zero (the instance failed or sat on the boundary) in a
     * separate band on the left. Null if no claim has a margin.
     */
    static String margins(List<ClaimResult> claims) {
        List<ClaimResult> rows = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ClaimResult c : claims) {
            boolean has = false;
            for (InstanceResult i : c.instances()) {
                if (i.margin() == null || i.verdict() == Verdict.HYPOTHESIS_NOT_MET) {
                    continue;
                }
                has = true;
                BigDecimal m = i.marginValue();
                if (m.signum() > 0) {
                    double l = log10(m);
                    lo = Math.min(lo, l);
                    hi = Math.max(hi, l);
                }
            }
            if (has) {
                rows.add(c);
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        if (lo > hi) {
            lo = -1;
            hi = 1;
        }
        lo = Math.floor(lo);
        hi = Math.ceil(hi);
        if (hi - lo < 1) {
            hi = lo + 1;
        }
        int labelW = 170;
        int bandW = 46;
        int plotW = 560;
        int rowH = 26;
        int top = 16;
        int width = labelW + bandW + plotW + 20;
        int height = top + rows.size() * rowH + 44;
        double x0 = labelW + bandW + 10;
        double scale = plotW / (hi - lo);
        StringBuilder s = new StringBuilder();
        s.append(open(width, height, "Margins per claim, log scale"));
        // Zero-or-below band.
        s.append(rect(labelW, top, bandW, rows.size() * rowH, "#fff1f0"));
        s.append(text(labelW + bandW / 2.0, top + rows.size() * rowH + 16, "\u2264 0", "middle", 11));
        int step = (int) Math.max(1, Math.ceil((hi - lo) / 10));
        for (double e = lo; e <= hi + 1e-9; e += step) {
            double x = x0 + (e - lo) * scale;
            s.append(line(x, top, x, top + rows.size() * rowH, "#d0d7de"));
            s.append(text(x, top + rows.size() * rowH + 16, "1e" + (long) e, "middle", 11));
        }
        s.append(text(x0 + plotW / 2.0, height - 8, "margin (how far from failing; larger is safer)", "middle", 12));
        for (int r = 0; r < rows.size(); r++) {
            ClaimResult c = rows.get(r);
            double yMid = top + r * rowH + rowH / 2.0;
            if (r % 2 == 1) {
                s.append(rect(0, top + r * rowH, width, rowH, "#f6f8fa", 0.6));
            }
            s.append(text(labelW - 8, yMid + 4, c.id(), "end", 12));
            List<InstanceResult> pts = new ArrayList<>();
            for (InstanceResult i : c.instances()) {
                if (i.margin() != null && i.verdict() != Verdict.HYPOTHESIS_NOT_MET) {
                    pts.add(i);
                }
            }
            int stride = Math.max(1, (pts.size() + MAX_POINTS_PER_ROW - 1) / MAX_POINTS_PER_ROW);
            for (int k = 0; k < pts.size(); k += stride) {
                InstanceResult i = pts.get(k);
                BigDecimal m = i.marginValue();
                double jitter = ((Long.hashCode(i.seed() * 0x9E3779B97F4A7C15L + k) & 0xff) / 255.0 - 0.5)
                        * (rowH - 10);
                double x = m.signum() > 0 ? x0 + (log10(m) - lo) * scale
                        : labelW + bandW / 2.0 + jitter * 0.8;
                s.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" fill-opacity=\"0.75\">"
                                + "<title>%s seed %s: margin %s (%s)</title></circle>",
                        x, yMid + jitter, colour(i.verdict()), Html.escape(c.id()), UnsignedSeed.text(i.seed()),
                        Html.escape(i.margin()), i.verdict()));
            }
        }
        s.append("</svg>");
        return s.toString();
    }

    /** One measured point of Theorem 1. */
    record SharpnessPoint(int depth, double log10Value, String series, long seed, String text) {}

    /** The series of the sharpness plot: the closed-form flattest sharpness. */
    static final String FLATTEST = "flattest";
    /** The series of the sharpness plot: the largest Hessian eigenvalue at the minimum checked. */
    static final String MEASURED = "lambda_max";
    /** Detail keys read for the flattest series, first present and positive wins. */
    static final List<String> FLATTEST_KEYS = List.of("flattest_sharpness", "predicted", "lambda_star");
    /** Detail keys read for the measured series, first present and positive wins. */
    static final List<String> MEASURED_KEYS = List.of("lambda_max", "lambda_max_approx");

    /**
     * Theorem 1's sharpness against depth: for every instance of a Theorem 1 claim (id starting with
     * {@code theorem-1} or {@code theorem1}; controls excluded), the flattest sharpness from the first
     * of {@link #FLATTEST_KEYS} in its details and the measured top eigenvalue from the first of
     * {@link #MEASURED_KEYS}, each a decimal or an exact fraction {@code p/q}; the depth is the detail
     * {@code depth}, or else the number of layers its dims describe. Null if there are no points.
     */
    static String sharpness(List<ClaimResult> claims) {
        List<SharpnessPoint> pts = sharpnessPoints(claims);
        if (pts.isEmpty()) {
            return null;
        }
        int dLo = pts.stream().mapToInt(SharpnessPoint::depth).min().getAsInt();
        int dHi = pts.stream().mapToInt(SharpnessPoint::depth).max().getAsInt();
        double lo = Math.floor(pts.stream().mapToDouble(SharpnessPoint::log10Value).min().getAsDouble());
        double hi = Math.ceil(pts.stream().mapToDouble(SharpnessPoint::log10Value).max().getAsDouble());
        if (hi - lo < 1) {
            hi = lo + 1;
        }
        int left = 70;
        int plotW = 600;
        int plotH = 300;
        int top = 20;
        int width = left + plotW + 250;
        int height = top + plotH + 50;
        double xScale = plotW / (double) Math.max(1, dHi - dLo + 1);
        double yScale = plotH / (hi - lo);
        StringBuilder s = new StringBuilder(open(width, height, "Theorem 1: sharpness against depth, log scale"));
        s.append(rect(left, top, plotW, plotH, "#ffffff"));
        int step = (int) Math.max(1, Math.ceil((hi - lo) / 8));
        for (double e = lo; e <= hi + 1e-9; e += step) {
            double y = top + plotH - (e - lo) * yScale;
            s.append(line(left, y, left + plotW, y, "#d0d7de"));
            s.append(text(left - 6, y + 4, "1e" + (long) e, "end", 11));
        }
        for (int d = dLo; d <= dHi; d++) {
            double x = left + (d - dLo + 0.5) * xScale;
            s.append(line(x, top + plotH, x, top + plotH + 4, "#57606a"));
            s.append(text(x, top + plotH + 18, Integer.toString(d), "middle", 11));
        }
        s.append(text(left + plotW / 2.0, height - 8, "depth m (number of layers)", "middle", 12));
        s.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%.1f\" font-size=\"12\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">"
                        + "sharpness (largest Hessian eigenvalue)</text>", top + plotH / 2.0, top + plotH / 2.0));
        for (SharpnessPoint p : pts) {
            boolean flattest = p.series().equals(FLATTEST);
            double x = left + (p.depth() - dLo + 0.5) * xScale + (flattest ? -6 : 6);
            double y = top + plotH - (p.log10Value() - lo) * yScale;
            String tip = "<title>seed " + UnsignedSeed.text(p.seed()) + ", depth " + p.depth() + ": " + p.series() + " = "
                    + Html.escape(p.text()) + "</title>";
            if (flattest) {
                s.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#0969da\" fill-opacity=\"0.6\">%s</circle>",
                        x, y, tip));
            } else {
                s.append(String.format(Locale.ROOT,
                        "<path d=\"M%.1f %.1fl8 8m0 -8l-8 8\" stroke=\"#cf222e\" stroke-width=\"1.6\">%s</path>",
                        x - 4, y - 4, tip));
            }
        }
        int lx = left + plotW + 16;
        s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#0969da\"/>", lx, top + 10));
        s.append(text(lx + 10, top + 14, "flattest: 2m \u00b7 \u03c3_max(T)^(2-2/m)", "start", 11));
        s.append(String.format(Locale.ROOT,
                "<path d=\"M%d %dl8 8m0 -8l-8 8\" stroke=\"#cf222e\" stroke-width=\"1.6\"/>", lx - 4, top + 26));
        s.append(text(lx + 10, top + 34, "\u03bb_max at the minimum", "start", 11));
        s.append("</svg>");
        return s.toString();
    }

    /** True for the claims whose instances feed the Theorem 1 plot. */
    static boolean isTheoremOne(ClaimResult c) {
        String id = c.id().replaceAll("[^a-z0-9]", "");
        return c.kind() != ClaimKind.CONTROL && id.startsWith("theorem1") && !id.startsWith("theorem10");
    }

    static List<SharpnessPoint> sharpnessPoints(List<ClaimResult> claims) {
        List<SharpnessPoint> pts = new ArrayList<>();
        for (ClaimResult c : claims) {
            if (!isTheoremOne(c)) {
                continue;
            }
            for (InstanceResult i : c.instances()) {
                Integer depth = parseInt(i.details().get("depth"));
                if (depth == null && i.dims().size() >= 2) {
                    depth = i.dims().size() - 1;
                }
                if (depth == null) {
                    continue;
                }
                String flattest = firstPositive(i.details(), FLATTEST_KEYS);
                if (flattest != null) {
                    pts.add(new SharpnessPoint(depth, log10OfPositive(flattest), FLATTEST, i.seed(), flattest));
                }
                String measured = firstPositive(i.details(), MEASURED_KEYS);
                if (measured != null) {
                    pts.add(new SharpnessPoint(depth, log10OfPositive(measured), MEASURED, i.seed(), measured));
                }
            }
        }
        return pts;
    }

    /** The text of the first detail among {@code keys} that is a positive number, or null. */
    private static String firstPositive(java.util.Map<String, String> details, List<String> keys) {
        for (String k : keys) {
            if (log10OfPositive(details.get(k)) != null) {
                return details.get(k).trim();
            }
        }
        return null;
    }

    /** log10 of a positive decimal or fraction {@code p/q} given as text; null if it is neither. */
    static Double log10OfPositive(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            int slash = t.indexOf('/');
            if (slash > 0) {
                BigDecimal p = new BigDecimal(new java.math.BigInteger(t.substring(0, slash).trim()));
                BigDecimal q = new BigDecimal(new java.math.BigInteger(t.substring(slash + 1).trim()));
                return p.signum() > 0 && q.signum() > 0 ? log10(p) - log10(q) : null;
            }
            BigDecimal v = new BigDecimal(t);
            return v.signum() > 0 ? log10(v) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String open(int width, int height, String label) {
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"system-ui, sans-serif\">",
                Html.escape(label), width, height, width, height);
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                x, y, w, h, fill);
    }

    private static String rect(double x, double y, double w, double h, String fill, double opacity) {
        return String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"%.2f\"/>",
                x, y, w, h, fill, opacity);
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke) {
        return String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>",
                x1, y1, x2, y2, stroke);
    }

    private static String text(double x, double y, String t, String anchor, int size) {
        return String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" fill=\"#24292f\">%s</text>",
                x, y, size, anchor, Html.escape(t));
    }
}
