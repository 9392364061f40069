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

    /** Writes submit.sh, array.sbatch, merge.sbatch and resubmit.sh into {@code dir}; returns their names. */
    public static List<String> write(Path dir, Options o) {
        List<ExperimentTask> tasks = ExperimentTask.plan(o.plan(), o.figures());
        long arrayHeap = heapFor(o.plan(), tasks, o.maxHeap());
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
        String array = head
                + "#SBATCH --job-name=flatminima-" + o.plan().scale() + "\n"
                + "#SBATCH --array=1-" + o.shards() + "\n"
                + "#SBATCH --cpus-per-task=" + o.threads() + "\n"
                + "#SBATCH --mem=" + slurmMem(arrayHeap) + "\n"
                + "#SBATCH --time=" + o.time() + "\n"
                + part
                + "#SBATCH --output=" + runs + "/logs/shard-%a.log\n"
                + "set -euo pipefail\n"
                + "export OPENBLAS_NUM_THREADS=" + o.threads() + "\n"
                + "export FLATMINIMA_JAVA_OPTS=\"-Xmx" + arrayHeap / MIB + "m\"\n"
                + "i=$SLURM_ARRAY_TASK_ID\n"
                + "# --resume: a re-submitted element skips the tasks it finished and resumes from checkpoints\n"
                + o.launcher() + " experiment " + o.what() + " " + common + " --shard \"$i/" + o.shards()
                + "\" --resume --quiet --out \"" + runs + "/shard-$i\"\n"
                + "mkdir -p \"" + runs + "/done\" && touch \"" + runs + "/done/shard-$i\"\n";
        StringBuilder dirs = new StringBuilder();
        for (int i = 1; i <= o.shards(); i++) {
            dirs.append(" \"").append(runs).append("/shard-").append(i).append('"');
        }
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
        String submit = "#!/bin/bash\n# Submits the job array and the merge that runs after it succeeded.\n"
                + "set -euo pipefail\ncd \"$(dirname \"$0\")\"\nmkdir -p \"" + runs + "/logs\"\n"
                + "jid=$(sbatch --parsable array.sbatch)\n"
                + "mid=$(sbatch --parsable --dependency=afterok:${jid%%;*} merge.sbatch)\n"
                + "echo \"array ${jid%%;*} (" + o.shards() + " elements), merge $mid (after the array succeeds)\"\n";
        String resubmit = "#!/bin/bash\n# Re-submits, with --resume, the array elements that left no done marker,"
                + " and a new merge after them.\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\nfailed=()\n"
                + "for i in $(seq 1 " + o.shards() + "); do [ -e \"" + runs + "/done/shard-$i\" ] || failed+=(\"$i\");"
                + " done\n"
                + "if [ ${#failed[@]} -eq 0 ]; then echo \"every element finished; nothing to re-submit\"; exit 0; fi\n"
                + "list=$(IFS=,; echo \"${failed[*]}\")\n"
                + "jid=$(sbatch --parsable --array=\"$list\" array.sbatch)\n"
                + "mid=$(sbatch --parsable --dependency=afterok:${jid%%;*} merge.sbatch)\n"
                + "echo \"re-submitted elements $list as ${jid%%;*}, merge $mid\"\n";
        List<String> names = List.of("array.sbatch", "merge.sbatch", "submit.sh", "resubmit.sh");
        String[] texts = {array, merge, submit, resubmit};
        for (int k = 0; k < names.size(); k++) {
            Path p = dir.resolve(names.get(k));
            SafeFiles.writeString(p, texts[k]);
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
