package org.flatminima.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one claim: what it states, under which hypotheses, on which instance families,
 * how its instances were decided, and how long it took. Build one with {@link ClaimRecorder}.
 *
 * <p>The JSON form also carries the derived {@code status} (see {@link ClaimStatus}) for readers
 * that only want the verdict; on reading it must agree with the counts.
 *
 * @param id stable identifier in the paper's numbering, e.g. {@code "theorem-1"}, {@code "eq-13"}
 * @param title short title, e.g. {@code "Theorem 1 (flattest sharpness)"}
 * @param statement the statement, one line
 * @param kind lemma, theorem, equation, conjecture, control or experiment
 * @param provenance where the statement comes from, e.g. {@code "from the paper"}, {@code "derived here"}
 * @param section where the report lists it, e.g. {@code "paper"}, {@code "controls"}, {@code "experiments"}
 * @param hypotheses the hypotheses the instances were drawn to meet, as text
 * @param families the instance families used
 * @param counts instances per verdict; every verdict is present (zero when none)
 * @param worstMargin the smallest margin over the instances that have one (hypothesis-not-met excluded),
 *     as a decimal string, or null
 * @param medianMargin the median of those margins, or null
 * @param timeSeconds wall time spent on the claim, in seconds
 * @param instances every instance, in the order decided
 * @param figures figures an experiment produced (empty for other claims)
 * @param cpuSeconds CPU time of the threads that decided the instances, in seconds; null when not measured
 *     (results written before it existed, experiments)
 * @param minMet the least number of instances that must meet the claim's hypotheses for it to pass
 *     (see {@link ClaimStatus#INSUFFICIENT}); null in results written before it existed, read as 1
 */
@JsonIgnoreProperties(value = {"status", "met_by_family"}, allowGetters = true)
public record ClaimResult(
        @JsonProperty("id") String id,
        @JsonProperty("title") String title,
        @JsonProperty("statement") String statement,
        @JsonProperty("kind") ClaimKind kind,
        @JsonProperty("provenance") String provenance,
        @JsonProperty("section") String section,
        @JsonProperty("hypotheses") String hypotheses,
        @JsonProperty("families") List<String> families,
        @JsonProperty("counts") Map<Verdict, Integer> counts,
        @JsonProperty("worst_margin") String worstMargin,
        @JsonProperty("median_margin") String medianMargin,
        @JsonProperty("time_s") double timeSeconds,
        @JsonProperty("instances") List<InstanceResult> instances,
        @JsonProperty("figures") List<Figure> figures,
        @JsonProperty("min_met") @com.fasterxml.jackson.annotation.JsonInclude(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Integer minMet,
        @JsonProperty("cpu_s") @com.fasterxml.jackson.annotation.JsonInclude(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Double cpuSeconds) {
    /** A result without a measured CPU time. */
    public ClaimResult(String id, String title, String statement, ClaimKind kind, String provenance, String section,
            String hypotheses, List<String> families, Map<Verdict, Integer> counts, String worstMargin,
            String medianMargin, double timeSeconds, List<InstanceResult> instances, List<Figure> figures,
            Integer minMet) {
        this(id, title, statement, kind, provenance, section, hypotheses, families, counts, worstMargin, medianMargin,
                timeSeconds, instances, figures, minMet, null);
    }

    /** A result without a stated minimum (at least one instance must meet the hypotheses). */
    public ClaimResult(String id, String title, String statement, ClaimKind kind, String provenance, String section,
            String hypotheses, List<String> families, Map<Verdict, Integer> counts, String worstMargin,
            String medianMargin, double timeSeconds, List<InstanceResult> instances, List<Figure> figures) {
        this(id, title, statement, kind, provenance, section, hypotheses, families, counts, worstMargin, medianMargin,
                timeSeconds, instances, figures, null, null);
    }

    public ClaimResult {
        if (cpuSeconds != null && (!(cpuSeconds >= 0) || cpuSeconds.isInfinite())) {
            throw new IllegalArgumentException("cpu_s must be a finite non-negative number: " + cpuSeconds);
        }
        if (minMet != null && minMet < 0) {
            throw new IllegalArgumentException("min_met is negative: " + minMet);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(section, "section");
        hypotheses = hypotheses == null ? "" : hypotheses;
        families = families == null ? List.of() : List.copyOf(families);
        EnumMap<Verdict, Integer> full = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            Integer n = counts == null ? null : counts.get(v);
            if (n != null && n < 0) {
                throw new IllegalArgumentException("count of " + v + " is negative: " + n);
            }
            full.put(v, n == null ? 0 : n);
        }
        counts = Collections.unmodifiableMap(full);
        if (worstMargin != null) {
            DecimalText.parse(worstMargin, "worst_margin");
        }
        if (medianMargin != null) {
            DecimalText.parse(medianMargin, "median_margin");
        }
        if (!(timeSeconds >= 0) || Double.isInfinite(timeSeconds)) {
            throw new IllegalArgumentException("time_s must be a finite non-negative number: " + timeSeconds);
        }
        instances = instances == null ? List.of() : List.copyOf(instances);
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    /** The derived status (see {@link ClaimStatus}); also written to JSON as {@code "status"}. */
    @JsonProperty("status")
    public ClaimStatus status() {
        return ClaimStatus.of(this);
    }

    /**
     * Per family (in order of first appearance): how many of its instances met the claim's hypotheses and
     * how many were drawn, as {@code [met, drawn]}; derived from the instances, written to JSON as
     * {@code "met_by_family"}.
     */
    @JsonProperty("met_by_family")
    public Map<String, List<Integer>> metByFamily() {
        Map<String, int[]> by = new java.util.LinkedHashMap<>();
        for (InstanceResult i : instances) {
            int[] c = by.computeIfAbsent(i.family(), k -> new int[2]);
            c[1]++;
            if (i.verdict() != Verdict.HYPOTHESIS_NOT_MET) {
                c[0]++;
            }
        }
        Map<String, List<Integer>> out = new java.util.LinkedHashMap<>();
        by.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    /** A copy with the stated minimum of instances meeting the hypotheses. */
    public ClaimResult withMinMet(Integer n) {
        return new ClaimResult(id, title, statement, kind, provenance, section, hypotheses, families, counts, worstMargin,
                medianMargin, timeSeconds, instances, figures, n, cpuSeconds);
    }

    /** A copy with the CPU time spent deciding the instances (seconds; null: not measured). */
    public ClaimResult withCpuSeconds(Double seconds) {
        return new ClaimResult(id, title, statement, kind, provenance, section, hypotheses, families, counts, worstMargin,
                medianMargin, timeSeconds, instances, figures, minMet, seconds);
    }

    /** The number of instances that met the claim's hypotheses (every verdict but HYPOTHESIS_NOT_MET). */
    public int met() {
        return total() - count(Verdict.HYPOTHESIS_NOT_MET);
    }

    /** The number of instances with verdict {@code v}. */
    public int count(Verdict v) {
        return counts.get(v);
    }

    /** The total number of instances counted. */
    public int total() {
        int n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }

    /** The worst margin as a number, or null. */
    public BigDecimal worstMarginValue() {
        return worstMargin == null ? null : new BigDecimal(worstMargin);
    }

    /** The median margin as a number, or null. */
    public BigDecimal medianMarginValue() {
        return medianMargin == null ? null : new BigDecimal(medianMargin);
    }

    /**
     * The weakest verdict among the instances that count for or against the claim (hypothesis-not-met
     * excluded), in the order of {@link Verdict}; null when there are none. For a claim whose
     * instances were all PROVED this is PROVED; one NUMERICAL instance makes it NUMERICAL.
     */
    public Verdict weakestVerdict() {
        Verdict weakest = null;
        for (Verdict v : Verdict.values()) {
            if (v != Verdict.HYPOTHESIS_NOT_MET && count(v) > 0) {
                weakest = v;
            }
        }
        return weakest;
    }
}
