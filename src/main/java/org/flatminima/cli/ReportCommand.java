package org.flatminima.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.report.ReportData;
import org.flatminima.report.Regressions;
import org.flatminima.report.Reports;
import org.flatminima.results.ResultsIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima report RESULTS... [--out DIR] [--baseline FILE] ...}: turns results files into a
 * report directory and, with a baseline, gates on regressions. Exit status: 0 written and no
 * regression, 1 written but a regression was found, 2 bad input (nothing overwritten).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write report.md, a self-contained report.html and junit.xml (report.tex with --tex)",
            "from one or more results files, merged. With --baseline, compare against it.",
            "Exit status: 0 no regression, 1 regression found, 2 bad input."
        })
public final class ReportCommand implements Callable<Integer> {
    /** Exit status when the report was written but a regression was found. */
    public static final int EXIT_REGRESSION = 1;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "results files (results.json) to report on")
    List<Path> results;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/latest",
            description = "report directory (default: ${DEFAULT-VALUE}); an existing one is replaced only with --force, "
                    + "or without it when it is the report the RESULTS came from (reporting reports/latest/results.json "
                    + "again rewrites reports/latest)")
    Path out;

    @Option(names = "--baseline", paramLabel = "BASELINE.json", description = "results to compare against")
    Path baseline;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @Option(names = "--margin-threshold", paramLabel = "X", defaultValue = "0.5",
            description = "flag a claim whose worst margin dropped by more than X times the baseline's magnitude "
                    + "(default: ${DEFAULT-VALUE}, i.e. more than halved)")
    BigDecimal marginThreshold;

    @Option(names = "--time-factor", paramLabel = "F", defaultValue = "3",
            description = "warn about a claim whose time grew past F times the baseline's (default: ${DEFAULT-VALUE}); "
                    + "differences up to 1 s are never flagged; a regression only with --fail-on-time")
    double timeFactor;

    @Option(names = "--fail-on-time", description = "count a claim slower than --time-factor as a regression (exit 1); "
            + "without it, timing is a warning, because wall times swing with the machine's load")
    boolean failOnTime;

    @Option(names = "--tex", description = "also write report.tex, the claims table as a LaTeX tabular")
    boolean tex;

    @Override
    public Integer call() {
        if (marginThreshold.signum() < 0) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--margin-threshold", "at least 0",
                    marginThreshold.toPlainString());
        }
        if (!(timeFactor >= 1) || Double.isInfinite(timeFactor)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--time-factor", "a finite number at least 1",
                    Double.toString(timeFactor));
        }
        List<ReportData.Source> sources = new ArrayList<>();
        for (Path p : results) {
            sources.add(new ReportData.Source(p, ResultsIO.read(p)));
        }
        ReportData data = ReportData.of(sources);
        Regressions.Comparison comparison = null;
        if (baseline != null) {
            ReportData base = ReportData.of(List.of(new ReportData.Source(baseline, ResultsIO.read(baseline))));
            comparison = Regressions.compare(baseline.toString(), base.claims(), data.claims(),
                    new Regressions.Thresholds(marginThreshold, timeFactor, failOnTime));
        }
        List<String> files = Reports.write(data, comparison, out, forceOption.force || rewritesItsOwnReport(), tex);
        PrintWriter o = spec.commandLine().getOut();
        o.print(Reports.summaryTable(data.claims()));
        if (comparison != null) {
            o.print(Reports.regressionTable(comparison));
        }
        o.println("report written to " + out + "/ (" + String.join(", ", files) + ")");
        o.flush();
        return comparison != null && comparison.regressed() ? EXIT_REGRESSION : 0;
    }

    /**
     * True when {@code --out} is a report directory of the tool (it carries the report marker) and every
     * RESULTS file lies inside it: the report is regenerated from its own results, so nothing the user
     * made can be lost and {@code --force} is not needed.
     */
    private boolean rewritesItsOwnReport() {
        Path dir = out.toAbsolutePath().normalize();
        boolean ours = org.flatminima.io.OutputMarker.read(out).map(m -> m.kind().equals("report")).orElse(false);
        return ours && results.stream().allMatch(p -> p.toAbsolutePath().normalize().startsWith(dir));
    }
}
