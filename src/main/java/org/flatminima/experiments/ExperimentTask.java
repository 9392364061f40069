package org.flatminima.experiments;

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

    /**
     * The tasks of {@code figures} (names from {@link ExperimentPlan#FIGURES}; "fig5" brings Fig. 4's
     * tiles, which it is compared with; "fig7" brings Fig. 6's minima; "fig4" brings the linear
     * check), in a fixed order: tiles by depth and step, linear runs, minima, pairs.
     */
    public static List<ExperimentTask> plan(ExperimentPlan plan, Set<String> figures) {
        boolean f4 = figures.contains("fig4") || figures.contains("fig5");
        boolean f5 = figures.contains("fig5");
        boolean lin = figures.contains("fig4") || figures.contains("linear");
        boolean f6 = figures.contains("fig6") || figures.contains("fig7");
        boolean f7 = figures.contains("fig7");
        List<ExperimentTask> out = new ArrayList<>();
        double[] steps = plan.steps();
        int[] depths = plan.depths();
        for (String init : new String[] {"identity", "he"}) {
            if (init.equals("identity") ? !f4 : !f5) {
                continue;
            }
            String fig = init.equals("identity") ? "fig4" : "fig5";
            for (int m : depths) {
                for (int s = 0; s < steps.length; s++) {
                    out.add(new ExperimentTask(String.format(Locale.ROOT, "%s-m%02d-s%02d", fig, m, s), fig, Kind.GRID,
                            m, steps[s], init, "sgd", plan.seed(), 0, (double) m * plan.epochs()));
                }
            }
        }
        if (lin) {
            for (int m : depths) {
                for (int s = 0; s < LINEAR_STEPS.length; s++) {
                    out.add(new ExperimentTask(String.format(Locale.ROOT, "linear-m%02d-s%02d", m, s), "linear",
                            Kind.LINEAR, m, LINEAR_STEPS[s], "identity", "gd", 0, 0,
                            (double) m * plan.linearEpochs() / 10.0));
                }
            }
        }
        if (f6) {
            for (String opt : new String[] {"sgd", "adam"}) {
                for (int k = 1; k <= plan.fig6Seeds(); k++) {
                    out.add(new ExperimentTask(minimumId(opt, k), "fig6", Kind.MINIMUM, plan.fig6Depth(),
                            opt.equals("sgd") ? plan.sgdStep() : plan.adamStep(), "he", opt, k, 0,
                            (double) plan.fig6Depth() * plan.fig6Epochs() * 1.5));
                }
            }
        }
        if (f7) {
            for (int i = 1; i <= plan.fig6Seeds(); i++) {
                for (int j = 1; j <= plan.fig6Seeds(); j++) {
                    out.add(new ExperimentTask("fig7-sgd" + i + "-adam" + j, "fig7", Kind.PAIR, plan.fig6Depth(), 0,
                            "he", "pair", i, j, plan.fig6Depth() * 5.0));
                }
            }
        }
        return out;
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
