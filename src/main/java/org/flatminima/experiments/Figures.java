package org.flatminima.experiments;

import org.flatminima.plot.Plots;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flatminima.results.Verdict;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import org.flatminima.results.ResultsRecorder;
import org.flatminima.results.Settings;

/**
 * Turns the task files of a run directory into the figures (PNG and SVG), their data (CSV and
 * JSON), the verdicts on Section 6's claims ({@link ClaimCheck}) and {@code results.json} for the
 * report command. Reads only task files, so a merged directory gives what one unsharded run gives.
 */
public final class Figures {
    private static final Color BLUE = new Color(31, 119, 180);
    private static final Color RED = new Color(214, 39, 40);
    private static final Color GREY = new Color(150, 150, 150);
    private static final Color GREEN = new Color(44, 160, 44);
    private static final Color ORANGE = new Color(255, 127, 14);

    private Figures() {}

    /** What was written: files relative to the run directory, the verdicts, and unfinished tasks. */
    public record Output(List<String> files, List<ClaimCheck> checks, int missing) {}

    /** Writes everything the finished tasks of {@code figures} allow; modifies only {@code out}. */
    public static Output write(Path out, ExperimentPlan plan, Set<String> figures, List<String> commandLine) {
        Path tasksDir = out.resolve("tasks");
        Map<String, JsonNode> done = Experiments.finished(plan, figures, tasksDir);
        List<ExperimentTask> all = ExperimentTask.all(plan, figures, done);
        int missing = (int) all.stream().filter(t -> !done.containsKey(t.id())).count();
        List<String> files = new ArrayList<>();
        List<ClaimCheck> checks = new ArrayList<>();
        Map<String, List<String>> figs = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        String family = "mnist-denoising-" + plan.scale() + "-" + plan.lossScaleName();
        long[] seeds = new long[plan.gridSeeds()];
        for (int k = 0; k < seeds.length; k++) {
            seeds[k] = plan.seed() + k;
        }
        List<Grid> identity = new ArrayList<>();
        List<Grid> he = new ArrayList<>();
        boolean grids = figures.contains("fig4") || figures.contains("fig5");
        if (grids && has(all, done, "fig4")) {
            for (int k = 1; k <= plan.gridSeeds(); k++) {
                identity.add(grid(plan, "fig4", k, done));
            }
            files.addAll(gridFiles(out, plan, "fig4", "identity", identity));
            files.add(heat(out, plan, "fig4", "identity", identity.get(0), null));
            files.add(standingPlot(out, plan, "fig4", "identity", identity.get(0)));
            files.add(lowestPlot(out, plan, identity, List.of()));
            files.add(stepPlot(out, plan, identity, List.of()));
            List<ClaimCheck> pa = new ArrayList<>();
            List<ClaimCheck> pb = new ArrayList<>();
            for (Grid g : identity) {
                pa.add(ClaimCheck.stepScaling("sec6-max-step-1-over-m", g.depths(), g.maxStep(), g.atTop()));
                pb.add(ClaimCheck.linearGrowth("sec6-sharpness-linear-in-m", g.depths(), g.lowest()));
            }
            ClaimCheck a = ClaimCheck.acrossSeeds("sec6-max-step-1-over-m", pa, seeds);
            ClaimCheck b = ClaimCheck.acrossSeeds("sec6-sharpness-linear-in-m", pb, seeds);
            checks.add(a);
            checks.add(b);
            figs.put(a.id(), List.of("Fig. 4(a) sharpness vs step and depth, identity init|fig4/fig4a.png",
                    "Fig. 4(c) largest step that counts vs depth|fig4/fig4c.png",
                    "Fig. 4(d) why each run counts or not|fig4/fig4d.png"));
            figs.put(b.id(), List.of("Fig. 4(b) lowest sharpness vs depth|fig4/fig4b.png",
                    "Fig. 4(a) sharpness vs step and depth, identity init|fig4/fig4a.png"));
            seconds.put(a.id(), time(done, "fig4"));
            seconds.put(b.id(), time(done, "fig4"));
        }
        if (figures.contains("fig5") && has(all, done, "fig5") && !identity.isEmpty()) {
            for (int k = 1; k <= plan.gridSeeds(); k++) {
                he.add(grid(plan, "fig5", k, done));
            }
            files.addAll(gridFiles(out, plan, "fig5", "he", he));
            files.add(heat(out, plan, "fig5", "He", he.get(0), identity.get(0)));
            files.add(standingPlot(out, plan, "fig5", "He", he.get(0)));
            files.set(files.indexOf("fig4/fig4a.png"), heat(out, plan, "fig4", "identity", identity.get(0),
                    he.get(0)));
            files.add(lowestPlot(out, plan, identity, he));
            files.add(stepPlot(out, plan, identity, he));
            files.add(curves(out, plan, done));
            List<ClaimCheck> pc = new ArrayList<>();
            for (int k = 0; k < identity.size(); k++) {
                Grid i = identity.get(k);
                Grid h = he.get(k);
                pc.add(ClaimCheck.initComparison("sec6-identity-vs-he", i.depths(), i.lowest(), h.lowest(),
                        i.maxStep(), h.maxStep()));
            }
            ClaimCheck c = ClaimCheck.acrossSeeds("sec6-identity-vs-he", pc, seeds);
            checks.add(c);
            figs.put(c.id(), List.of("Fig. 5(a) sharpness vs step and depth, He init|fig5/fig5a.png",
                    "Fig. 4(a) the same with identity init|fig4/fig4a.png",
                    "Fig. 5(b) training loss, identity vs He, 18 layers, step 2.25|fig5/fig5b.png",
                    "Fig. 5(d) why each run counts or not|fig5/fig5d.png",
                    "Lowest sharpness vs depth, identity and He|fig4/fig4b.png"));
            seconds.put(c.id(), time(done, "fig5"));
        }
        if (has(all, done, "linear")) {
            ClaimCheck l = linear(out, plan, done, files);
            checks.add(l);
            figs.put(l.id(), List.of("Linear check: lowest sharpness vs Theorem 1|linear/linear.png"));
            seconds.put(l.id(), time(done, "linear"));
        }
        boolean sweepDone = plan.sgdStep() > 0 || ExperimentTask.sweepComplete(plan, done);
        if ((figures.contains("fig6") || figures.contains("fig7")) && sweepDone && has(all, done, "fig6")) {
            List<ClaimCheck> c6 = fig6(out, plan, done, files);
            for (ClaimCheck c : c6) {
                checks.add(c);
                seconds.put(c.id(), time(done, "fig6"));
            }
            figs.put(c6.get(0).id(), List.of("Fig. 6(c) sharpness of the SGD and Adam minima|fig6/fig6c.png"));
            figs.put(c6.get(1).id(), List.of("Fig. 6(a) gains, Adam|fig6/fig6a.png", "Fig. 6(b) gains, SGD|fig6/fig6b.png"));
        }
        boolean pairsPlanned = all.stream().anyMatch(t -> t.figure().equals("fig7"));
        if (figures.contains("fig7") && sweepDone && has(all, done, "fig6") && !pairsPlanned) {
            checks.add(new ClaimCheck("sec6-interpolation-misleads", ClaimCheck.Outcome.UNDECIDED, "needs SGD minima",
                    "no Fig. 7 pair: the He sweep at depth " + plan.fig6Depth() + " has no step that counts in every"
                    + " seed, so Fig. 6 has no SGD step", Map.of()));
        }
        if (figures.contains("fig7") && sweepDone && has(all, done, "fig6") && has(all, done, "fig7")) {
            ClaimCheck c7 = fig7(out, plan, done, files);
            checks.add(c7);
            figs.put(c7.id(), List.of("Fig. 7(a) loss along the segments|fig7/fig7a.png",
                    "Fig. 7(b-e) close-ups along the segment and the top eigenvectors|fig7/fig7b.png"));
            seconds.put(c7.id(), time(done, "fig7") + time(done, "fig6"));
        }
        ResultsRecorder rec = ResultsRecorder.start(commandLine, new Settings(plan.seed(), null, null, plan.width(),
                maxDepth(plan), null, plan.settingsText()));
        for (ClaimCheck c : checks) {
            rec.add(claim(c, plan, family, figs.getOrDefault(c.id(), List.of()), seconds.getOrDefault(c.id(), 0.0),
                    missing));
        }
        Results results = rec.finish();
        ResultsIO.write(results, out.resolve("results.json"), true);
        files.add("results.json");
        ObjectNode verdicts = Json.mapper().createObjectNode();
        for (ClaimCheck c : checks) {
            ObjectNode v = verdicts.putObject(c.id());
            v.put("outcome", c.outcome().name());
            v.put("criterion", c.criterion());
            v.put("summary", c.summary());
            v.set("numbers", Json.mapper().valueToTree(c.numbers()));
        }
        Experiments.writeJson(out.resolve("verdicts.json"), verdicts);
        files.add("verdicts.json");
        return new Output(new ArrayList<>(new java.util.LinkedHashSet<>(files)), checks, missing);
    }

    private static int maxDepth(ExperimentPlan plan) {
        int m = plan.fig6Depth();
        for (int d : plan.depths()) {
            m = Math.max(m, d);
        }
        return m;
    }

    private static boolean has(List<ExperimentTask> all, Map<String, JsonNode> done, String figure) {
        boolean any = false;
        for (ExperimentTask t : all) {
            if (t.figure().equals(figure)) {
                if (!done.containsKey(t.id())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static double time(Map<String, JsonNode> done, String prefix) {
        double s = 0;
        for (Map.Entry<String, JsonNode> e : done.entrySet()) {
            if (e.getKey().startsWith(prefix + "-")) {
                s += e.getValue().path("timing").path("total_s").asDouble();
            }
        }
        return s;
    }

    private static org.flatminima.results.ClaimResult claim(ClaimCheck c, ExperimentPlan plan, String family,
            List<String> figures, double seconds, int missing) {
        ClaimRecorder r = new ClaimRecorder(c.id(), ClaimKind.EXPERIMENT, title(c.id()), statement(c.id()))
                .provenance("from the paper, Section 6; the criterion is an assumed reading (see hypotheses)")
                .hypotheses("criterion: " + c.criterion() + "; settings: scale " + plan.scale() + ", loss scale "
                        + plan.lossScaleName() + ", every hyper-parameter assumed (see settings)")
                .family(family)
                .timeSeconds(seconds);
        for (String f : figures) {
            int bar = f.indexOf('|');
            r.figure(f.substring(0, bar), f.substring(bar + 1));
        }
        Verdict v = switch (c.outcome()) {
            case PASS -> Verdict.NUMERICAL;
            case FAIL -> Verdict.REFUTED;
            case UNDECIDED, VARIES -> Verdict.UNDECIDED;
        };
        InstanceResult inst = InstanceResult.of(plan.seed(), family, List.of(plan.width()), v,
                "numerical experiment (" + plan.precision().label() + " training, Lanczos on exact Hessian-vector"
                        + " products); " + (c.outcome() == ClaimCheck.Outcome.FAIL
                        ? "the measured numbers fail the criterion (a numerical finding, not a proof)"
                        : c.outcome() == ClaimCheck.Outcome.PASS ? "the measured numbers meet the criterion"
                        : c.outcome() == ClaimCheck.Outcome.VARIES ? "the verdict varies between seeds, pairs or"
                        + " readings (neither PASS nor FAIL)" : "too few runs reached a minimum to judge"))
                .withDetail("summary", c.summary());
        if (Double.isFinite(c.margin())) {
            inst = inst.withMargin(new BigDecimal(String.format(Locale.ROOT, "%.6g", c.margin())));
        }
        if (missing > 0) {
            inst = inst.withDetail("unfinished_tasks", missing);
        }
        for (Map.Entry<String, Object> e : c.numbers().entrySet()) {
            inst = inst.withDetail(e.getKey(), e.getValue() instanceof Double d ? fmt(d) : e.getValue());
        }
        return r.add(inst).finish();
    }

    static String title(String id) {
        return switch (id) {
            case "sec6-max-step-1-over-m" -> "Fig. 4: largest stable step ~ 1/m";
            case "sec6-sharpness-linear-in-m" -> "Fig. 4: flattest sharpness linear in m";
            case "sec6-identity-vs-he" -> "Fig. 5: identity init flatter than He";
            case "sec6-linear-theorem1" -> "Linear check: Theorem 1 on the data's regression";
            case "sec6-sgd-flatter-than-adam" -> "Fig. 6: SGD minima flatter than Adam's";
            case "sec6-balanced-gains" -> "Fig. 6: SGD gains more balanced";
            case "sec6-interpolation-misleads" -> "Fig. 7: interpolation misorders flatness";
            default -> id;
        };
    }

    static String statement(String id) {
        return switch (id) {
            case "sec6-max-step-1-over-m" -> "With identity initialisation, the largest SGD step that converges falls"
                    + " roughly as 1/m.";
            case "sec6-sharpness-linear-in-m" -> "The sharpness of the flattest minimum reached grows roughly linearly"
                    + " with the depth m (Theorem 1).";
            case "sec6-identity-vs-he" -> "Identity initialisation reaches flatter minima and admits larger steps than"
                    + " He initialisation (Lemma 1).";
            case "sec6-linear-theorem1" -> "With identity activations and whitened inputs, the lowest sharpness per"
                    + " depth equals 2m sigma_max(T)^(2(1-1/m)) (Theorem 1).";
            case "sec6-sgd-flatter-than-adam" -> "Six-layer networks trained by SGD with a large step reach minima"
                    + " several times flatter than Adam with a small step (paper: about 6x).";
            case "sec6-balanced-gains" -> "Intermediate gains are more restrained in the SGD (flat) networks than in"
                    + " the Adam (sharp) ones (Theorem 2).";
            case "sec6-interpolation-misleads" -> "Along the segment between an SGD and an Adam minimum, the flatter"
                    + " SGD minimum looks sharper (Lemma 2; paper: 16 of 16 pairs).";
            default -> id;
        };
    }

    // ---- Figs. 4 and 5 ----------------------------------------------------------------------

    /** One trained tile: a grid step or a refinement step, with why it counts or not. */
    record Tile(int depth, double step, boolean refinement, String standing, String reason, double lambdaMax,
            double finalLoss, double spread) {
        boolean counts() {
            return standing.equals(RunCriteria.Standing.COUNTS.label());
        }
    }

    /**
     * One seed's grid: every tile, and per depth the lowest sharpness and the largest step among the
     * tiles that count, whether that step is the grid's top (then only a lower bound), and the
     * smallest larger step that does not count.
     */
    record Grid(long seed, int[] depths, double[] steps, List<Tile> tiles, double[] lowest, double[] maxStep,
            boolean[] atTop, double[] failAbove) {
        Tile tile(int depth, int stepIndex) {
            for (Tile t : tiles) {
                if (t.depth() == depth && !t.refinement() && t.step() == steps[stepIndex]) {
                    return t;
                }
            }
            return null;
        }
    }

    static Grid grid(ExperimentPlan plan, String figure, int k, Map<String, JsonNode> done) {
        int[] depths = plan.depths();
        double[] steps = plan.steps();
        List<Tile> tiles = new ArrayList<>();
        double[] lowest = new double[depths.length];
        double[] maxStep = new double[depths.length];
        boolean[] atTop = new boolean[depths.length];
        double[] failAbove = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            lowest[i] = Double.NaN;
            for (int s = 0; s < steps.length; s++) {
                tiles.add(tile(depths[i], steps[s], false, done.get(ExperimentTask.gridId(figure, k, depths[i], s))));
            }
            ExperimentTask.Column col = ExperimentTask.column(plan, figure, k, depths[i], done);
            for (ExperimentTask r : col.refinements()) {
                if (done.containsKey(r.id())) {
                    tiles.add(tile(depths[i], r.step(), true, done.get(r.id())));
                }
            }
            for (Tile t : tiles) {
                if (t.depth() == depths[i] && t.counts() && Double.isFinite(t.lambdaMax())) {
                    lowest[i] = Double.isNaN(lowest[i]) ? t.lambdaMax() : Math.min(lowest[i], t.lambdaMax());
                }
            }
            maxStep[i] = col.largestCounting();
            failAbove[i] = col.smallestFailingAbove();
            atTop[i] = maxStep[i] == steps[steps.length - 1];
        }
        return new Grid(plan.seed() + k - 1, depths, steps, tiles, lowest, maxStep, atTop, failAbove);
    }

    private static Tile tile(int depth, double step, boolean refinement, JsonNode task) {
        JsonNode r = task.path("result");
        return new Tile(depth, step, refinement, r.path("standing").asText("missing"), r.path("standing_reason")
                .asText(""), num(r.path("lambda_max")), num(r.path("final_loss")), num(r.path("settle_spread")));
    }

    private static List<String> gridFiles(Path out, ExperimentPlan plan, String fig, String init, List<Grid> grids) {
        StringBuilder csv = new StringBuilder("init,seed,depth,step,refinement,standing,final_loss,settle_spread,"
                + "lambda_max,two_over_eta\n");
        List<Object> rows = new ArrayList<>();
        List<Object> per = new ArrayList<>();
        for (Grid g : grids) {
            for (Tile t : g.tiles()) {
                csv.append(init).append(',').append(g.seed()).append(',').append(t.depth()).append(',')
                        .append(fmt(t.step())).append(',').append(t.refinement()).append(',').append(t.standing())
                        .append(',').append(fmt(t.finalLoss())).append(',').append(fmt(t.spread())).append(',')
                        .append(fmt(t.lambdaMax())).append(',').append(fmt(2 / plan.sgdStepFor(t.step()))).append('\n');
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("seed", g.seed());
                row.put("depth", t.depth());
                row.put("step", t.step());
                row.put("refinement", t.refinement());
                row.put("standing", t.standing());
                row.put("reason", t.reason());
                row.put("final_loss", finiteOrNull(t.finalLoss()));
                row.put("lambda_max", finiteOrNull(t.lambdaMax()));
                rows.add(row);
            }
            for (int i = 0; i < g.depths().length; i++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("seed", g.seed());
                p.put("depth", g.depths()[i]);
                p.put("lowest_sharpness", finiteOrNull(g.lowest()[i]));
                p.put("largest_step_that_counts", finiteOrNull(g.maxStep()[i]));
                p.put("smallest_larger_step_that_fails", finiteOrNull(g.failAbove()[i]));
                p.put("largest_step_is_grid_top", g.atTop()[i]);
                per.add(p);
            }
        }
        SafeFiles.writeString(out.resolve(fig).resolve(fig + ".csv"), csv.toString());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("figure", fig);
        doc.put("init", init);
        doc.put("loss_scale", plan.lossScaleName());
        doc.put("rule", RunCriteria.rule(plan.convergenceTol(), plan.collapseTol()));
        doc.put("tiles", rows);
        doc.put("per_depth", per);
        Experiments.writeJson(out.resolve(fig).resolve(fig + ".json"), Json.mapper().valueToTree(doc));
        return List.of(fig + "/" + fig + ".csv", fig + "/" + fig + ".json");
    }

    private static String heat(Path out, ExperimentPlan plan, String fig, String init, Grid g, Grid other) {
        List<String> xs = new ArrayList<>();
        for (double s : g.steps()) {
            xs.add(String.format(Locale.ROOT, "%.3g", s));
        }
        List<String> ys = new ArrayList<>();
        for (int d : g.depths()) {
            ys.add(Integer.toString(d));
        }
        List<Number[]> tiles = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Grid q : other == null ? List.of(g) : List.of(g, other)) {
            for (int i = 0; i < q.depths().length; i++) {
                for (int s = 0; s < q.steps().length; s++) {
                    Tile t = q.tile(q.depths()[i], s);
                    if (t != null && t.counts() && t.lambdaMax() > 0) {
                        double v = Math.log10(t.lambdaMax());
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                        if (q == g) {
                            tiles.add(new Number[] {s, i, v});
                        }
                    }
                }
            }
        }
        if (!(hi > lo)) {
            lo = Double.isFinite(lo) ? lo - 1 : 0;
            hi = lo + 2;
        }
        lo = Math.floor(lo * 100) / 100;
        hi = Math.ceil(hi * 100) / 100;
        String panel = fig.equals("fig4") ? "Fig. 4(a)" : "Fig. 5(a)";
        var chart = Plots.heatMap(String.format(Locale.ROOT, "%s log10 sharpness, %s init, seed %d (blank: excluded,"
                        + " reason in %sd)", panel, init, g.seed(), fig), "SGD step size (" + plan.lossScaleName()
                        + "-scaled loss)", "depth m (layers)", xs, ys, tiles, lo, hi);
        Plots.save(chart, out.resolve(fig).resolve(fig + "a"));
        return fig + "/" + fig + "a.png";
    }

    /** Every tile of one seed (grid and refinement) at (step, depth), one series per standing. */
    private static String standingPlot(Path out, ExperimentPlan plan, String fig, String init, Grid g) {
        List<Plots.Series> s = new ArrayList<>();
        Color[] colours = {GREEN, GREY, new Color(140, 86, 75), ORANGE, new Color(148, 103, 189), RED};
        RunCriteria.Standing[] all = RunCriteria.Standing.values();
        for (int q = 0; q < all.length; q++) {
            for (boolean ref : new boolean[] {false, true}) {
                List<double[]> pts = new ArrayList<>();
                for (Tile t : g.tiles()) {
                    if (t.standing().equals(all[q].label()) && t.refinement() == ref) {
                        pts.add(new double[] {t.step(), t.depth()});
                    }
                }
                if (!pts.isEmpty()) {
                    s.add(new Plots.Series(all[q].label() + (ref ? " (edge refinement)" : "") + " (" + pts.size()
                            + ")", pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1])
                            .toArray(), ref ? Plots.Look.OPEN_MARKERS : Plots.Look.MARKERS, colours[q]));
                }
            }
        }
        String panel = fig.equals("fig4") ? "Fig. 4(d)" : "Fig. 5(d)";
        var chart = Plots.xy(String.format(Locale.ROOT, "%s why each run counts or not, %s init, seed %d", panel, init,
                g.seed()), "SGD step size (" + plan.lossScaleName() + "-scaled loss)", "depth m (layers)", s, true,
                false);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        Plots.save(chart, out.resolve(fig).resolve(fig + "d"));
        return fig + "/" + fig + "d.png";
    }

    private static String lowestPlot(Path out, ExperimentPlan plan, List<Grid> id, List<Grid> he) {
        double[] m = toDouble(id.get(0).depths());
        List<Plots.Series> s = new ArrayList<>();
        for (Grid g : id) {
            s.add(new Plots.Series("identity init, seed " + g.seed() + ": lowest sharpness", m, g.lowest(),
                    Plots.Look.LINE_AND_MARKERS, BLUE, g == id.get(0)));
        }
        double[] fit = fitLine(m, id.get(0).lowest());
        if (fit != null) {
            double[] y = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                y[i] = fit[0] * m[i] + fit[1];
            }
            s.add(new Plots.Series(String.format(Locale.ROOT, "Theorem 1 trend: linear in m (seed %d fit %.3g m %+.3g)",
                    id.get(0).seed(), fit[0], fit[1]), m, y, Plots.Look.DASHED, GREY));
        }
        for (Grid g : he) {
            s.add(new Plots.Series("He init: lowest sharpness (every seed)" + seedTag(g, g == he.get(0)), m, g.lowest(), Plots.Look.LINE_AND_MARKERS,
                    RED, g == he.get(0)));
        }
        var chart = Plots.xy("Fig. 4(b) sharpness of the flattest minimum that counts vs depth (" + id.size()
                + " seeds)", "depth m (layers)", "lowest lambda_max of the Hessian (" + plan.lossScaleName()
                + "-scaled loss)", s, false, false);
        Plots.save(chart, out.resolve("fig4").resolve("fig4b"));
        return "fig4/fig4b.png";
    }

    /** Nothing for the seed whose series shows in the legend, else an invisible tag keeping names unique. */
    private static String seedTag(Grid g, boolean first) {
        return first ? "" : " [seed " + g.seed() + "]";
    }

    private static String stepPlot(Path out, ExperimentPlan plan, List<Grid> id, List<Grid> he) {
        double[] m = toDouble(id.get(0).depths());
        List<Plots.Series> s = new ArrayList<>();
        for (Grid g : id) {
            s.add(new Plots.Series("identity init: largest step that counts (every seed)" + seedTag(g, g == id.get(0)), m, g.maxStep(),
                    Plots.Look.LINE_AND_MARKERS, BLUE, g == id.get(0)));
            s.add(new Plots.Series("identity init: smallest larger step that fails" + seedTag(g, g == id.get(0)), m, g.failAbove(),
                    Plots.Look.OPEN_MARKERS, BLUE, g == id.get(0)));
        }
        Grid first = id.get(0);
        double logc = 0;
        int k = 0;
        for (int i = 0; i < m.length; i++) {
            if (Double.isFinite(first.maxStep()[i]) && !first.atTop()[i]) {
                logc += Math.log(first.maxStep()[i] * m[i]);
                k++;
            }
        }
        if (k > 0) {
            double c = Math.exp(logc / k);
            double[] y = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                y[i] = c / m[i];
            }
            s.add(new Plots.Series(String.format(Locale.ROOT, "c / m (c = %.3g, geometric fit, seed %d)", c,
                    first.seed()), m, y, Plots.Look.DASHED, GREY));
        }
        for (Grid g : he) {
            s.add(new Plots.Series("He init: largest step that counts (every seed)" + seedTag(g, g == he.get(0)), m, g.maxStep(),
                    Plots.Look.LINE_AND_MARKERS, RED, g == he.get(0)));
        }
        var chart = Plots.xy("Fig. 4(c) largest SGD step that reaches a settled, stable minimum vs depth (log-log)",
                "depth m (layers)", "step size (" + plan.lossScaleName() + "-scaled loss)", s, true, true);
        Plots.save(chart, out.resolve("fig4").resolve("fig4c"));
        return "fig4/fig4c.png";
    }

    /** Fig. 5(b): the training loss of the paper's setting (18 layers, step 2.25), identity vs He. */
    private static String curves(Path out, ExperimentPlan plan, Map<String, JsonNode> done) {
        List<Plots.Series> s = new ArrayList<>();
        StringBuilder csv = new StringBuilder("init,standing,step_index,loss\n");
        for (String init : new String[] {"identity", "he"}) {
            JsonNode r = done.get(ExperimentTask.fig5bId(init)).path("result");
            int every = r.path("step_loss_every").asInt(1);
            JsonNode l = r.path("step_losses");
            double[] x = new double[l.size()];
            double[] y = new double[l.size()];
            for (int k = 0; k < l.size(); k++) {
                x[k] = (double) k * every + 1;
                y[k] = num(l.get(k));
                csv.append(init).append(',').append(r.path("standing").asText()).append(',').append((long) x[k])
                        .append(',').append(fmt(y[k])).append('\n');
            }
            s.add(new Plots.Series((init.equals("identity") ? "identity init" : "He init") + " ("
                    + r.path("standing").asText() + ")", x, y, Plots.Look.LINE, init.equals("identity") ? BLUE : RED));
        }
        SafeFiles.writeString(out.resolve("fig5").resolve("fig5b.csv"), csv.toString());
        var chart = Plots.xy(String.format(Locale.ROOT, "Fig. 5(b) training loss, %d layers, step %.3g (the paper's"
                + " setting)", ExperimentTask.FIG5B_DEPTH, ExperimentTask.FIG5B_STEP), "SGD iteration",
                "mini-batch loss (" + plan.lossScaleName() + "-scaled, log scale)", s, false, true);
        Plots.save(chart, out.resolve("fig5").resolve("fig5b"));
        return "fig5/fig5b.png";
    }

    // ---- linear check -----------------------------------------------------------------------

    private static ClaimCheck linear(Path out, ExperimentPlan plan, Map<String, JsonNode> done, List<String> files) {
        int[] depths = plan.depths();
        double[] lowest = new double[depths.length];
        double[] theory = new double[depths.length];
        StringBuilder csv = new StringBuilder("depth,step,status,final_loss,least_squares_loss,lambda_max,theorem1\n");
        for (int i = 0; i < depths.length; i++) {
            lowest[i] = Double.NaN;
            for (int s = 0; s < ExperimentTask.LINEAR_STEPS.length; s++) {
                JsonNode r = done.get(String.format(Locale.ROOT, "linear-m%02d-s%02d", depths[i], s)).path("result");
                double loss = num(r.path("final_loss"));
                double ls = num(r.path("least_squares_loss"));
                double lam = num(r.path("lambda_max"));
                theory[i] = num(r.path("theorem1"));
                csv.append(depths[i]).append(',').append(fmt(ExperimentTask.LINEAR_STEPS[s])).append(',')
                        .append(r.path("status").asText()).append(',').append(fmt(loss)).append(',').append(fmt(ls))
                        .append(',').append(fmt(lam)).append(',').append(fmt(theory[i])).append('\n');
                if (!r.path("status").asText().equals("diverged") && Double.isFinite(lam)
                        && loss <= ls * (1 + 1e-2)) {
                    lowest[i] = Double.isNaN(lowest[i]) ? lam : Math.min(lowest[i], lam);
                }
            }
        }
        SafeFiles.writeString(out.resolve("linear").resolve("linear.csv"), csv.toString());
        double[] m = toDouble(depths);
        var chart = Plots.xy("Linear check: deep linear nets on whitened digits vs Theorem 1", "depth m (layers)",
                "lambda_max of the Hessian (" + plan.lossScaleName() + "-scaled loss)", List.of(
                        new Plots.Series("Theorem 1: 2m sigma_max(T)^(2(1-1/m))", m, theory, Plots.Look.DASHED, GREY),
                        new Plots.Series("lowest sharpness found (identity init, GD)", m, lowest, Plots.Look.MARKERS,
                                BLUE)), false, false);
        Plots.save(chart, out.resolve("linear").resolve("linear"));
        files.add("linear/linear.csv");
        files.add("linear/linear.png");
        return ClaimCheck.linearCheck("sec6-linear-theorem1", depths, lowest, theory);
    }

    // ---- Fig. 6 -----------------------------------------------------------------------------

    private static List<ClaimCheck> fig6(Path out, ExperimentPlan plan, Map<String, JsonNode> done, List<String> files) {
        int k = plan.fig6Seeds();
        int m = plan.fig6Depth();
        double[][] sharp = new double[2][k];
        double[][] peak = new double[2][k];
        double[][] topPeak = new double[2][k];
        StringBuilder csv = new StringBuilder("optimiser,seed,standing,final_loss,lambda_max,layer,max_gain,"
                + "top_signal_gain\n");
        String[] opts = {"sgd", "adam"};
        StringBuilder[] steps = {new StringBuilder(), new StringBuilder()};
        StringBuilder standings = new StringBuilder();
        for (int o = 0; o < 2; o++) {
            List<Plots.Series> series = new ArrayList<>();
            for (int s = 1; s <= k; s++) {
                JsonNode doc = done.get(ExperimentTask.minimumId(opts[o], s));
                JsonNode r = doc == null ? Json.mapper().createObjectNode() : doc.path("result");
                boolean counts = doc != null && ExperimentTask.counts(doc);
                if (doc != null) {
                    steps[o].append(steps[o].length() == 0 ? "" : ", ").append(fmt3(doc.path("spec").path("step")
                            .asDouble()));
                }
                standings.append(opts[o]).append(s).append('=').append(doc == null ? "not run"
                        : r.path("standing").asText()).append(' ');
                sharp[o][s - 1] = counts ? num(r.path("lambda_max")) : Double.NaN;
                double[] g = arr(r.path("max_gain"));
                double[] t = arr(r.path("top_signal_gain"));
                peak[o][s - 1] = g.length == 0 || !counts ? Double.NaN : max(g);
                topPeak[o][s - 1] = t.length == 0 || !counts ? Double.NaN : max(t);
                double[] layers = new double[g.length];
                for (int j = 0; j < g.length; j++) {
                    layers[j] = j + 1;
                    csv.append(opts[o]).append(',').append(s).append(',').append(r.path("standing").asText())
                            .append(',').append(fmt(num(r.path("final_loss")))).append(',')
                            .append(fmt(num(r.path("lambda_max"))))
                            .append(',').append(j + 1).append(',').append(fmt(g[j])).append(',').append(fmt(t[j]))
                            .append('\n');
                }
                series.add(new Plots.Series("max gain to layer k" + (s == 1 ? "" : " (seed " + s + ")"), layers, g,
                        Plots.Look.MARKERS, BLUE, s == 1));
                series.add(new Plots.Series("gain of the top end-to-end input" + (s == 1 ? "" : " (seed " + s + ")"),
                        layers, t, Plots.Look.OPEN_MARKERS, RED, s == 1));
            }
            String panel = o == 0 ? "fig6b" : "fig6a";
            var chart = Plots.xy(String.format(Locale.ROOT, "Fig. 6(%s) intermediate gains, %d-layer ReLU nets, %s"
                            + " (%d seeds, lambda_max median %.3g)", o == 0 ? "b" : "a", m, o == 0 ? "SGD (flat)"
                            : "Adam (sharp)", k, ClaimCheck.median(ClaimCheck.finite(sharp[o]).length == 0
                            ? new double[] {Double.NaN} : ClaimCheck.finite(sharp[o]))),
                    "layer k", "gain ||h_k(x)|| / ||x|| (log scale)", series, false, true);
            Plots.save(chart, out.resolve("fig6").resolve(panel));
            files.add("fig6/" + panel + ".png");
        }
        SafeFiles.writeString(out.resolve("fig6").resolve("fig6.csv"), csv.toString());
        files.add("fig6/fig6.csv");
        double[] seeds = new double[k];
        for (int s = 0; s < k; s++) {
            seeds[s] = s + 1;
        }
        var chart = Plots.xy("Fig. 6(c) sharpness of the minima that count: SGD (large step) vs Adam (small step)",
                "seed",
                "lambda_max of the Hessian (" + plan.lossScaleName() + "-scaled loss, log scale)", List.of(
                        new Plots.Series("SGD, steps " + steps[0] + " by seed, batch " + plan.sgdBatch(), seeds,
                                sharp[0], Plots.Look.MARKERS, BLUE),
                        new Plots.Series("Adam, step " + fmt(plan.adamStep()) + ", batch " + plan.adamBatch(), seeds,
                                sharp[1], Plots.Look.MARKERS, RED)), false, true);
        Plots.save(chart, out.resolve("fig6").resolve("fig6c"));
        files.add("fig6/fig6c.png");
        ClaimCheck a = ClaimCheck.sgdFlatter("sec6-sgd-flatter-than-adam", sharp[0], sharp[1]);
        ClaimCheck b = ClaimCheck.balancedGains("sec6-balanced-gains", peak[0], peak[1], topPeak[0], topPeak[1]);
        String note = String.format(Locale.ROOT, "; SGD steps by seed %s (%s), standings: %s", steps[0],
                plan.sgdStep() > 0 ? "fixed" : "largest that counts in the seed's He sweep at depth " + m,
                standings.toString().trim());
        return List.of(new ClaimCheck(a.id(), a.outcome(), a.criterion(), a.summary() + note, a.numbers()),
                new ClaimCheck(b.id(), b.outcome(), b.criterion(), b.summary() + note, b.numbers()));
    }

    // ---- Fig. 7 -----------------------------------------------------------------------------

    private static ClaimCheck fig7(Path out, ExperimentPlan plan, Map<String, JsonNode> done, List<String> files) {
        int k = plan.fig6Seeds();
        int n = k * k;
        double[] ts = new double[n];
        double[] ta = new double[n];
        double[] cs = new double[n];
        double[] ca = new double[n];
        double[] ps = new double[n];
        double[] pa = new double[n];
        List<Plots.Series> lines = new ArrayList<>();
        StringBuilder csv = new StringBuilder("pair,lambda_max_sgd,lambda_max_adam,curvature_along_segment_sgd,"
                + "curvature_along_segment_adam,plotted_curvature_sgd,plotted_curvature_adam,distance\n");
        JsonNode firstPair = null;
        int idx = 0;
        for (int i = 1; i <= k; i++) {
            for (int j = 1; j <= k; j++, idx++) {
                String id = "fig7-sgd" + i + "-adam" + j;
                JsonNode pairDoc = done.get(id);
                JsonNode r = pairDoc == null ? Json.mapper().createObjectNode() : pairDoc.path("result");
                JsonNode ms = done.get(ExperimentTask.minimumId("sgd", i));
                JsonNode ma = done.get(ExperimentTask.minimumId("adam", j));
                boolean both = ms != null && ma != null && ExperimentTask.counts(ms) && ExperimentTask.counts(ma);
                ts[idx] = both ? num(r.path("lambda_max_sgd")) : Double.NaN;
                ta[idx] = num(r.path("lambda_max_adam"));
                cs[idx] = num(r.path("curvature_along_segment_sgd"));
                ca[idx] = num(r.path("curvature_along_segment_adam"));
                double[] tt = arr(r.path("t"));
                double[] ll = arr(r.path("segment_loss"));
                double dist = num(r.path("distance"));
                ps[idx] = plottedCurvature(tt, ll, dist, 0);
                pa[idx] = plottedCurvature(tt, ll, dist, 1);
                csv.append(id).append(',').append(fmt(ts[idx])).append(',').append(fmt(ta[idx])).append(',')
                        .append(fmt(cs[idx])).append(',').append(fmt(ca[idx])).append(',').append(fmt(ps[idx]))
                        .append(',').append(fmt(pa[idx])).append(',').append(fmt(num(r.path("distance"))))
                        .append('\n');
                if (r.has("t")) {
                    if (firstPair == null) {
                        firstPair = r;
                    }
                    lines.add(new Plots.Series(firstPair == r ? "pair " + id.substring(5)
                            : lines.size() == 1 ? "other pairs" : id,
                            arr(r.path("t")), arr(r.path("segment_loss")), firstPair == r ? Plots.Look.LINE
                            : Plots.Look.FAINT_LINE, firstPair == r ? BLUE : GREY, firstPair == r || lines.size() == 1));
                }
            }
        }
        SafeFiles.writeString(out.resolve("fig7").resolve("fig7.csv"), csv.toString());
        files.add("fig7/fig7.csv");
        var a = Plots.xy("Fig. 7(a) loss on the line w(t) = w_SGD + t (w_Adam - w_SGD): t = 0 SGD, t = 1 Adam",
                "t", "training loss (" + plan.lossScaleName() + "-scaled, log scale)", lines, false, true);
        Plots.save(a, out.resolve("fig7").resolve("fig7a"));
        files.add("fig7/fig7a.png");
        if (firstPair != null) {
            double[] s = arr(firstPair.path("offset"));
            List<Plots.Series> close = new ArrayList<>();
            String[][] parts = {{"sgd_along_segment", "SGD minimum along the segment (Fig. 7b)"},
                {"adam_along_segment", "Adam minimum along the segment (Fig. 7c)"},
                {"sgd_along_top_eigenvector", "SGD minimum along its top eigenvector (Fig. 7d)"},
                {"adam_along_top_eigenvector", "Adam minimum along its top eigenvector (Fig. 7e)"}};
            Color[] colours = {BLUE, RED, GREEN, ORANGE};
            for (int p = 0; p < 4; p++) {
                double[] y = arr(firstPair.path(parts[p][0]));
                double centre = y[y.length / 2];
                double[] rise = new double[y.length];
                for (int q = 0; q < y.length; q++) {
                    rise[q] = y[q] - centre;
                }
                close.add(new Plots.Series(parts[p][1], s, rise, p < 2 ? Plots.Look.DASHED : Plots.Look.LINE,
                        colours[p]));
            }
            var b = Plots.xy("Fig. 7(b-e) loss rise around each minimum of pair " + firstPair.path("sgd").asText()
                            .replace("fig6-", "") + " / " + firstPair.path("adam").asText().replace("fig6-", ""),
                    "distance from the minimum along the unit direction (parameter space)",
                    "loss - loss at the minimum (" + plan.lossScaleName() + "-scaled)", close, false, false);
            Plots.save(b, out.resolve("fig7").resolve("fig7b"));
            files.add("fig7/fig7b.png");
        }
        return ClaimCheck.interpolationMisorders("sec6-interpolation-misleads", ts, ta, cs, ca, ps, pa);
    }

    /**
     * The curvature a reader of the plotted segment sees at {@code t0}: the second difference of the
     * plotted losses at the sample nearest {@code t0} and its neighbours, per unit of parameter
     * distance squared (the segment has length {@code dist} in parameter space). NaN when not plotted.
     */
    static double plottedCurvature(double[] t, double[] loss, double dist, double t0) {
        int best = -1;
        for (int k = 1; k + 1 < t.length; k++) {
            if (best < 0 || Math.abs(t[k] - t0) < Math.abs(t[best] - t0)) {
                best = k;
            }
        }
        if (best < 0 || !(dist > 0) || loss.length != t.length) {
            return Double.NaN;
        }
        double h = (t[best + 1] - t[best - 1]) / 2 * dist;
        return (loss[best - 1] - 2 * loss[best] + loss[best + 1]) / (h * h);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static double[] fitLine(double[] x, double[] y) {
        List<double[]> p = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                p.add(new double[] {x[i], y[i]});
            }
        }
        if (p.size() < 2) {
            return null;
        }
        ClaimCheck.Fit f = ClaimCheck.Fit.of(p.stream().mapToDouble(q -> q[0]).toArray(),
                p.stream().mapToDouble(q -> q[1]).toArray());
        return new double[] {f.slope(), f.intercept()};
    }

    static double num(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    static double[] arr(JsonNode n) {
        double[] a = new double[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = num(n.get(i));
        }
        return a;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : a) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return Double.isInfinite(m) ? Double.NaN : m;
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static Object finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static String fmt3(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    static String fmt(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "";
    }
}
