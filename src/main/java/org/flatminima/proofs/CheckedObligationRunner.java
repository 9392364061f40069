package org.flatminima.proofs;

import java.util.EnumMap;
import java.util.Map;
import org.flatminima.results.Verdict;

/**
 * Runs a {@code checked} obligation: claim {@code claimId} (e.g. {@code theorem-1}) on
 * {@code instances} random instances drawn from {@code seed}, returning the count per verdict.
 *
 * <p>The theorem checker's implementation is {@link RegistryCheckedObligationRunner}; with
 * {@link #UNAVAILABLE} every such step is reported OPEN.
 */
public interface CheckedObligationRunner {
    /** Runs the claim; never throws for an unknown claim id (returns an unavailable result). */
    Result run(String claimId, int instances, long seed);

    /**
     * @param available false when no checker could run the claim; {@code note} says why
     * @param counts instances per verdict (empty when unavailable)
     * @param note how the verdicts were reached, or why none were
     */
    record Result(boolean available, Map<Verdict, Integer> counts, String note) {
        public Result {
            counts = counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
        }

        public static Result unavailable(String reason) {
            return new Result(false, Map.of(), reason);
        }

        public int count(Verdict v) {
            return counts.getOrDefault(v, 0);
        }

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Reports every checked obligation as not run (no theorem checker given). */
    CheckedObligationRunner UNAVAILABLE = (claimId, instances, seed) -> Result.unavailable(
            "no theorem checker was given, so claim " + claimId + " was not run");
}
