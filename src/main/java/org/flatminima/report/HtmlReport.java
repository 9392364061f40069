package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.Figure;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.UnsignedSeed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.flatminima.results.Verdict;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS and SVG, no network) with the
 * same tables as the Markdown report. Tables are plain HTML, readable without JavaScript; a small
 * inline script makes them sortable by clicking a column heading.
 */
final class HtmlReport {
    private final StringBuilder h = new StringBuilder();
    private final ReportData data;
    private final Regressions.Comparison comparison;
    private final Links links;

    private HtmlReport(ReportData data, Regressions.Comparison comparison, Links links) {
        this.data = data;
        this.comparison = comparison;
        this.links = links;
    }

    /** The page; {@code comparison} may be null (no baseline). */
    static String render(ReportData data, Regressions.Comparison comparison, Links links) {
        return new HtmlReport(data, comparison, links).build();
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
                   margin: 0 auto; padding: 20px 28px 60px; max-width: 1500px; }
            h1 { font-size: 24px; margin: 0 0 6px; }
            h2 { font-size: 19px; margin: 30px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 20px 0 4px; }
            p.summary { font-size: 16px; margin: 4px 0; }
            p.note, p.legend { color: #57606a; margin: 4px 0 10px; }
            table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
            th, td { border: 1px solid #d0d7de; padding: 3px 6px; vertical-align: top; }
            th { background: #f6f8fa; text-align: left; font-size: 12px; }
            table.sortable th { cursor: pointer; user-select: none; }
            table.sortable th[aria-sort=ascending]::after { content: " \\25B2"; font-size: 10px; }
            table.sortable th[aria-sort=descending]::after { content: " \\25BC"; font-size: 10px; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.zero { color: #8c959f; }
            td.statement { min-width: 220px; max-width: 380px; }
            td.claim { min-width: 150px; max-width: 240px; } td.claim .title { color: #57606a; font-size: 12px; }
            th.count { width: 56px; }
            div.wide { overflow-x: auto; }
            tr:nth-child(even) td { background: #fbfcfd; }
            .status { font-weight: 600; padding: 1px 7px; border-radius: 10px; white-space: nowrap; }
            .PASS { background: #dafbe1; color: #116329; }
            .FAIL { background: #ffebe9; color: #a40e26; }
            .UNDECIDED { background: #fbefff; color: #6639ba; }
            .INSUFFICIENT { background: #fff8c5; color: #7d4e00; }
            .REGRESSED { background: #ffebe9; color: #a40e26; }
            .OK { background: #dafbe1; color: #116329; }
            code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 3px; }
            .legend-dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin: 0 4px 0 10px; }
            figure { margin: 10px 0; } figure img { max-width: 100%; border: 1px solid #d0d7de; }
            svg { max-width: 100%; height: auto; }
            """;

    private static final String SCRIPT = """
            (function () {
              function key(cell) {
                var v = cell.getAttribute('data-v');
                if (v !== null) { var n = parseFloat(v); if (!isNaN(n)) return n; }
                return cell.textContent.trim().toLowerCase();
              }
              function sortTable(table, col, asc) {
                var heads = table.tHead.rows[0].cells;
                Array.prototype.forEach.call(heads, function (o) { o.removeAttribute('aria-sort'); });
                heads[col].setAttribute('aria-sort', asc ? 'ascending' : 'descending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(a.cells[col]), y = key(b.cells[col]);
                  var c = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
                  return asc ? c : -c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              }
              document.querySelectorAll('table.sortable').forEach(function (table) {
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
                  th.title = 'click to sort';
                  th.addEventListener('click', function () {
                    sortTable(table, col, th.getAttribute('aria-sort') !== 'ascending');
                  });
                });
              });
              // A link ending in #sort=TABLE-ID:COLUMN:asc|desc opens with that table sorted.
              var m = /^#sort=([A-Za-z0-9._-]+):([0-9]+):(asc|desc)$/.exec(location.hash);
              var t = m && document.getElementById(m[1]);
              if (t && t.tHead && +m[2] < t.tHead.rows[0].cells.length) { sortTable(t, +m[2], m[3] === 'asc'); }
            })();
            """;


    private String build() {
        List<ClaimResult> claims = data.claims();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>flatminima report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>flatminima report</h1>\n");
        h.append("<p class=\"summary\" id=\"summary\"><strong>").append(esc(ReportText.claimSummary(claims)))
                .append("</strong> (").append(esc(ReportText.verdictSummary(claims))).append(")</p>\n");
        h.append("<p class=\"legend\">").append(esc(ReportText.statusLegend())).append("</p>\n</header>\n");
        if (comparison != null) {
            regressions();
        }
        for (String section : data.sections()) {
            h.append("<section id=\"section-").append(esc(section)).append("\">\n<h2>")
                    .append(esc(ReportText.sectionTitle(section))).append("</h2>\n");
            String note = ReportText.sectionNote(section);
            if (note != null) {
                h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
            }
            claimTable(section, data.claimsIn(section));
            h.append("</section>\n");
        }
        plots();
        runs();
        details();
        counterexamples();
        figures();
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private void runs() {
        h.append("<section id=\"runs\">\n<h2>Runs</h2>\n<table>\n<thead><tr>");
        for (String s : List.of("results file", "produced by", "started", "finished", "machine", "settings")) {
            h.append("<th>").append(esc(s)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ReportData.Source s : data.sources()) {
            Results r = s.results();
            h.append("<tr><td><code>").append(esc(s.name())).append("</code></td><td>").append(esc(ReportText.runLine(s)))
                    .append("</td><td>").append(esc(r.startedAt())).append("</td><td>").append(esc(r.finishedAt()))
                    .append("</td><td>").append(esc(ReportText.machineLine(r.machine()))).append("</td><td>")
                    .append(esc(ReportText.settingsLine(r.settings()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private void regressions() {
        Regressions.Comparison cmp = comparison;
        long n = cmp.regressionCount();
        h.append("<section id=\"regressions\">\n<h2>Regressions against <code>").append(esc(cmp.baselineName()))
                .append("</code></h2>\n<p class=\"summary\"><span class=\"status ")
                .append(n == 0 ? "OK\">No regressions" : "REGRESSED\">" + n + (n == 1 ? " claim regressed" : " claims regressed"))
                .append("</span></p>\n<p class=\"note\">Flagged: status or weakest verdict got weaker; worst margin dropped by more than ")
                .append(esc(cmp.thresholds().marginThreshold().toPlainString()))
                .append(" &times; its baseline magnitude; time grew past ")
                .append(esc(ReportText.factor(cmp.thresholds().timeFactor())))
                .append(" &times; (and by more than ").append(esc(ReportText.factor(Regressions.TIME_NOISE_SECONDS)))
                .append(" s).</p>\n<div class=\"wide\"><table class=\"sortable\" id=\"regression-table\">\n<thead><tr>");
        for (String s : List.of("claim", "result", "baseline status", "current status", "baseline worst margin",
                "current worst margin", "baseline time (s)", "current time (s)", "changes")) {
            h.append("<th>").append(esc(s)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Regressions.ClaimComparison c : cmp.claims()) {
            StringBuilder changes = new StringBuilder();
            for (Regressions.Finding f : c.findings()) {
                changes.append(changes.length() == 0 ? "" : "; ").append(f.text());
            }
            h.append("<tr><td>").append(esc(c.id())).append("</td><td data-v=\"").append(c.regressed() ? 0 : 1)
                    .append("\"><span class=\"status ").append(c.regressed() ? "REGRESSED\">REGRESSED" : "OK\">ok")
                    .append("</span></td>");
            statusCell(c.baseline());
            statusCell(c.current());
            marginCell(c.baseline() == null ? null : c.baseline().worstMargin());
            marginCell(c.current() == null ? null : c.current().worstMargin());
            timeCell(c.baseline());
            timeCell(c.current());
            h.append("<td>").append(changes.length() == 0 ? "-" : esc(changes.toString())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n</section>\n");
    }

    private void statusCell(ClaimResult c) {
        if (c == null) {
            h.append("<td>-</td>");
            return;
        }
        h.append("<td data-v=\"").append(c.status().ordinal()).append("\"><span class=\"status ")
                .append(c.status()).append("\">").append(c.status()).append("</span></td>");
    }

    private void marginCell(String margin) {
        if (margin == null) {
            h.append("<td class=\"num\" data-v=\"\">-</td>");
            return;
        }
        BigDecimal m = new BigDecimal(margin);
        h.append("<td class=\"num\" data-v=\"").append(esc(sortKey(m))).append("\" title=\"").append(esc(margin))
                .append("\">").append(esc(ReportText.margin(margin))).append("</td>");
    }

    /** A double that sorts like the decimal, even far outside double's range (clamped, sign kept). */
    private static String sortKey(BigDecimal m) {
        if (m.signum() == 0) {
            return "0";
        }
        double l = SvgCharts.log10(m.abs());
        // Map to a monotone double: sign * (1000 + log10|m|), clamped to [1, 2000].
        double key = Math.max(1, Math.min(2000, 1000 + l));
        return String.format(Locale.ROOT, "%.6f", m.signum() * key);
    }

    private void timeCell(ClaimResult c) {
        if (c == null) {
            h.append("<td class=\"num\">-</td>");
            return;
        }
        h.append("<td class=\"num\" data-v=\"").append(String.format(Locale.ROOT, "%.6f", c.timeSeconds()))
                .append("\">").append(ReportText.seconds(c.timeSeconds())).append("</td>");
    }

    private void claimTable(String section, List<ClaimResult> claims) {
        h.append("<div class=\"wide\"><table class=\"sortable claims\" id=\"claims-").append(esc(section))
                .append("\">\n<thead><tr>");
        h.append("<th>claim</th><th>statement</th><th>status</th><th class=\"count\" title=\"the weakest verdict among "
                + "its instances: what a pass rests on\">weakest verdict</th><th class=\"count\">instances</th>");
        for (Verdict v : Verdict.values()) {
            h.append("<th class=\"count\">").append(esc(ReportText.heading(v))).append("</th>");
        }
        h.append("<th class=\"count\">worst margin</th><th class=\"count\">median margin</th>"
                + "<th class=\"count\">time (s)</th></tr></thead>\n<tbody>\n");
        for (ClaimResult c : claims) {
            h.append("<tr id=\"row-").append(esc(c.id())).append("\"><td class=\"claim\"><a href=\"#")
                    .append(esc(MarkdownReport.anchor(c.id()))).append("\">").append(esc(c.id()))
                    .append("</a><br><span class=\"title\">").append(esc(c.title())).append("</span></td>")
                    .append("<td class=\"statement\">").append(esc(c.statement())).append("</td>");
            statusCell(c);
            Verdict weakest = c.weakestVerdict();
            h.append("<td data-v=\"").append(weakest == null ? 99 : weakest.ordinal()).append("\">")
                    .append(esc(ReportText.weakest(c))).append("</td>");
            num(c.total());
            for (Verdict v : Verdict.values()) {
                num(c.count(v));
            }
            marginCell(c.worstMargin());
            marginCell(c.medianMargin());
            timeCell(c);
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private void num(int n) {
        h.append("<td class=\"num").append(n == 0 ? " zero" : "").append("\" data-v=\"").append(n).append("\">")
                .append(n).append("</td>");
    }

    private void plots() {
        h.append("<section id=\"plots\">\n<h2>Margins per claim</h2>\n");
        String margins = SvgCharts.margins(data.claims());
        if (margins == null) {
            h.append("<p class=\"note\">No instance recorded a margin.</p>\n");
        } else {
            h.append("<p class=\"note\">One dot per instance: how far it was from failing, on a log scale; "
                    + "dots in the shaded band on the left had a margin at or below zero.");
            for (Verdict v : Verdict.values()) {
                h.append("<span class=\"legend-dot\" style=\"background:").append(SvgCharts.colour(v)).append("\"></span>")
                        .append(esc(ReportText.heading(v)));
            }
            h.append("</p>\n").append(margins).append('\n');
        }
        h.append("<h2>Theorem 1: sharpness against depth</h2>\n");
        String sharp = SvgCharts.sharpness(data.claims());
        if (sharp == null) {
            h.append("<p class=\"note\">No Theorem 1 instance recorded its depth and sharpness.</p>\n");
        } else {
            h.append("<p class=\"note\">For each Theorem 1 instance: the closed-form flattest sharpness "
                    + "2m &sigma;<sub>max</sub>(T)<sup>2(1-1/m)</sup> and, where recorded, the largest Hessian "
                    + "eigenvalue at the minimum checked (never below the flattest value if the theorem holds).</p>\n")
                    .append(sharp).append('\n');
        }
        h.append("</section>\n");
    }

    private void details() {
        h.append("<section id=\"details\">\n<h2>Details per claim and family</h2>\n");
        for (ClaimResult c : data.claims()) {
            h.append("<h3 id=\"").append(esc(MarkdownReport.anchor(c.id()))).append("\">").append(esc(c.id()))
                    .append(": ").append(esc(c.title())).append(" <span class=\"status ").append(c.status()).append("\">")
                    .append(c.status()).append("</span></h3>\n<p>").append(esc(c.statement())).append("<br>")
                    .append("<small>").append(esc(c.kind().name().toLowerCase(Locale.ROOT))).append("; ")
                    .append(esc(c.provenance()));
            if (!c.hypotheses().isEmpty()) {
                h.append("; hypotheses: ").append(esc(c.hypotheses()));
            }
            h.append("</small></p>\n");
            if (c.instances().isEmpty()) {
                h.append("<p class=\"note\">No instances.</p>\n");
                continue;
            }
            h.append("<table class=\"sortable\">\n<thead><tr><th>family</th><th>instances</th>");
            for (Verdict v : Verdict.values()) {
                h.append("<th>").append(esc(ReportText.heading(v))).append("</th>");
            }
            h.append("<th>worst margin</th><th>decided by</th></tr></thead>\n<tbody>\n");
            for (FamilySummary f : FamilySummary.of(c)) {
                h.append("<tr><td><code>").append(esc(f.family())).append("</code></td>");
                num(f.instances());
                for (Verdict v : Verdict.values()) {
                    num(f.counts().get(v));
                }
                marginCell(f.worstMargin() == null ? null : f.worstMargin().toString());
                h.append("<td>").append(esc(String.join("; ", f.methods()))).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    private void counterexamples() {
        h.append("<section id=\"counterexamples\">\n<h2>Counterexamples</h2>\n");
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
                    h.append("<table class=\"sortable\" id=\"counterexample-table\">\n<thead><tr><th>claim</th>"
                            + "<th>seed</th><th>family</th><th>dims</th><th>decided by</th><th>margin</th>"
                            + "<th>saved case</th></tr></thead>\n<tbody>\n");
                    any = true;
                }
                h.append("<tr><td>").append(esc(c.id())).append("</td><td class=\"num\">").append(UnsignedSeed.text(i.seed()))
                        .append("</td><td><code>").append(esc(i.family())).append("</code></td><td>")
                        .append(esc(ReportText.dims(i.dims()))).append("</td><td>").append(esc(i.method())).append("</td>");
                marginCell(i.margin());
                h.append("<td>");
                if (i.casePath() == null) {
                    h.append("not saved");
                } else {
                    String href = links.savedCase(c.id(), i);
                    if (href == null) {
                        h.append("<code>").append(esc(i.casePath())).append("</code>");
                    } else {
                        h.append("<a href=\"").append(esc(href)).append("\"><code>").append(esc(i.casePath()))
                                .append("</code></a>");
                    }
                }
                h.append("</td></tr>\n");
            }
        }
        if (any) {
            h.append("</tbody>\n</table>\n");
        } else {
            h.append("<p>No claim was refuted.</p>\n");
        }
        if (controlWitnesses > 0) {
            h.append("<p class=\"note\">The negative controls were refuted ").append(controlWitnesses)
                    .append(" times, as they must be; their witnesses are not counterexamples to the paper.</p>\n");
        }
        h.append("</section>\n");
    }

    private void figures() {
        if (data.claims().stream().allMatch(c -> c.figures().isEmpty())) {
            return;
        }
        h.append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        for (ClaimResult c : data.claims()) {
            for (Figure f : c.figures()) {
                String src = links.figureData(c.id(), f);
                String href = links.figure(c.id(), f);
                h.append("<figure>");
                if (src != null) {
                    h.append("<img alt=\"").append(esc(f.title())).append("\" src=\"").append(src).append("\">");
                } else if (href != null) {
                    h.append("<a href=\"").append(esc(href)).append("\">").append(esc(f.path())).append("</a>");
                } else {
                    h.append("<code>").append(esc(f.path())).append("</code> (not found)");
                }
                h.append("<figcaption>").append(esc(c.id())).append(": ").append(esc(f.title()))
                        .append("</figcaption></figure>\n");
            }
        }
        h.append("</section>\n");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
