package org.flatminima.report;

import org.flatminima.results.ClaimResult;
import java.util.Locale;
import org.flatminima.results.Verdict;

/**
 * Renders {@code report.tex}: the claims table as a LaTeX {@code tabular} (booktabs rules) that a
 * paper can {@code \input}; one block per section.
 */
final class LatexReport {
    private LatexReport() {}

    static String render(ReportData data) {
        StringBuilder t = new StringBuilder();
        t.append("% flatminima report: claims table. Needs \\usepackage{booktabs}.\n");
        t.append("% Columns: status, instances, then counts per verdict (P proved, C certified, Co consistent,\n");
        t.append("% N numerical, U undecided, H hypothesis not met, R refuted), worst margin, time in seconds.\n");
        t.append("\\begin{tabular}{llrrrrrrrrrr}\n\\toprule\n");
        t.append("Claim & Status & $n$ & P & C & Co & N & U & H & R & Worst margin & Time (s) \\\\\n");
        for (String section : data.sections()) {
            t.append("\\midrule\n\\multicolumn{12}{l}{\\textit{").append(tex(ReportText.sectionTitle(section)))
                    .append("}} \\\\\n");
            for (ClaimResult c : data.claimsIn(section)) {
                t.append(tex(c.title())).append(" & ").append(c.status()).append(" & ").append(c.total());
                for (Verdict v : Verdict.values()) {
                    t.append(" & ").append(c.count(v));
                }
                t.append(" & ").append(texNumber(ReportText.margin(c.worstMargin()))).append(" & ")
                        .append(String.format(Locale.ROOT, "%.2f", c.timeSeconds())).append(" \\\\\n");
            }
        }
        t.append("\\bottomrule\n\\end{tabular}\n");
        return t.toString();
    }

    /** "1.5e-30" as {@code $1.5\times10^{-30}$}; other text escaped. */
    static String texNumber(String s) {
        int e = s.indexOf('e');
        if (e > 0) {
            return "$" + s.substring(0, e) + "\\times 10^{" + s.substring(e + 1) + "}$";
        }
        return s.equals("-") ? "--" : "$" + s + "$";
    }

    /** Escapes LaTeX's special characters. */
    static String tex(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '\n', '\r' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
