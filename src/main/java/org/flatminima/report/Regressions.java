package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.ClaimStatus;
import org.flatminima.results.DecimalText;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.UnsignedSeed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.results.Verdict;

/**
 * Compares current results against a baseline, claim by claim. A claim regressed when
 *
 * <ul>
 *   <li>it is missing from the current results;
 *   <li>its status got worse, in the order PASS, INSUFFICIENT, UNDECIDED, FAIL (e.g. PASS to INSUFFICIENT:
 *       fewer instances met the hypotheses than the stated minimum);
 *   <li>its weakest verdict got weaker (e.g. all PROVED before, now some NUMERICAL); not applied to
 *       controls, whose status already says whether the false statement was caught;
 *   <li>otherwise, an instance present in both (same seed, family and dims) got a weaker verdict,
 *       e.g. PROVED before and UNDECIDED now inside a claim that was already UNDECIDED (instances
 *       whose hypotheses were not met on either side are not compared; not applied to controls);
 *   <li>its worst margin dropped by more than {@code marginThreshold} times the baseline's magnitude
 *       (with the default 0.5: more than halved; from a zero margin: any drop below zero); not
 *       applied to controls;
 *   <li>with {@code failOnTime} only: its time grew past {@code timeFactor} times the baseline's and
 *       by more than {@link #TIME_NOISE_SECONDS}. Without it such a slowdown is a warning
 *       ({@link Change#TIME_WARNING}). Times are CPU times where both results record them ({@code cpu_s}),
 *       else wall-clock times, which swing with the machine's load.
 * </ul>
 *
 * Claims new in the current results, and claims that got better, are listed but are not regressions.
 */
public final class Regressions {
    /** Time differences at most this many seconds are never flagged. */
    public static final double TIME_NOISE_SECONDS = 1.0;

    /** Thresholds of a comparison. */
    public record Thresholds(BigDecimal marginThreshold, double timeFactor, boolean failOnTime) {
        /** Thresholds under which a slower claim is only a warning. */
        public Thresholds(BigDecimal marginThreshold, double timeFactor) {
            this(marginThreshold, timeFactor, false);
        }

        public Thresholds {
            if (marginThreshold.signum() < 0) {
                throw new IllegalArgumentException("margin threshold must be >= 0");
            }
            if (!(timeFactor >= 1) || Double.isInfinite(timeFactor)) {
                throw new IllegalArgumentException("time factor must be a finite number >= 1");
            }
        }

        /** Margin threshold 0.5 (worst margin more than halved), time factor 3. */
        public static Thresholds defaults() {
            return new Thresholds(new BigDecimal("0.5"), 3.0);
        }
    }

    /** What changed for a claim. */
    public enum Change {
        MISSING(true),
        STATUS_WORSE(true),
        VERDICT_WEAKER(true),
        INSTANCE_WEAKER(true),
        MARGIN_SHRANK(true),
        TIME_GREW(true),
        /** Time grew as for {@link #TIME_GREW}, but timing does not gate (the default: timers are noisy). */
        TIME_WARNING(false),
        NEW(false),
        STATUS_BETTER(false),
        VERDICT_STRONGER(false);

        private final boolean regression;

        Change(boolean regression) {
            this.regression = regression;
        }

        public boolean isRegression() {
            return regression;
        }
    }

    /** One change with a one-line explanation. */
    public record Finding(Change change, String text) {}

    /**
     * The comparison of one claim.
     *
     * @param baseline the claim in the baseline, or null if new
     * @param current the claim now, or null if missing
     */
    public record ClaimComparison(String id, ClaimResult baseline, ClaimResult current, List<Finding> findings) {
        public boolean regressed() {
            return findings.stream().anyMatch(f -> f.change().isRegression());
        }

        /** The claim's title from whichever side has it. */
        public String title() {
            return current != null ? current.title() : baseline.title();
        }
    }

    /** A whole comparison, in baseline order followed by new claims. */
    public record Comparison(String baselineName, Thresholds thresholds, List<ClaimComparison> claims) {
        public boolean regressed() {
            return claims.stream().anyMatch(ClaimComparison::regressed);
        }

        public long regressionCount() {
            return claims.stream().filter(ClaimComparison::regressed).count();
        }
    }

    private Regressions() {}

    /** Compares {@code current} with {@code baseline} (neither is modified). */
    public static Comparison compare(String baselineName, List<ClaimResult> baseline, List<ClaimResult> current,
            Thresholds t) {
        Map<String, ClaimResult> now = new LinkedHashMap<>();
        for (ClaimResult c : current) {
            now.put(c.id(), c);
        }
        List<ClaimComparison> out = new ArrayList<>();
        for (ClaimResult b : baseline) {
            ClaimResult c = now.remove(b.id());
            out.add(new ClaimComparison(b.id(), b, c, c == null
                    ? List.of(new Finding(Change.MISSING, "not in the current results"))
                    : findings(b, c, t)));
        }
        for (ClaimResult c : now.values()) {
            out.add(new ClaimComparison(c.id(), null, c, List.of(new Finding(Change.NEW, "not in the baseline"))));
        }
        return new Comparison(baselineName, t, out);
    }

    static List<Finding> findings(ClaimResult b, ClaimResult c, Thresholds t) {
        List<Finding> f = new ArrayList<>();
        ClaimStatus sb = b.status();
        ClaimStatus sc = c.status();
        if (sc.ordinal() > sb.ordinal()) {
            f.add(new Finding(Change.STATUS_WORSE, "status " + sb + " -> " + sc + describeBad(c)));
        } else if (sc.ordinal() < sb.ordinal()) {
            f.add(new Finding(Change.STATUS_BETTER, "status " + sb + " -> " + sc));
        }
        boolean control = b.kind() == ClaimKind.CONTROL || c.kind() == ClaimKind.CONTROL;
        if (!control) {
            Verdict wb = b.weakestVerdict();
            Verdict wc = c.weakestVerdict();
            if (wb != null && wc != null && wc.ordinal() > wb.ordinal()) {
                f.add(new Finding(Change.VERDICT_WEAKER, "weakest verdict " + wb + " -> " + wc));
            } else if (wb != null && wc != null && wc.ordinal() < wb.ordinal()) {
                f.add(new Finding(Change.VERDICT_STRONGER, "weakest verdict " + wb + " -> " + wc));
            }
            boolean flagged = f.stream().anyMatch(x -> x.change() == Change.STATUS_WORSE
                    || x.change() == Change.VERDICT_WEAKER);
            if (!flagged) {
                instanceFinding(b, c).ifPresent(f::add);
            }
            BigDecimal mb = b.worstMarginValue();
            BigDecimal mc = c.worstMarginValue();
            if (mb != null && mc != null) {
                BigDecimal drop = mb.subtract(mc);
                BigDecimal allowed = t.marginThreshold().multiply(mb.abs());
                if (drop.signum() > 0 && drop.compareTo(allowed) > 0) {
                    f.add(new Finding(Change.MARGIN_SHRANK, "worst margin " + DecimalText.shortText(mb, 4) + " -> "
                            + DecimalText.shortText(mc, 4) + " (drop beyond " + t.marginThreshold().toPlainString()
                            + " x |baseline|)"));
                }
            }
        }
        // CPU time where both runs measured it (it does not swing with the machine's load), else wall time
        boolean cpu = b.cpuSeconds() != null && c.cpuSeconds() != null;
        double tb = cpu ? b.cpuSeconds() : b.timeSeconds();
        double tc = cpu ? c.cpuSeconds() : c.timeSeconds();
        if (tc > t.timeFactor() * tb && tc - tb > TIME_NOISE_SECONDS) {
            f.add(new Finding(t.failOnTime() ? Change.TIME_GREW : Change.TIME_WARNING, String.format(Locale.ROOT,
                    "%s time %.2f s -> %.2f s (over %s x)", cpu ? "CPU" : "wall",
                    tb, tc, BigDecimal.valueOf(t.timeFactor()).stripTrailingZeros().toPlainString())));
        }
        return f;
    }

    /** Instances matched by seed, family and dims whose verdict got weaker, as one finding. */
    private static java.util.Optional<Finding> instanceFinding(ClaimResult b, ClaimResult c) {
        Map<String, Verdict> before = new java.util.HashMap<>();
        for (InstanceResult i : b.instances()) {
            before.put(key(i), i.verdict());
        }
        int weaker = 0;
        String example = null;
        for (InstanceResult i : c.instances()) {
            Verdict v0 = before.get(key(i));
            if (v0 == null || v0 == Verdict.HYPOTHESIS_NOT_MET || i.verdict() == Verdict.HYPOTHESIS_NOT_MET) {
                continue;
            }
            if (i.verdict().ordinal() > v0.ordinal()) {
                weaker++;
                if (example == null) {
                    example = "seed " + UnsignedSeed.text(i.seed()) + " (" + i.family() + "): " + v0 + " -> " + i.verdict();
                }
            }
        }
        if (weaker == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Finding(Change.INSTANCE_WEAKER, weaker
                + (weaker == 1 ? " instance" : " instances") + " weaker than in the baseline, e.g. " + example));
    }

    private static String key(InstanceResult i) {
        return i.seed() + "|" + i.family() + "|" + i.dims();
    }

    private static String describeBad(ClaimResult c) {
        if (c.kind() == ClaimKind.CONTROL) {
            return " (control: " + c.count(Verdict.REFUTED) + " of " + c.total() + " instances refuted)";
        }
        return " (" + c.count(Verdict.REFUTED) + " refuted, " + c.count(Verdict.UNDECIDED) + " undecided, " + c.met()
                + " met the hypotheses" + (c.minMet() == null ? "" : " of " + c.minMet() + " required") + ")";
    }
}
