package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.ClaimStatus;
import org.flatminima.results.Figure;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.UnsignedSeed;
import java.util.List;
import org.flatminima.results.Verdict;

/** Renders {@code report.md}: the pass/fail table per section, regressions, details per family, counterexamples. */
final class MarkdownReport {
    private final StringBuilder md = new StringBuilder();
    private final ReportData data;
    private final Regressions.Comparison comparison;
    private final Links links;

    private MarkdownReport(ReportData data, Regressions.Comparison comparison, Links links) {
        this.data = data;
        this.comparison = comparison;
        this.links = links;
    }

    /** The Markdown text; {@code comparison} may be null (no baseline). */
    static String render(ReportData data, Regressions.Comparison comparison, Links links) {
        return new MarkdownReport(data, comparison, links).build();
    }

    private String build() {
        List<ClaimResult> claims = data.claims();
        line("# flatminima report");
        line("");
        line("**" + ReportText.claimSummary(claims) + "** (" + ReportText.verdictSummary(claims) + ")");
        line("");
        line(ReportText.statusLegend());
        line("");
        runs();
        if (comparison != null) {
            regressions();
        }
        for (String section : data.sections()) {
            line("## " + ReportText.sectionTitle(section));
            line("");
            String note = ReportText.sectionNote(section);
            if (note != null) {
                line(note);
                line("");
            }
            claimTable(data.claimsIn(section));
        }
        details();
        counterexamples();
        figures();
        return md.toString();
    }

    private void runs() {
        line("## Runs");
        line("");
        row("results file", "produced by", "started", "finished", "machine", "settings");
        rule(6);
        for (ReportData.Source s : data.sources()) {
            Results r = s.results();
            row(code(s.name()), ReportText.runLine(s), r.startedAt(), r.finishedAt(),
                    ReportText.machineLine(r.machine()), ReportText.settingsLine(r.settings()));
        }
        line("");
    }

    private void regressions() {
        Regressions.Comparison cmp = comparison;
        line("## Regressions against " + code(cmp.baselineName()));
        line("");
        long n = cmp.regressionCount();
        line(n == 0 ? "**No regressions.**" : "**" + n + (n == 1 ? " claim regressed.**" : " claims regressed.**"));
        line(" Flagged: status or weakest verdict got weaker; worst margin dropped by more than "
                + cmp.thresholds().marginThreshold().toPlainString() + " x its baseline magnitude; time grew past "
                + ReportText.factor(cmp.thresholds().timeFactor()) + " x (and by more than "
                + ReportText.factor(Regressions.TIME_NOISE_SECONDS) + " s).");
        line("");
        row("claim", "result", "baseline status", "current status", "baseline worst margin", "current worst margin",
                "baseline time (s)", "current time (s)", "changes");
        rule(9);
        for (Regressions.ClaimComparison c : cmp.claims()) {
            StringBuilder changes = new StringBuilder();
            for (Regressions.Finding f : c.findings()) {
                changes.append(changes.length() == 0 ? "" : "; ").append(f.text());
            }
            row(c.id(), c.regressed() ? "**REGRESSED**" : "ok",
                    c.baseline() == null ? "-" : c.baseline().status().name(),
                    c.current() == null ? "-" : c.current().status().name(),
                    c.baseline() == null ? "-" : ReportText.margin(c.baseline().worstMargin()),
                    c.current() == null ? "-" : ReportText.margin(c.current().worstMargin()),
                    c.baseline() == null ? "-" : ReportText.seconds(c.baseline().timeSeconds()),
                    c.current() == null ? "-" : ReportText.seconds(c.current().timeSeconds()),
                    changes.length() == 0 ? "-" : changes.toString());
        }
        line("");
    }

    private void claimTable(List<ClaimResult> claims) {
        int cols = 7 + Verdict.values().length + 3;
        String[] head = new String[cols];
        int k = 0;
        head[k++] = "claim";
        head[k++] = "title";
        head[k++] = "statement";
        head[k++] = "status";
        head[k++] = "weakest verdict";
        head[k++] = "kind";
        head[k++] = "instances";
        for (Verdict v : Verdict.values()) {
            head[k++] = ReportText.heading(v);
        }
        head[k++] = "worst margin";
        head[k++] = "median margin";
        head[k] = "time (s)";
        row(head);
        rule(cols);
        for (ClaimResult c : claims) {
            String[] cells = new String[cols];
            k = 0;
            cells[k++] = "[" + c.id() + "](#" + anchor(c.id()) + ")";
            cells[k++] = c.title();
            cells[k++] = c.statement();
            cells[k++] = c.status() == ClaimStatus.PASS ? "PASS" : "**" + c.status() + "**";
            cells[k++] = ReportText.weakest(c);
            cells[k++] = c.kind().name().toLowerCase(java.util.Locale.ROOT);
            cells[k++] = Integer.toString(c.total());
            for (Verdict v : Verdict.values()) {
                cells[k++] = Integer.toString(c.count(v));
            }
            cells[k++] = ReportText.margin(c.worstMargin());
            cells[k++] = ReportText.margin(c.medianMargin());
            cells[k] = ReportText.seconds(c.timeSeconds());
            row(cells);
        }
        line("");
    }

    private void details() {
        line("## Details per claim and family");
        line("");
        for (ClaimResult c : data.claims()) {
            line("<a id=\"" + anchor(c.id()) + "\"></a>");
            line("### " + c.id() + ": " + c.title());
            line("");
            line("- Statement: " + c.statement());
            line("- Status: **" + c.status() + "**; kind " + c.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + "; " + c.provenance());
            if (!c.hypotheses().isEmpty()) {
                line("- Hypotheses: " + c.hypotheses());
            }
            if (c.minMet() != null) {
                line("- Instances meeting the hypotheses: " + c.met() + " of " + c.total() + " (at least " + c.minMet()
                        + " required)");
            }
            line("");
            if (c.instances().isEmpty()) {
                line("No instances.");
                line("");
                continue;
            }
            int cols = 2 + Verdict.values().length + 2;
            String[] head = new String[cols];
            int k = 0;
            head[k++] = "family";
            head[k++] = "instances";
            for (Verdict v : Verdict.values()) {
                head[k++] = ReportText.heading(v);
            }
            head[k++] = "worst margin";
            head[k] = "decided by";
            row(head);
            rule(cols);
            for (FamilySummary f : FamilySummary.of(c)) {
                String[] cells = new String[cols];
                k = 0;
                cells[k++] = code(f.family());
                cells[k++] = Integer.toString(f.instances());
                for (Verdict v : Verdict.values()) {
                    cells[k++] = Integer.toString(f.counts().get(v));
                }
                cells[k++] = ReportText.margin(f.worstMargin());
                cells[k] = String.join("; ", f.methods());
                row(cells);
            }
            line("");
        }
    }

    private void counterexamples() {
        line("## Counterexamples");
        line("");
        boolean any = false;
        int controlWitnesses = 0;
        for (ClaimResult c : data.claims()) {
            for (InstanceResult i : c.instances()) {
                if (i.verdict() != Verdict.REFUTED) {
                    continue;
                }
                if (c.kind() == ClaimKind.CONTROL) {
                    controlWitnesses++;
                    continue;
                }
                if (!any) {
                    row("claim", "seed", "family", "dims", "decided by", "margin", "saved case");
                    rule(7);
                    any = true;
                }
                row(c.id(), UnsignedSeed.text(i.seed()), code(i.family()), ReportText.dims(i.dims()), i.method(),
                        ReportText.margin(i.margin()), caseCell(c, i));
            }
        }
        if (!any) {
            line("No claim was refuted.");
        }
        line("");
        if (controlWitnesses > 0) {
            line("The negative controls were refuted " + controlWitnesses
                    + " times, as they must be; their witnesses are not counterexamples to the paper.");
            line("");
        }
    }

    private String caseCell(ClaimResult c, InstanceResult i) {
        if (i.casePath() == null) {
            return "not saved";
        }
        String href = links.savedCase(c.id(), i);
        return href == null ? code(i.casePath()) : "[" + i.casePath() + "](" + href + ")";
    }

    private void figures() {
        boolean any = data.claims().stream().anyMatch(c -> !c.figures().isEmpty());
        if (!any) {
            return;
        }
        line("## Figures");
        line("");
        for (ClaimResult c : data.claims()) {
            for (Figure f : c.figures()) {
                String href = links.figure(c.id(), f);
                line(href == null ? "- " + c.id() + ": " + f.title() + " (" + code(f.path()) + ", not found)"
                        : "- " + c.id() + ": [" + f.title() + "](" + href + ")");
            }
        }
        line("");
    }

    static String anchor(String id) {
        return "claim-" + id.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private void row(String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(cell(c)).append(" |");
        }
        md.append('\n');
    }

    private void rule(int n) {
        md.append('|').append("---|".repeat(n)).append('\n');
    }

    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }

    private static String code(String s) {
        return "`" + s.replace("`", "'") + "`";
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
