package org.flatminima.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One instance of a claim and how it was decided.
 *
 * @param seed the seed that regenerates the instance (64 bits; written unsigned, as case files name it)
 * @param family the instance family it was drawn from (e.g. {@code "rational-gauge"})
 * @param dims the layer widths d_0, ..., d_m
 * @param verdict how strongly the claim was decided on it
 * @param method how it was decided, one line (e.g. {@code "exact inertia of lambda* I - H"})
 * @param margin how far the instance was from failing, as a decimal string (positive: it held with
 *     room to spare); null when the method has no margin
 * @param tolerance the tolerance the verdict used, as a decimal string; null for exact decisions
 * @param details further measured quantities by name, as text (never null)
 * @param casePath where the instance was saved as a replayable case; null when it was not saved
 */
public record InstanceResult(
        @JsonProperty("seed") @JsonSerialize(using = UnsignedSeed.Serializer.class)
                @JsonDeserialize(using = UnsignedSeed.Deserializer.class) long seed,
        @JsonProperty("family") String family,
        @JsonProperty("dims") List<Integer> dims,
        @JsonProperty("verdict") Verdict verdict,
        @JsonProperty("method") String method,
        @JsonProperty("margin") String margin,
        @JsonProperty("tolerance") String tolerance,
        @JsonProperty("details") Map<String, String> details,
        @JsonProperty("case_path") String casePath) {
    public InstanceResult {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(method, "method");
        dims = dims == null ? List.of() : List.copyOf(dims);
        details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
        if (margin != null) {
            DecimalText.parse(margin, "margin");
        }
        if (tolerance != null) {
            DecimalText.parse(tolerance, "tolerance");
        }
    }

    /** An instance with no margin, tolerance, details or saved case; add them with the {@code with...} methods. */
    public static InstanceResult of(long seed, String family, List<Integer> dims, Verdict verdict, String method) {
        return new InstanceResult(seed, family, dims, verdict, method, null, null, Map.of(), null);
    }

    /** A copy with this margin (null for none). */
    public InstanceResult withMargin(BigDecimal margin) {
        return new InstanceResult(seed, family, dims, verdict, method, DecimalText.text(margin), tolerance, details,
                casePath);
    }

    /** A copy with this tolerance (null for none). */
    public InstanceResult withTolerance(BigDecimal tolerance) {
        return new InstanceResult(seed, family, dims, verdict, method, margin, DecimalText.text(tolerance), details,
                casePath);
    }

    /** A copy with one more detail (replacing any detail of the same name). */
    public InstanceResult withDetail(String name, Object value) {
        Map<String, String> d = new TreeMap<>(details);
        d.put(name, String.valueOf(value));
        return new InstanceResult(seed, family, dims, verdict, method, margin, tolerance, d, casePath);
    }

    /** A copy that points at the saved case {@code path}. */
    public InstanceResult withCasePath(String path) {
        return new InstanceResult(seed, family, dims, verdict, method, margin, tolerance, details, path);
    }

    /** The margin as a number, or null. */
    public BigDecimal marginValue() {
        return margin == null ? null : DecimalText.parse(margin, "margin");
    }
}
