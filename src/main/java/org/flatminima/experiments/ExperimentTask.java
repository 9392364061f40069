package org.flatminima.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One independent unit of an experiment: a training run with its sharpness (a tile of Fig. 4 or 5,
 * a run of the linear check, a minimum of Fig. 6), or a pair of Fig. 6 minima compared along lines
 * (Fig. 7). Its result is a JSON file written as soon as it finishes.
 *
 * @param id stable identifier and file name, e.g. {@code fig4-m06-s03}
 * @param figure the figure it belongs to: fig4, fig5, fig6, fig7 or linear
 * @param kind what it computes
 * @param depth network depth m
 * @param step the step size in element-loss units (SGD or Adam)
 * @param init "identity" or "he"
 * @param optimiser "sgd" or "adam"
 * @param seed initialisation and shuffle seed (for a pair: the SGD minimum's seed)
 * @param otherSeed for a pair: the Adam minimum's seed; otherwise 0
 * @param cost relative cost, for the progress estimate
 */
public record ExperimentTask(String id, String figure, Kind kind, int depth, double step, String init,
        String optimiser, long seed, long otherSeed, double cost) {

    /** What a task computes. */
    public enum Kind { GRID, LINEAR, MINIMUM, PAIR }

    /** Step sizes of the linear check, in element-loss units (assumed). */
    public static final double[] LINEAR_STEPS = {1, 2, 4, 8};

    /** The fields that define the task (compared on resume and merge). */
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("figure", figure);
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("depth", depth);
        m.put("step", step);
        m.put("init", init);
        m.put("optimiser", optimiser);
        m.put("seed", seed);
        m.put("other_seed", otherSeed);
        return m;
    }

    /** The id of the Fig. 6 minimum trained with {@code optimiser} and {@code seed}. */
    public static String minimumId(String optimiser, long seed) {
        return "fig6-" + optimiser + "-seed" + seed;
    }

    /** Depth of the paper's Fig. 5(b) runs (Section 6: 18 layers). */
    public static final int FIG5B_DEPTH = 18;
    /** Step of the paper's Fig. 5(b) runs (Section 6: 2.25, element-loss units here). */
    public static final double FIG5B_STEP = 2.25;

    /** The id of the Fig. 5(b) run with initialisation {@code init} ("identity" or "he"). */
    public static String fig5bId(String init) {
        return "fig5b-" + init + "-m" + FIG5B_DEPTH;
    }

    /** The id of grid tile {@code stepIndex} of {@code figure} at depth {@code depth} for grid seed number {@code k}. */
    public static String gridId(String figure, int k, int depth, int stepIndex) {
        return String.format(Locale.ROOT, "%s-k%d-m%02d-s%02d", figure, k, depth, stepIndex);
    }

    /** The id of refinement round {@code round} (1-based) of {@code figure}, grid seed {@code k}, depth {@code depth}. */
    public static String refineId(String figure, int k, int depth, int round) {
        return String.format(Locale.ROOT, "%s-k%d-m%02d-r%d", figure, k, depth, round);
    }

    /**
     * The tasks of {@code figures} that need no other task's result (names from
     * {@link ExperimentPlan#FIGURES}; "fig5" brings Fig. 4's tiles, which it is compared with; "fig6"
     * and "fig7" bring the He sweep at Fig. 6's depth, which sets the SGD step, and "fig7" brings
     * Fig. 6's minima; "fig4" brings the linear check), in a fixed order: tiles by init, seed, depth and
     * step, linear runs, Adam minima. The tasks that depend on results are {@link #followUps}.
     */
    public static List<ExperimentTask> plan(ExperimentPlan plan, Set<String> figures) {
        boolean f5 = figures.contains("fig5");
        boolean lin = figures.contains("fig4") || figures.contains("linear");
        boolean f6 = figures.contains("fig6") || figures.contains("fig7");
        List<ExperimentTask> out = new ArrayList<>();
        double[] steps = plan.steps();
        for (String init : new String[] {"identity", "he"}) {
            String fig = init.equals("identity") ? "fig4" : "fig5";
            for (int k = 1; k <= plan.gridSeeds(); k++) {
                for (int m : gridDepths(plan, figures, fig)) {
                    for (int s = 0; s < steps.length; s++) {
                        out.add(new ExperimentTask(gridId(fig, k, m, s), fig, Kind.GRID, m, steps[s], init, "sgd",
                                plan.seed() + k - 1, 0, (double) m * plan.epochs()));
                    }
                }
            }
        }
        if (f5) {
            for (String init : new String[] {"identity", "he"}) {
                out.add(new ExperimentTask(fig5bId(init), "fig5", Kind.GRID, FIG5B_DEPTH, FIG5B_STEP, init, "sgd",
                        plan.seed(), 0, (double) FIG5B_DEPTH * plan.epochs()));
            }
        }
        if (lin) {
            for (int m : plan.depths()) {
                for (int s = 0; s < LINEAR_STEPS.length; s++) {
                    out.add(new ExperimentTask(String.format(Locale.ROOT, "linear-m%02d-s%02d", m, s), "linear",
                            Kind.LINEAR, m, LINEAR_STEPS[s], "identity", "gd", 0, 0,
                            (double) m * plan.linearEpochs() / 10.0));
                }
            }
        }
        if (f6) {
            for (int k = 1; k <= plan.fig6Seeds(); k++) {
                out.add(minimum(plan, "adam", k, plan.adamStep()));
            }
            if (plan.sgdStep() > 0) {
                for (int k = 1; k <= plan.fig6Seeds(); k++) {
                    out.add(minimum(plan, "sgd", k, plan.sgdStep()));
                }
            }
        }
        return out;
    }

    /** The depths of {@code fig}'s grid that {@code figures} need (Fig. 6's depth alone for the SGD step). */
    static int[] gridDepths(ExperimentPlan plan, Set<String> figures, String fig) {
        boolean full = fig.equals("fig4") ? figures.contains("fig4") || figures.contains("fig5")
                : figures.contains("fig5");
        boolean f6 = fig.equals("fig5") && plan.sgdStep() <= 0 && (figures.contains("fig6")
                || figures.contains("fig7"));
        if (full) {
            return plan.depths();
        }
        return f6 ? new int[] {plan.fig6Depth()} : new int[0];
    }

    private static ExperimentTask minimum(ExperimentPlan plan, String opt, int k, double step) {
        return new ExperimentTask(minimumId(opt, k), "fig6", Kind.MINIMUM, plan.fig6Depth(), step, "he", opt, k, 0,
                (double) plan.fig6Depth() * plan.fig6Epochs() * 1.5);
    }

    /**
     * Every task of {@code figures}: {@link #plan} and the tasks that the finished ones in
     * {@code done} (id to task file) make known: the refinement rounds of each grid column (round r
     * once its column and rounds before r are finished), the Fig. 6 SGD minima (once the He sweep at
     * Fig. 6's depth is refined, when the plan takes the step from it) and the Fig. 7 pairs.
     */
    public static List<ExperimentTask> all(ExperimentPlan plan, Set<String> figures, Map<String, JsonNode> done) {
        List<ExperimentTask> out = new ArrayList<>(plan(plan, figures));
        out.addAll(followUps(plan, figures, done));
        return out;
    }

    /** The follow-up tasks of {@link #all}, in a fixed order. */
    public static List<ExperimentTask> followUps(ExperimentPlan plan, Set<String> figures, Map<String, JsonNode> done) {
        List<ExperimentTask> out = new ArrayList<>();
        for (String fig : new String[] {"fig4", "fig5"}) {
            for (int k = 1; k <= plan.gridSeeds(); k++) {
                for (int m : gridDepths(plan, figures, fig)) {
                    out.addAll(column(plan, fig, k, m, done).refinements());
                }
            }
        }
        boolean f6 = figures.contains("fig6") || figures.contains("fig7");
        List<Integer> sgdSeeds = new ArrayList<>();
        if (f6) {
            boolean fixed = plan.sgdStep() > 0;
            double[] steps = fixed ? null : sweepSteps(plan, done);
            for (int k = 1; k <= plan.fig6Seeds(); k++) {
                if (fixed) {
                    sgdSeeds.add(k);
                } else if (steps != null && Double.isFinite(steps[k - 1])) {
                    out.add(minimum(plan, "sgd", k, steps[k - 1]));
                    sgdSeeds.add(k);
                }
            }
        }
        if (figures.contains("fig7")) {
            for (int i : sgdSeeds) {
                for (int j = 1; j <= plan.fig6Seeds(); j++) {
                    out.add(new ExperimentTask("fig7-sgd" + i + "-adam" + j, "fig7", Kind.PAIR, plan.fig6Depth(), 0,
                            "he", "pair", i, j, plan.fig6Depth() * 5.0));
                }
            }
        }
        return out;
    }

    /**
     * An upper bound on the cost of the follow-up tasks of {@code figures} (every refinement round of
     * every column, the Fig. 6 SGD minima and every Fig. 7 pair), for progress estimates before their
     * number is known.
     */
    public static double followUpCostBound(ExperimentPlan plan, Set<String> figures) {
        double c = 0;
        for (String fig : new String[] {"fig4", "fig5"}) {
            for (int m : gridDepths(plan, figures, fig)) {
                c += (double) plan.gridSeeds() * plan.refineRounds() * m * plan.epochs();
            }
        }
        if ((figures.contains("fig6") || figures.contains("fig7")) && plan.sgdStep() <= 0) {
            c += plan.fig6Seeds() * (double) plan.fig6Depth() * plan.fig6Epochs() * 1.5;
        }
        if (figures.contains("fig7")) {
            c += (double) plan.fig6Seeds() * plan.fig6Seeds() * plan.fig6Depth() * 5.0;
        }
        return c;
    }

    /**
     * The Fig. 6 SGD steps taken from the He sweep, by Fig. 6 seed: for seed k with a swept column of
     * the same initialisation (grid seed number k has seed value k), the largest step that counts in
     * that column at Fig. 6's depth ("the largest stable step for that initialisation"); for a seed
     * without its own column, the smallest of the swept seeds' steps. Null until every column and its
     * refinement are finished; NaN for a seed with no step that counts.
     */
    public static double[] sweepSteps(ExperimentPlan plan, Map<String, JsonNode> done) {
        if (!sweepComplete(plan, done)) {
            return null;
        }
        double[] own = new double[plan.gridSeeds()];
        double least = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= plan.gridSeeds(); k++) {
            own[k - 1] = column(plan, "fig5", k, plan.fig6Depth(), done).largestCounting();
            if (Double.isFinite(own[k - 1])) {
                least = Math.min(least, own[k - 1]);
            }
        }
        double[] out = new double[plan.fig6Seeds()];
        for (int k = 1; k <= out.length; k++) {
            boolean swept = k <= plan.gridSeeds() && plan.seed() + k - 1 == k;
            out[k - 1] = swept ? own[k - 1] : Double.isFinite(least) ? least : Double.NaN;
        }
        return out;
    }

    /** Whether every seed's He column at Fig. 6's depth and its refinement are finished. */
    public static boolean sweepComplete(ExperimentPlan plan, Map<String, JsonNode> done) {
        for (int k = 1; k <= plan.gridSeeds(); k++) {
            if (!column(plan, "fig5", k, plan.fig6Depth(), done).complete()) {
                return false;
            }
        }
        return true;
    }

    /**
     * One grid column (figure, grid seed, depth) with what its finished tiles and rounds say.
     *
     * @param steps the steps tried so far, grid and finished rounds
     * @param counts whether each counted as a minimum
     * @param refinements the refinement tasks known (finished, or next to run)
     * @param complete whether the grid and every round it needs are finished
     */
    public record Column(List<Double> steps, List<Boolean> counts, List<ExperimentTask> refinements,
            boolean complete) {
        /** The largest step that counts, or NaN. */
        public double largestCounting() {
            double lo = Double.NaN;
            for (int i = 0; i < steps.size(); i++) {
                if (counts.get(i) && !(steps.get(i) <= lo)) {
                    lo = steps.get(i);
                }
            }
            return lo;
        }

        /** The smallest step above {@link #largestCounting()} that does not count, or NaN. */
        public double smallestFailingAbove() {
            double lo = largestCounting();
            double hi = Double.NaN;
            for (int i = 0; i < steps.size(); i++) {
                double s = steps.get(i);
                if (!counts.get(i) && s > lo && !(s >= hi)) {
                    hi = s;
                }
            }
            return Double.isFinite(lo) ? hi : Double.NaN;
        }
    }

    /** The column of {@code fig}, grid seed {@code k}, depth {@code m}, from the finished tasks in {@code done}. */
    public static Column column(ExperimentPlan plan, String fig, int k, int m, Map<String, JsonNode> done) {
        List<Double> steps = new ArrayList<>();
        List<Boolean> counts = new ArrayList<>();
        List<ExperimentTask> rounds = new ArrayList<>();
        double[] grid = plan.steps();
        for (int s = 0; s < grid.length; s++) {
            JsonNode t = done.get(gridId(fig, k, m, s));
            if (t == null) {
                return new Column(steps, counts, rounds, false);
            }
            steps.add(grid[s]);
            counts.add(counts(t));
        }
        String init = fig.equals("fig4") ? "identity" : "he";
        for (int r = 1; r <= plan.refineRounds(); r++) {
            Column sofar = new Column(steps, counts, rounds, false);
            double lo = sofar.largestCounting();
            double hi = sofar.smallestFailingAbove();
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                return new Column(steps, counts, rounds, true);
            }
            ExperimentTask t = new ExperimentTask(refineId(fig, k, m, r), fig, Kind.GRID, m, Math.sqrt(lo * hi), init,
                    "sgd", plan.seed() + k - 1, 0, (double) m * plan.epochs());
            rounds.add(t);
            JsonNode d = done.get(t.id());
            if (d == null) {
                return new Column(steps, counts, rounds, false);
            }
            steps.add(t.step());
            counts.add(counts(d));
        }
        return new Column(steps, counts, rounds, true);
    }

    /** Whether a finished training task's result counts as a minimum ({@link RunCriteria}). */
    public static boolean counts(JsonNode task) {
        return task.path("result").path("standing").asText().equals(RunCriteria.Standing.COUNTS.label());
    }

    /**
     * The tasks of shard {@code index} (1-based) of {@code count}: every task whose position in
     * {@code tasks} is congruent to {@code index - 1} modulo {@code count}. Deterministic, and the
     * shards partition the list.
     */
    public static List<ExperimentTask> shard(List<ExperimentTask> tasks, int index, int count) {
        List<ExperimentTask> out = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (i % count == index - 1) {
                out.add(tasks.get(i));
            }
        }
        return out;
    }
}
