package org.flatminima.report;

import org.flatminima.results.ClaimResult;
import org.flatminima.results.ClaimStatus;
import org.flatminima.results.DecimalText;
import org.flatminima.results.Machine;
import org.flatminima.results.Results;
import org.flatminima.results.Settings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.flatminima.results.Verdict;

/** Wording and number formats shared by every report format, so they all say the same thing. */
final class ReportText {
    private ReportText() {}

    /** Column headings for the verdicts, in {@link Verdict} order. */
    static String heading(Verdict v) {
        return switch (v) {
            case PROVED -> "proved";
            case CERTIFIED -> "certified";
            case CONSISTENT -> "consistent";
            case NUMERICAL -> "numerical";
            case UNDECIDED -> "undecided";
            case HYPOTHESIS_NOT_MET -> "hyp. not met";
            case REFUTED -> "refuted";
        };
    }

    /** A section's heading. */
    static String sectionTitle(String section) {
        return switch (section) {
            case "paper" -> "Claims from the paper";
            case "controls" -> "Negative controls";
            case "beyond" -> "Beyond the paper (conjectures and related papers)";
            case "experiments" -> "Experiments";
            default -> "Section: " + section;
        };
    }

    /** A line under a section's heading explaining how to read it, or null. */
    static String sectionNote(String section) {
        return switch (section) {
            case "controls" -> "Each control states something false on purpose; it PASSES only when every one of "
                    + "its instances is REFUTED, i.e. the checker caught the false statement.";
            case "beyond" -> "Conjectures are explored, not proved, and statements of related papers (each with its "
                    + "provenance) are checked here; their results are kept apart from the paper's theorems.";
            default -> null;
        };
    }

    /** The weakest verdict of a claim's instances (how its pass rests), lower case, or "-". */
    static String weakest(ClaimResult c) {
        Verdict v = c.weakestVerdict();
        return v == null ? "-" : heading(v);
    }

    static String margin(String decimal) {
        return decimal == null ? "-" : DecimalText.shortText(new BigDecimal(decimal), 3);
    }

    static String margin(BigDecimal value) {
        return DecimalText.shortText(value, 3);
    }

    /** A factor without trailing zeros: 3, 2.5. */
    static String factor(double f) {
        return BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.2f" : "%.1f", s);
    }

    static String dims(List<Integer> dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : "x").append(dims.get(i));
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    /** The one-line explanation of the status column. */
    static String statusLegend() {
        return "Status: FAIL if any instance is REFUTED; UNDECIDED if any is UNDECIDED; INSUFFICIENT if fewer instances met "
                + "the hypotheses than the stated minimum (at least one); else PASS "
                + "(inverted for negative controls). Margin: how far an instance was from failing (positive = held).";
    }

    /** "7 claims: 5 pass, 1 undecided, 1 fail". */
    static String claimSummary(List<ClaimResult> claims) {
        int[] by = new int[ClaimStatus.values().length];
        for (ClaimResult c : claims) {
            by[c.status().ordinal()]++;
        }
        return claims.size() + (claims.size() == 1 ? " claim: " : " claims: ") + by[ClaimStatus.PASS.ordinal()]
                + " pass, " + (by[ClaimStatus.INSUFFICIENT.ordinal()] > 0 ? by[ClaimStatus.INSUFFICIENT.ordinal()] + " insufficient, " : "")
                + by[ClaimStatus.UNDECIDED.ordinal()] + " undecided, " + by[ClaimStatus.FAIL.ordinal()]
                + " fail";
    }

    /** "120 instances: 80 proved, 30 certified, ..." over every claim. */
    static String verdictSummary(List<ClaimResult> claims) {
        long total = 0;
        long[] by = new long[Verdict.values().length];
        for (ClaimResult c : claims) {
            for (Verdict v : Verdict.values()) {
                by[v.ordinal()] += c.count(v);
                total += c.count(v);
            }
        }
        StringBuilder sb = new StringBuilder().append(total).append(" instances");
        String sep = ": ";
        for (Verdict v : Verdict.values()) {
            if (by[v.ordinal()] > 0) {
                sb.append(sep).append(by[v.ordinal()]).append(' ').append(heading(v));
                sep = ", ";
            }
        }
        return sb.toString();
    }

    /** One line naming how a run was produced. */
    static String runLine(ReportData.Source s) {
        Results r = s.results();
        return "flatminima " + r.tool().version()
                + (r.tool().gitCommit() == null ? "" : " (commit " + r.tool().gitCommit().substring(0, 12) + ")")
                + ", " + String.join(" ", r.commandLine());
    }

    /** The settings of a run as "seed 7, instances 10, digits 50, ...". */
    static String settingsLine(Settings st) {
        StringBuilder sb = new StringBuilder();
        append(sb, "seed", st.seed());
        append(sb, "instances", st.instances());
        append(sb, "digits", st.digits());
        append(sb, "max dim", st.maxDim());
        append(sb, "max depth", st.maxDepth());
        append(sb, "time limit (s)", st.timeLimitSeconds());
        st.other().forEach((k, v) -> append(sb, k, v));
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
        }
    }

    static String machineLine(Machine m) {
        return m.cores() + " cores, " + m.os() + ", Java " + m.java();
    }
}
