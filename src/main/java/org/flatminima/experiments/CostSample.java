package org.flatminima.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flatminima.data.Dataset;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.TrainingLoss;

/**
 * Measures a plan's per-task costs briefly and extrapolates them with the plan's cost model, for
 * cluster users: at a few sample depths it times {@code steps} SGD steps (batch of the plan), one
 * loss evaluation and one exact Hessian-vector product (each after one untimed warm-up) on a {@code subset} of the samples, fits
 * time = a + b m for each, and scales to a task: a grid tile trains its full epoch budget (an upper
 * bound: settled runs stop earlier) and runs the plan's Lanczos iterations, one product each; a Fig. 6
 * minimum likewise with Fig. 6's budget; a Fig. 7 pair evaluates its line points and two products.
 * Every estimate is labelled as an extrapolation.
 */
public final class CostSample {
    private CostSample() {}

    /** Seconds per SGD step, per full-data loss, per full-data Hessian-vector product at one depth. */
    public record Measured(int depth, double stepSeconds, double lossSeconds, double hvpSeconds) {}

    /** One class of tasks: how many, estimated seconds each, and heap each. */
    public record Row(String kind, String depths, int count, double secondsEach, double secondsTotal, long heapBytes) {}

    /** Times depth {@code m}; {@code subset} samples for the loss and the Hessian product (scaled to all). */
    public static Measured measure(ExperimentPlan plan, Dataset data, int m, int steps, int subset) {
        Network net = Network.uniform(plan.width(), m, Activation.RELU, false);
        double[] w = net.heParameters(plan.seed());
        TrainingLoss<?> full = new TrainingLoss<>(net, data, plan.precision(), plan.lossScale(),
                TrainingLoss.DEFAULT_BLOCK);
        double step = timeSteps(full, w, plan.batch(), steps);
        Dataset part = data.firstSamples(subset);
        TrainingLoss<?> small = new TrainingLoss<>(net, part, plan.precision(), plan.lossScale(),
                TrainingLoss.DEFAULT_BLOCK);
        double scale = (double) data.n() / part.n();
        value(small, w);
        long t0 = cpuNanos();
        value(small, w);
        double loss = (cpuNanos() - t0) / 1e9 * scale;
        double hvp = timeHvp(small, w) * scale;
        return new Measured(m, step, loss, hvp);
    }

    private static <A> double timeSteps(TrainingLoss<A> loss, double[] w, int batch, int steps) {
        A p = loss.parameters(w);
        A g = loss.arithmetic().allocate(w.length);
        int[] order = new int[loss.samples()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        loss.batchValueAndGradient(p, order, 0, batch, g);
        loss.batchValueAndGradient(p, order, 0, batch, g);
        long t0 = cpuNanos();
        for (int s = 0; s < steps; s++) {
            int from = (s * batch) % Math.max(1, loss.samples() - batch);
            loss.batchValueAndGradient(p, order, from, from + batch, g);
            loss.arithmetic().axpy(w.length, -1e-6, g, 0, p, 0);
        }
        return (cpuNanos() - t0) / 1e9 / steps;
    }

    /**
     * CPU time of the calling thread in nanoseconds: BLAS runs single-threaded in this thread, so
     * this is the core time a cluster is charged, unlike wall time on a shared, loaded machine.
     */
    static long cpuNanos() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static <A> double value(TrainingLoss<A> loss, double[] w) {
        return loss.value(loss.parameters(w));
    }

    private static <A> double timeHvp(TrainingLoss<A> loss, double[] w) {
        TrainingLoss<A>.Hessian h = loss.hessian(loss.parameters(w), 0);
        double[] v = new double[w.length];
        v[0] = 1;
        double[] out = new double[w.length];
        h.apply(v, out);
        long t0 = cpuNanos();
        h.apply(out.clone(), out);
        return (cpuNanos() - t0) / 1e9;
    }

    /** a + b m through the measured points (least squares), evaluated at {@code m}. */
    static double at(List<Measured> ms, java.util.function.ToDoubleFunction<Measured> f, int m) {
        double[] x = ms.stream().mapToDouble(Measured::depth).toArray();
        double[] y = ms.stream().mapToDouble(f).toArray();
        if (x.length == 1) {
            return y[0] * m / x[0];
        }
        ClaimCheck.Fit fit = ClaimCheck.Fit.of(x, y);
        return Math.max(fit.intercept() + fit.slope() * m, Math.min(y[0], y[y.length - 1]) * 0.5);
    }

    /** The per-class estimates for every task of {@code plan} (follow-ups counted at their most). */
    public static List<Row> estimate(ExperimentPlan plan, List<Measured> ms, long maxHeap) {
        Set<String> figs = Set.copyOf(ExperimentPlan.FIGURES);
        List<ExperimentTask> tasks = new ArrayList<>(ExperimentTask.plan(plan, figs));
        int stepsPerEpoch = (plan.samples() + plan.batch() - 1) / plan.batch();
        Map<String, double[]> acc = new LinkedHashMap<>();
        Map<String, long[]> heap = new LinkedHashMap<>();
        Map<String, int[]> depthRange = new LinkedHashMap<>();
        for (ExperimentTask t : tasks) {
            add(plan, ms, t, stepsPerEpoch, maxHeap, acc, heap, depthRange, 1);
        }
        int refinements = 2 * plan.gridSeeds() * plan.depths().length * plan.refineRounds();
        ExperimentTask ref = new ExperimentTask("r", "fig4", ExperimentTask.Kind.GRID, plan.depths()[
                plan.depths().length / 2], 1, "identity", "sgd", 1, 0, 0);
        add(plan, ms, ref, stepsPerEpoch, maxHeap, acc, heap, depthRange, refinements);
        ExperimentTask sgd = new ExperimentTask("s", "fig6", ExperimentTask.Kind.MINIMUM, plan.fig6Depth(), 1, "he",
                "sgd", 1, 0, 0);
        if (plan.sgdStep() <= 0) {
            add(plan, ms, sgd, stepsPerEpoch, maxHeap, acc, heap, depthRange, plan.fig6Seeds());
        }
        ExperimentTask pair = new ExperimentTask("p", "fig7", ExperimentTask.Kind.PAIR, plan.fig6Depth(), 0, "he",
                "pair", 1, 1, 0);
        add(plan, ms, pair, stepsPerEpoch, maxHeap, acc, heap, depthRange, plan.fig6Seeds() * plan.fig6Seeds());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : acc.entrySet()) {
            double[] a = e.getValue();
            int[] d = depthRange.get(e.getKey());
            rows.add(new Row(e.getKey(), d[0] == d[1] ? Integer.toString(d[0]) : d[0] + "-" + d[1], (int) a[1],
                    a[0] / a[1], a[0], heap.get(e.getKey())[0]));
        }
        return rows;
    }

    private static void add(ExperimentPlan plan, List<Measured> ms, ExperimentTask t, int stepsPerEpoch, long maxHeap,
            Map<String, double[]> acc, Map<String, long[]> heap, Map<String, int[]> depths, int times) {
        int m = t.depth();
        double step = at(ms, Measured::stepSeconds, m);
        double loss = at(ms, Measured::lossSeconds, m);
        double hvp = at(ms, Measured::hvpSeconds, m);
        double epoch = stepsPerEpoch * step + loss;
        String kind;
        double s;
        switch (t.kind()) {
            case GRID -> {
                kind = t.id().startsWith("fig5b") ? "Fig. 5(b) runs (18 layers, step 2.25)" : t.id().equals("r")
                        ? "edge refinement tiles (at most)" : "Fig. 4/5 grid tiles";
                s = plan.epochs() * epoch + plan.lanczosIterations() * hvp;
            }
            case LINEAR -> {
                kind = "linear-check runs (full batch)";
                s = plan.linearEpochs() * (stepsPerEpoch * step) + plan.lanczosIterations() * hvp;
            }
            case MINIMUM -> {
                kind = "Fig. 6 minima (" + t.optimiser() + ")";
                s = plan.fig6Epochs() * epoch + plan.lanczosIterations() * hvp
                        + plan.gainStarts() * plan.gainIterations() * step / plan.batch() * 2;
            }
            default -> {
                kind = "Fig. 7 pairs";
                s = (plan.linePoints() + 4 * TaskRunner.CLOSE_UP_POINTS) * loss + 2 * hvp;
            }
        }
        acc.computeIfAbsent(kind, k -> new double[2]);
        acc.get(kind)[0] += s * times;
        acc.get(kind)[1] += times;
        heap.computeIfAbsent(kind, k -> new long[1]);
        heap.get(kind)[0] = Math.max(heap.get(kind)[0], SlurmScript.heapBytes(plan, t, maxHeap));
        depths.computeIfAbsent(kind, k -> new int[] {m, m});
        depths.get(kind)[0] = Math.min(depths.get(kind)[0], m);
        depths.get(kind)[1] = Math.max(depths.get(kind)[1], m);
    }

    /** The Markdown block of the measurements and the table. */
    public static String markdown(ExperimentPlan plan, List<Measured> ms, List<Row> rows, int steps, int subset,
            String load, java.time.ZonedDateTime now) {
        StringBuilder sb = new StringBuilder("<!-- costs:" + plan.scale() + " begin -->\n");
        sb.append(String.format(Locale.ROOT, "Written by `flatminima experiment costs --scale %s --out ...` on %s UTC"
                + " (load average %s on the measuring machine, one BLAS thread; %s). **Measured** in CPU seconds of the"
                + " measuring thread (the core time a cluster charges; wall time on this shared machine was several"
                + " times longer): %d SGD steps"
                + " (batch %d) per sample depth, one loss and one exact Hessian-vector product (after a warm-up each) on the first %d of"
                + " %d samples, scaled to all. **Extrapolated** (not measured): the per-task times below, from"
                + " time = a + b m fitted through the sample depths and each task's full budget.%n%n",
                plan.scale(), now.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), load,
                org.flatminima.nn.Blas.description(), steps, plan.batch(), subset, plan.samples()));
        sb.append("| depth m | CPU s per SGD step | CPU s per full-data loss | CPU s per Hessian-vector product |\n|---|---|---|---|\n");
        for (Measured m : ms) {
            sb.append(String.format(Locale.ROOT, "| %d | %.3g | %.3g | %.3g |%n", m.depth(), m.stepSeconds(),
                    m.lossSeconds(), m.hvpSeconds()));
        }
        sb.append("\n| tasks | depths | count | est. CPU s each (mean) | est. core-hours | heap each (max) |\n"
                + "|---|---|---|---|---|---|\n");
        double total = 0;
        for (Row r : rows) {
            total += r.secondsTotal();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.1f GiB |%n", r.kind(), r.depths(),
                    r.count(), r.secondsEach(), r.secondsTotal() / 3600, r.heapBytes() / (double) (1L << 30)));
        }
        sb.append(String.format(Locale.ROOT, "| **total** | | | | **%.0f** | |%n", total / 3600));
        return sb.append("<!-- costs:").append(plan.scale()).append(" end -->\n").toString();
    }
}
