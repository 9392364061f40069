package org.flatminima.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flatminima.claims.CheckRunner;
import org.flatminima.claims.CheckSettings;
import org.flatminima.claims.Claim;
import org.flatminima.claims.ClaimRegistry;
import org.flatminima.claims.Instance;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.SafeFiles;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.ClaimStatus;
import org.flatminima.report.Reports;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsRecorder;
import org.flatminima.results.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima check}: decides the paper's claims on fresh seeded instances (or on a saved case),
 * prints a summary table, writes results.json and the report files, and exits 0 only if no claim is
 * refuted (with {@code --controls}: only if every negative control is refuted).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Decide every lemma and theorem on random exact instances: PROVED by exact arithmetic, CERTIFIED "
                + "by rigorous enclosures, NUMERICAL only with a stated tolerance.",
            "Exit status: 0 when every claim passes (with --controls: when every control is REFUTED); 1 when a claim is "
                + "REFUTED or a control is not refuted; 3 when nothing is refuted but a claim is UNDECIDED or INSUFFICIENT "
                + "(fewer instances met its hypotheses than --min-met requires); 2 on bad input."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--claims", paramLabel = "LIST", description = "Comma-separated claim ids or groups (e.g. theorem2,lemma4); default: all statements.")
    String claims;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "12", description = "Instances per claim (default ${DEFAULT-VALUE}).")
    int instances;

    @picocli.CommandLine.Mixin
    SharedOptions.SeedOption seedOption = new SharedOptions.SeedOption();

    @picocli.CommandLine.Mixin
    SharedOptions.DigitsOption digitsOption = new SharedOptions.DigitsOption(30);

    @Option(names = "--max-dim", paramLabel = "K", defaultValue = "4", description = "Largest layer width drawn (default ${DEFAULT-VALUE}).")
    int maxDim;

    @Option(names = "--max-depth", paramLabel = "M", defaultValue = "5", description = "Largest depth drawn (default ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--time-limit", paramLabel = "T", defaultValue = "100", description = "Seconds after which no new instance is started (default ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default reports/latest; with --replay only when given).")
    Path out;

    @Option(names = "--replay", paramLabel = "FILE", description = "Decide the claims on one saved case file instead of fresh instances.")
    Path replay;

    @Option(names = "--controls", description = "Run the negative controls (each must come back REFUTED).")
    boolean controls;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @Option(names = "--counterexamples", paramLabel = "DIR", defaultValue = "test-cases/counterexamples",
            description = "Where shrunk refutations are saved (default ${DEFAULT-VALUE}).")
    Path counterexamples;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @picocli.CommandLine.Mixin
    SharedOptions.QuietOption quietOption = new SharedOptions.QuietOption();

    @picocli.CommandLine.Mixin
    MaxParametersOption limit = new MaxParametersOption();

    @Option(names = "--no-certificates", description = "Do not write certificates.json (the witnesses of PROVED and CERTIFIED verdicts).")
    boolean noCertificates;

    @Option(names = "--min-met", paramLabel = "F", defaultValue = "0.5",
            description = "Least share of a claim's instances that must meet its hypotheses, else it is INSUFFICIENT (default ${DEFAULT-VALUE}).")
    double minMet;


    @Override
    public Integer call() {
        range("--instances", instances, 1, 100000, "between 1 and 100000");
        range("--max-dim", maxDim, 1, 16, "between 1 and 16");
        range("--max-depth", maxDepth, 1, 12, "between 1 and 12");
        range("--threads", threads, 1, 64, "between 1 and 64");
        if (!(minMet >= 0 && minMet <= 1)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--min-met", "between 0 and 1", minMet);
        }
        if (!(timeLimit > 0) || Double.isInfinite(timeLimit)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--time-limit", "a positive finite number of seconds",
                    timeLimit);
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        ClaimRegistry registry = ClaimRegistry.standard();
        Path outDir = out != null ? out : replay == null ? Path.of("reports", "latest") : null;
        if (outDir != null) {
            SafeFiles.requireReplaceableDirectory(outDir, forceOption.force);
        }
        CheckSettings settings = new CheckSettings(digitsOption.value(), maxDim, maxDepth);
        CheckRunner runner = new CheckRunner(settings, threads, counterexamples).withCertificates(!noCertificates && outDir != null);
        List<org.flatminima.certificates.Certificate> certificates = new ArrayList<>();

        List<Claim> selected;
        List<Instance> replayed = null;
        if (replay != null) {
            CaseFile.Case c = CaseFile.read(replay);
            limit.require(replay, c.network().parameterCount(), 200L + digitsOption.value());
            JsonNode meta = c.metadata();
            String named = meta != null && meta.hasNonNull("claim") ? meta.get("claim").asText() : null;
            long caseSeed = meta != null && meta.hasNonNull("seed") ? Long.parseUnsignedLong(meta.get("seed").asText()) : 0L;
            selected = claims != null ? registry.select(claims)
                    : named != null ? List.of(registry.get(named)) : controls ? registry.controls() : registry.statements();
            replayed = List.of(new Instance("replay", caseSeed, c.network()));
        } else {
            selected = claims != null ? registry.select(claims) : controls ? registry.controls() : registry.statements();
        }

        // in double arithmetic: a long sum overflows for large limits (1e10 s), which started no instance
        double deadline = (double) System.nanoTime() + timeLimit * 1e9;
        long total = replayed != null ? selected.size() : (long) selected.size() * instances;
        List<ClaimResult> results = new ArrayList<>();
        try (Progress progress = new Progress(e, "check", total, !quietOption.quiet)) {
            for (Claim claim : selected) {
                CheckRunner.ClaimRun run = replayed != null
                        ? runner.runOn(claim, replayed, r -> progress.step(1, claim.id()))
                        : runner.runClaim(claim, instances, seedOption.seed, deadline, r -> progress.step(1, claim.id()));
                if (run.skippedForTime() > 0) {
                    progress.step(run.skippedForTime(), claim.id() + " (time limit)");
                }
                results.add(CheckRunner.toResult(run, minMet));
                run.runs().stream().map(CheckRunner.InstanceRun::certificate).filter(java.util.Objects::nonNull)
                        .forEach(certificates::add);
            }
        }
        o.print(Reports.summaryTable(results));
        o.flush();
        Settings s = new Settings(seedOption.seed, instances, digitsOption.value(), maxDim, maxDepth, timeLimit,
                Map.of("threads", Integer.toString(threads), "min_met", Double.toString(minMet), "mode", replay != null ? "replay " + replay : controls ? "controls" : "statements"));
        ResultsRecorder rec = ResultsRecorder.start(commandLine(), s);
        results.forEach(rec::add);
        Results res = rec.finish();
        if (outDir != null) {
            Reports.writeAll(res, outDir, forceOption.force);
            if (!noCertificates) {
                org.flatminima.certificates.CertificateWriter.write(outDir, certificates);
            }
            o.println("report written to " + outDir + " (results.json, report.md, report.html, junit.xml"
                    + (noCertificates ? ")" : ", certificates.json)"));
        }
        return exitStatus(results, controls && claims == null, o);
    }

    /** Exit status: a claim refuted or a control not refuted. */
    public static final int EXIT_FAILED = 1;
    /** Exit status: nothing refuted, but a claim UNDECIDED or INSUFFICIENT. */
    public static final int EXIT_NOT_DECIDED = 3;

    /**
     * 0 when every claim passes (every control refuted); {@link #EXIT_FAILED} when a statement is refuted or
     * a control is not refuted on every instance; else {@link #EXIT_NOT_DECIDED} when a claim is UNDECIDED
     * or INSUFFICIENT. Prints one line per claim that is not a pass.
     */
    static int exitStatus(List<ClaimResult> results, boolean controlsRun, PrintWriter o) {
        int failed = 0;
        int notDecided = 0;
        for (ClaimResult r : results) {
            ClaimStatus st = ClaimStatus.of(r);
            boolean control = r.kind() == org.flatminima.results.ClaimKind.CONTROL;
            if (control ? st != ClaimStatus.PASS : st == ClaimStatus.FAIL) {
                failed++;
                o.println((control ? "control not refuted on every instance: " : "REFUTED: ") + r.id());
            } else if (st == ClaimStatus.UNDECIDED) {
                notDecided++;
                o.println("UNDECIDED: " + r.id() + " (" + r.count(org.flatminima.results.Verdict.UNDECIDED) + " undecided instances)");
            } else if (st == ClaimStatus.INSUFFICIENT) {
                notDecided++;
                o.println("INSUFFICIENT: " + r.id() + " (" + r.met() + " of " + r.total() + " instances met the hypotheses, "
                        + r.minMet() + " required)");
            }
        }
        return failed > 0 ? EXIT_FAILED : notDecided > 0 ? EXIT_NOT_DECIDED : 0;
    }

    private List<String> commandLine() {
        List<String> cmd = new ArrayList<>();
        cmd.add("check");
        cmd.addAll(spec.commandLine().getParseResult().originalArgs());
        return cmd;
    }

    private static void range(String name, long v, long lo, long hi, String what) {
        if (v < lo || v > hi) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, name, what, String.format(Locale.ROOT, "%d", v));
        }
    }
}
