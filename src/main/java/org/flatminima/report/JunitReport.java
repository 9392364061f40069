package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.UnsignedSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flatminima.results.Verdict;

/**
 * Renders {@code junit.xml} for CI systems: one test suite per section, one test case per claim,
 * failed when the claim's status is FAIL, skipped when UNDECIDED. With a baseline, a further suite
 * {@code flatminima.regressions} has one case per compared claim, failed when it regressed.
 */
final class JunitReport {
    private JunitReport() {}

    static String render(ReportData data, Regressions.Comparison comparison, String timestamp) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        double time = 0;
        for (String section : data.sections()) {
            List<ClaimResult> claims = data.claimsIn(section);
            StringBuilder cases = new StringBuilder();
            int f = 0;
            int s = 0;
            double t = 0;
            for (ClaimResult c : claims) {
                t += c.timeSeconds();
                cases.append("    <testcase classname=\"flatminima.").append(x(section)).append("\" name=\"")
                        .append(x(c.id() + ": " + c.title())).append("\" time=\"").append(secs(c.timeSeconds()))
                        .append("\">\n");
                String counts = counts(c);
                switch (c.status()) {
                    case FAIL -> {
                        f++;
                        cases.append("      <failure type=\"").append(c.kind() == ClaimKind.CONTROL ? "CONTROL_NOT_CAUGHT"
                                : "REFUTED").append("\" message=\"").append(x(failMessage(c))).append("\">")
                                .append(x(witnesses(c))).append("</failure>\n");
                    }
                    case UNDECIDED -> {
                        s++;
                        cases.append("      <skipped message=\"").append(x("undecided: " + counts)).append("\"/>\n");
                    }
                    case INSUFFICIENT -> {
                        s++;
                        cases.append("      <skipped message=\"").append(x("insufficient: " + c.met() + " instances met the "
                                + "hypotheses, " + c.minMet() + " required; " + counts)).append("\"/>\n");
                    }
                    case PASS -> {
                        // A passing claim has no child element.
                    }
                }
                cases.append("      <system-out>").append(x(c.statement() + "\n" + counts + "\nworst margin "
                        + ReportText.margin(c.worstMargin()))).append("</system-out>\n");
                cases.append("    </testcase>\n");
            }
            suites.append("  <testsuite name=\"flatminima.").append(x(section)).append("\" tests=\"")
                    .append(claims.size()).append("\" failures=\"").append(f).append("\" errors=\"0\" skipped=\"")
                    .append(s).append("\" time=\"").append(secs(t)).append("\" timestamp=\"").append(x(timestamp))
                    .append("\">\n").append(cases).append("  </testsuite>\n");
            tests += claims.size();
            failures += f;
            skipped += s;
            time += t;
        }
        if (comparison != null) {
            StringBuilder cases = new StringBuilder();
            int f = 0;
            for (Regressions.ClaimComparison c : comparison.claims()) {
                cases.append("    <testcase classname=\"flatminima.regressions\" name=\"").append(x(c.id()))
                        .append("\" time=\"0\">\n");
                if (c.regressed()) {
                    f++;
                    List<String> texts = new ArrayList<>();
                    for (Regressions.Finding finding : c.findings()) {
                        if (finding.change().isRegression()) {
                            texts.add(finding.text());
                        }
                    }
                    cases.append("      <failure type=\"REGRESSION\" message=\"").append(x(String.join("; ", texts)))
                            .append("\"/>\n");
                }
                cases.append("    </testcase>\n");
            }
            suites.append("  <testsuite name=\"flatminima.regressions\" tests=\"").append(comparison.claims().size())
                    .append("\" failures=\"").append(f).append("\" errors=\"0\" skipped=\"0\" time=\"0\" timestamp=\"")
                    .append(x(timestamp)).append("\">\n").append(cases).append("  </testsuite>\n");
            tests += comparison.claims().size();
            failures += f;
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"flatminima\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"" + secs(time)
                + "\">\n" + suites + "</testsuites>\n";
    }

    private static String failMessage(ClaimResult c) {
        if (c.kind() == ClaimKind.CONTROL) {
            int passed = 0;
            for (Verdict v : Verdict.values()) {
                if (v.isPass()) {
                    passed += c.count(v);
                }
            }
            return "negative control not caught: " + passed + " of " + c.total() + " instances passed a false statement";
        }
        return c.count(Verdict.REFUTED) + " of " + c.total() + " instances REFUTED";
    }

    private static String witnesses(ClaimResult c) {
        StringBuilder sb = new StringBuilder();
        for (InstanceResult i : c.instances()) {
            boolean bad = c.kind() == ClaimKind.CONTROL ? i.verdict().isPass() : i.verdict() == Verdict.REFUTED;
            if (bad) {
                sb.append("seed ").append(UnsignedSeed.text(i.seed())).append(", family ").append(i.family()).append(", dims ")
                        .append(ReportText.dims(i.dims())).append(", ").append(i.verdict()).append(" by ")
                        .append(i.method()).append(", margin ").append(i.margin() == null ? "-" : i.margin())
                        .append(i.casePath() == null ? "" : ", case " + i.casePath()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String counts(ClaimResult c) {
        StringBuilder sb = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(ReportText.heading(v)).append(' ').append(c.count(v));
        }
        return sb.toString();
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String x(String s) {
        return Html.escape(s);
    }
}
