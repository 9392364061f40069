package org.flatminima.results;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accumulates the instances of one claim as a checker decides them, then produces its
 * {@link ClaimResult} with the counts per verdict, worst and median margins and the time spent
 * computed here. {@link #add} may be called from several threads.
 *
 * <pre>{@code
 * ClaimRecorder rec = new ClaimRecorder("theorem-1", ClaimKind.THEOREM, "Theorem 1", "lambda_max >= 2m ...")
 *         .hypotheses("Sigma_x = I, A1");
 * rec.add(InstanceResult.of(seed, "rational-gauge", dims, Verdict.PROVED, "exact inertia of lambda* I - H")
 *         .withMargin(margin));
 * ClaimResult result = rec.finish();
 * }</pre>
 *
 * <p>Time runs from construction (or the last {@link #restartClock()}) to {@link #finish()}, unless
 * set with {@link #timeSeconds(double)}.
 */
public final class ClaimRecorder {
    private final String id;
    private final ClaimKind kind;
    private final String title;
    private final String statement;
    private String provenance = "from the paper";
    private String section;
    private String hypotheses = "";
    private final LinkedHashSet<String> families = new LinkedHashSet<>();
    private final List<InstanceResult> instances = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private long startNanos = System.nanoTime();
    private Double timeSeconds;

    public ClaimRecorder(String id, ClaimKind kind, String title, String statement) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.title = Objects.requireNonNull(title, "title");
        this.statement = Objects.requireNonNull(statement, "statement");
        this.section = defaultSection(kind);
    }

    /** The section a claim of this kind is listed in unless set: controls, experiments, beyond or paper. */
    public static String defaultSection(ClaimKind kind) {
        return switch (kind) {
            case CONTROL -> "controls";
            case EXPERIMENT -> "experiments";
            case CONJECTURE -> "beyond";
            default -> "paper";
        };
    }

    /** Sets the provenance (default {@code "from the paper"}); modifies and returns this recorder. */
    public synchronized ClaimRecorder provenance(String text) {
        this.provenance = Objects.requireNonNull(text);
        return this;
    }

    /** Sets the section (default from the kind); modifies and returns this recorder. */
    public synchronized ClaimRecorder section(String name) {
        this.section = Objects.requireNonNull(name);
        return this;
    }

    /** Sets the hypotheses text; modifies and returns this recorder. */
    public synchronized ClaimRecorder hypotheses(String text) {
        this.hypotheses = Objects.requireNonNull(text);
        return this;
    }

    /**
     * Declares an instance family (families of added instances are collected automatically too);
     * modifies and returns this recorder.
     */
    public synchronized ClaimRecorder family(String name) {
        families.add(Objects.requireNonNull(name));
        return this;
    }

    /** Adds a figure; modifies and returns this recorder. */
    public synchronized ClaimRecorder figure(String title, String path) {
        figures.add(new Figure(title, path));
        return this;
    }

    /** Records one decided instance; modifies this recorder. Thread-safe. */
    public synchronized ClaimRecorder add(InstanceResult instance) {
        instances.add(Objects.requireNonNull(instance));
        families.add(instance.family());
        return this;
    }

    private Integer minMet;

    /** Restarts the clock that measures the claim's time; modifies this recorder. */
    public synchronized ClaimRecorder restartClock() {
        startNanos = System.nanoTime();
        return this;
    }

    /** Fixes the reported time in seconds instead of measuring it; modifies and returns this recorder. */
    public synchronized ClaimRecorder timeSeconds(double seconds) {
        this.timeSeconds = seconds;
        return this;
    }

    /** The number of instances recorded so far. */
    public synchronized int size() {
        return instances.size();
    }

    /** States the least number of instances that must meet the hypotheses; modifies and returns this recorder. */
    public synchronized ClaimRecorder minMet(int n) {
        this.minMet = n;
        return this;
    }

    /** The claim's results so far; the recorder stays usable. */
    public synchronized ClaimResult finish() {
        double t = timeSeconds != null ? timeSeconds : (System.nanoTime() - startNanos) / 1e9;
        return summarize(new ClaimResult(id, title, statement, kind, provenance, section, hypotheses,
                List.copyOf(families), null, null, null, 0, List.of(), List.copyOf(figures), minMet), instances, t);
    }

    /**
     * A copy of {@code header}'s description (id, title, statement, kind, provenance, section,
     * hypotheses, families, figures) with counts, margins and time computed from {@code instances}
     * and {@code seconds}. Families of the instances are added to the header's. Modifies nothing.
     */
    public static ClaimResult summarize(ClaimResult header, List<InstanceResult> instances, double seconds) {
        LinkedHashSet<String> fams = new LinkedHashSet<>(header.families());
        for (InstanceResult i : instances) {
            fams.add(i.family());
        }
        List<BigDecimal> margins = margins(instances);
        BigDecimal worst = margins.isEmpty() ? null : margins.get(0);
        BigDecimal median = median(margins);
        return new ClaimResult(header.id(), header.title(), header.statement(), header.kind(), header.provenance(),
                header.section(), header.hypotheses(), List.copyOf(fams), tally(instances), DecimalText.text(worst),
                DecimalText.text(median), seconds, instances, header.figures(), header.minMet());
    }

    /** Instances per verdict, every verdict present. */
    public static Map<Verdict, Integer> tally(Collection<InstanceResult> instances) {
        EnumMap<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        for (InstanceResult i : instances) {
            counts.merge(i.verdict(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The margins that count, sorted ascending: those of instances with a margin whose verdict is not
     * {@link Verdict#HYPOTHESIS_NOT_MET}.
     */
    public static List<BigDecimal> margins(Collection<InstanceResult> instances) {
        List<BigDecimal> out = new ArrayList<>();
        for (InstanceResult i : instances) {
            if (i.margin() != null && i.verdict() != Verdict.HYPOTHESIS_NOT_MET) {
                out.add(i.marginValue());
            }
        }
        out.sort(BigDecimal::compareTo);
        return out;
    }

    /** The exact median of an ascending list (mean of the two middle values for even sizes), or null if empty. */
    public static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        // Halving a finite decimal is exact.
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
    }
}
