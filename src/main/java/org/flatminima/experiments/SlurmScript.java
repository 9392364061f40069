package org.flatminima.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flatminima.io.SafeFiles;
import org.flatminima.nn.TrainingLoss;

/**
 * Writes the Slurm scripts that run an experiment on a cluster: a job array over {@code --shard I/N}
 * (each element resumable), a merge job that runs once the whole array succeeded
 * ({@code --dependency=afterok}) and then finishes the follow-up tasks (edge refinement, the Fig. 6
 * SGD minima whose step comes from the sweep, the Fig. 7 pairs) and the figures, and a re-submission
 * script for the elements that did not finish. CPU and memory requests come from the plan's own
 * estimates ({@link #heapBytes}): an array requests what its largest task needs, with {@code threads}
 * BLAS threads per element (OpenBLAS reads OPENBLAS_NUM_THREADS).
 */
public final class SlurmScript {
    private static final long MIB = 1L << 20;
    /** Heap the JVM itself and the libraries need besides the arrays. */
    static final long BASE_HEAP = 384 * MIB;

    private SlurmScript() {}

    /**
     * Settings of the emitted scripts.
     *
     * @param what the experiment argument (fig4 ... all)
     * @param plan the plan (scale and loss scale)
     * @param figures the figures it selects
     * @param shards array elements N
     * @param threads BLAS threads (and CPUs) per array element
     * @param mergeThreads BLAS threads (and CPUs) of the merge job, which runs the follow-up tasks
     * @param maxHeap the largest heap a task may use (tasks whose Lanczos basis does not fit in half of it
     *     use the power method, as {@link TaskRunner} decides)
     * @param launcher the path of the flatminima launcher on the cluster
     * @param runDir where the shard and merged directories go (absolute)
     * @param time the time limit of each job (Slurm syntax)
     * @param partition the partition, or null for the cluster's default
     */
    public record Options(String what, ExperimentPlan plan, Set<String> figures, int shards, int threads,
            int mergeThreads, long maxHeap, String launcher, Path runDir, String time, String partition) {}

    /** The heap a task needs by the plan's estimate: data, parameters and optimiser state, activations, Lanczos basis. */
    public static long heapBytes(ExperimentPlan plan, ExperimentTask t, long maxHeap) {
        long d = plan.width();
        long params = (long) t.depth() * d * d;
        long data = (long) plan.samples() * d * 8 * 4;
        long state = params * 8 * (t.kind() == ExperimentTask.Kind.PAIR ? 10 : 6);
        long block = Math.min(plan.samples(), TrainingLoss.DEFAULT_BLOCK);
        long activations = block * d * (t.depth() + 1) * 8 * 4;
        long lanczos = (long) plan.lanczosIterations() * params * 8;
        long arrays = data + state + activations + (lanczos <= maxHeap / 2 ? lanczos : 0);
        return BASE_HEAP + arrays + arrays / 2;
    }

    /** The largest {@link #heapBytes} over {@code tasks}, rounded up to 256 MiB. */
    public static long heapFor(ExperimentPlan plan, List<ExperimentTask> tasks, long maxHeap) {
        long h = BASE_HEAP;
        for (ExperimentTask t : tasks) {
            h = Math.max(h, heapBytes(plan, t, maxHeap));
        }
        long q = 256 * MIB;
        return Math.min(maxHeap, (h + q - 1) / q * q);
    }

    /** One job array: its name, the depths it runs (null: all), elements, BLAS threads, and its tasks. */
    record Array(String name, int[] depths, int shards, int threads, List<ExperimentTask> tasks) {
        String file() {
            return name.isEmpty() ? "array.sbatch" : "array-" + name + ".sbatch";
        }

        String tag() {
            return name.isEmpty() ? "shard-" : "shard-" + name + "-";
        }
    }

    /**
     * The arrays of {@code o}: one over every task, or with {@code heavyFrom} > 0 two, the tasks of
     * depth below it with one BLAS thread and those at or above it with {@code threads}, the elements
     * split in proportion to the plan's cost estimates (at least one each).
     */
    static List<Array> arrays(Options o, int heavyFrom) {
        List<ExperimentTask> tasks = ExperimentTask.plan(o.plan(), o.figures());
        List<ExperimentTask> light = tasks.stream().filter(t -> t.depth() < heavyFrom).toList();
        List<ExperimentTask> heavy = tasks.stream().filter(t -> t.depth() >= heavyFrom).toList();
        if (heavyFrom <= 0 || light.isEmpty() || heavy.isEmpty() || o.shards() < 2) {
            return List.of(new Array("", null, o.shards(), o.threads(), tasks));
        }
        double cl = light.stream().mapToDouble(ExperimentTask::cost).sum();
        double ch = heavy.stream().mapToDouble(ExperimentTask::cost).sum();
        int nl = (int) Math.max(1, Math.min(o.shards() - 1, Math.round(o.shards() * cl / (cl + ch))));
        return List.of(new Array("light", new int[] {0, heavyFrom - 1}, nl, 1, light),
                new Array("heavy", new int[] {heavyFrom, Integer.MAX_VALUE}, o.shards() - nl, o.threads(), heavy));
    }

    /** Writes submit.sh, array.sbatch, merge.sbatch and resubmit.sh into {@code dir}; returns their names. */
    public static List<String> write(Path dir, Options o) {
        return write(dir, o, 0);
    }

    /**
     * As {@link #write(Path, Options)}; with {@code heavyFrom} > 0 the tasks of that depth and deeper go
     * to a second array with {@code threads} BLAS threads per element (array-light.sbatch,
     * array-heavy.sbatch), the others run single-threaded.
     */
    public static List<String> write(Path dir, Options o, int heavyFrom) {
        List<ExperimentTask> tasks = ExperimentTask.plan(o.plan(), o.figures());
        List<ExperimentTask> followUps = new ArrayList<>(tasks);
        followUps.add(new ExperimentTask("pair", "fig7", ExperimentTask.Kind.PAIR, o.plan().fig6Depth(), 0, "he",
                "pair", 0, 0, 0));
        long mergeHeap = heapFor(o.plan(), followUps, o.maxHeap());
        String common = String.format(Locale.ROOT, "--scale %s --loss-scale %s", o.plan().scale(),
                o.plan().lossScaleName());
        String runs = o.runDir().toString();
        String head = "#!/bin/bash\n# Written by `flatminima experiment " + o.what() + " " + common + " --emit-slurm`;"
                + " plan: " + tasks.size() + " tasks before follow-ups.\n";
        String part = o.partition() == null ? "" : "#SBATCH --partition=" + o.partition() + "\n";
        List<Array> arrays = arrays(o, heavyFrom);
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        StringBuilder dirs = new StringBuilder();
        StringBuilder submit = new StringBuilder("#!/bin/bash\n# Submits the job array(s) and the merge that runs"
                + " after they succeeded.\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\nmkdir -p \"" + runs
                + "/logs\"\ndeps=\"\"\n");
        StringBuilder resubmit = new StringBuilder("#!/bin/bash\n# Re-submits, with --resume, the array elements"
                + " that left no done marker, and a new merge after them.\nset -euo pipefail\ncd \"$(dirname"
                + " \"$0\")\"\ndeps=\"\"\n");
        for (Array a : arrays) {
            long heap = heapFor(o.plan(), a.tasks(), o.maxHeap());
            String select = a.depths() == null ? "" : " --depths " + a.depths()[0] + "-"
                    + Math.min(a.depths()[1], 999);
            names.add(a.file());
            texts.add(head
                    + "#SBATCH --job-name=flatminima-" + o.plan().scale() + (a.name().isEmpty() ? "" : "-" + a.name())
                    + "\n"
                    + "#SBATCH --array=1-" + a.shards() + "\n"
                    + "#SBATCH --cpus-per-task=" + a.threads() + "\n"
                    + "#SBATCH --mem=" + slurmMem(heap) + "\n"
                    + "#SBATCH --time=" + o.time() + "\n"
                    + part
                    + "#SBATCH --output=" + runs + "/logs/" + a.tag() + "%a.log\n"
                    + "set -euo pipefail\n"
                    + "export OPENBLAS_NUM_THREADS=" + a.threads() + "\n"
                    + "export FLATMINIMA_JAVA_OPTS=\"-Xmx" + heap / MIB + "m\"\n"
                    + "i=$SLURM_ARRAY_TASK_ID\n"
                    + "# --resume: a re-submitted element skips the tasks it finished and resumes from checkpoints\n"
                    + o.launcher() + " experiment " + o.what() + " " + common + select + " --shard \"$i/"
                    + a.shards() + "\" --resume --quiet --out \"" + runs + "/" + a.tag() + "$i\"\n"
                    + "mkdir -p \"" + runs + "/done\" && touch \"" + runs + "/done/" + a.tag() + "$i\"\n");
            for (int i = 1; i <= a.shards(); i++) {
                dirs.append(" \"").append(runs).append('/').append(a.tag()).append(i).append('"');
            }
            submit.append("jid=$(sbatch --parsable ").append(a.file()).append(")\ndeps=\"$deps:${jid%%;*}\"\n")
                    .append("echo \"array ${jid%%;*} (").append(a.shards()).append(" elements, ").append(a.threads())
                    .append(a.threads() == 1 ? " thread" : " threads").append(a.depths() == null ? "" : ", depths "
                    + select.substring(" --depths ".length())).append(")\"\n");
            resubmit.append("failed=()\nfor i in $(seq 1 ").append(a.shards()).append("); do [ -e \"").append(runs)
                    .append("/done/").append(a.tag()).append("$i\" ] || failed+=(\"$i\"); done\n")
                    .append("if [ ${#failed[@]} -gt 0 ]; then\n  list=$(IFS=,; echo \"${failed[*]}\")\n")
                    .append("  jid=$(sbatch --parsable --array=\"$list\" ").append(a.file()).append(")\n")
                    .append("  deps=\"$deps:${jid%%;*}\"\n  echo \"re-submitted ").append(a.file())
                    .append(" elements $list as ${jid%%;*}\"\nfi\n");
        }
        submit.append("mid=$(sbatch --parsable --dependency=afterok$deps merge.sbatch)\n")
                .append("echo \"merge $mid (after the array succeeds)\"\n");
        resubmit.append("if [ -z \"$deps\" ]; then echo \"every element finished; nothing to re-submit\"; exit 0; fi\n")
                .append("mid=$(sbatch --parsable --dependency=afterok$deps merge.sbatch)\n")
                .append("echo \"merge $mid\"\n");
        String merge = head
                + "#SBATCH --job-name=flatminima-" + o.plan().scale() + "-merge\n"
                + "#SBATCH --cpus-per-task=" + o.mergeThreads() + "\n"
                + "#SBATCH --mem=" + slurmMem(mergeHeap) + "\n"
                + "#SBATCH --time=" + o.time() + "\n"
                + part
                + "#SBATCH --output=" + runs + "/logs/merge.log\n"
                + "set -euo pipefail\n"
                + "export OPENBLAS_NUM_THREADS=" + o.mergeThreads() + "\n"
                + "export FLATMINIMA_JAVA_OPTS=\"-Xmx" + mergeHeap / MIB + "m\"\n"
                + "# --force replaces only the merged directory's own task files (written by an earlier merge)\n"
                + o.launcher() + " experiment merge" + dirs + " --force --quiet --out \"" + runs + "/merged\"\n"
                + "# the follow-up tasks (edge refinement, Fig. 6 SGD minima, Fig. 7 pairs), then the figures\n"
                + o.launcher() + " experiment " + o.what() + " " + common + " --resume --quiet --out \"" + runs
                + "/merged\"\n";
        names.add("merge.sbatch");
        texts.add(merge);
        names.add("submit.sh");
        texts.add(submit.toString());
        names.add("resubmit.sh");
        texts.add(resubmit.toString());
        for (int k = 0; k < names.size(); k++) {
            Path p = dir.resolve(names.get(k));
            SafeFiles.writeString(p, texts.get(k));
            p.toFile().setExecutable(true);
        }
        return names;
    }

    /** A Slurm --mem value for a JVM with heap {@code heap}: the heap plus a third for the JVM and native BLAS. */
    static String slurmMem(long heap) {
        long mib = heap / MIB;
        return (mib + mib / 3 + 256) + "M";
    }
}
