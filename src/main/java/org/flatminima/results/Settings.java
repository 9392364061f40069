package org.flatminima.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings a run used. Every field may be null when the producing command has no such setting;
 * {@code other} holds any further settings as text (never null, possibly empty).
 *
 * @param seed base seed of the run
 * @param instances instances per claim
 * @param digits working precision in decimal digits
 * @param maxDim largest layer width drawn
 * @param maxDepth largest number of layers drawn
 * @param timeLimitSeconds time limit, in seconds
 * @param other further settings by name
 */
public record Settings(
        @JsonProperty("seed") Long seed,
        @JsonProperty("instances") Integer instances,
        @JsonProperty("digits") Integer digits,
        @JsonProperty("max_dim") Integer maxDim,
        @JsonProperty("max_depth") Integer maxDepth,
        @JsonProperty("time_limit_s") Double timeLimitSeconds,
        @JsonProperty("other") Map<String, String> other) {
    public Settings {
        other = other == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(other));
    }

    /** Settings with nothing set. */
    public static Settings none() {
        return new Settings(null, null, null, null, null, null, Map.of());
    }
}
