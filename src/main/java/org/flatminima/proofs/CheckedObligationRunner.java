package org.flatminima.proofs;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.flatminima.claims.Verdict;

/**
 * Runs a {@code checked} obligation: claim {@code claimId} (e.g. {@code theorem-1}) on
 * {@code instances} random instances drawn from {@code seed}, returning the count per verdict.
 *
 * <p>The theorem checker provides an implementation through {@link ServiceLoader} (a file
 * {@code META-INF/services/org.flatminima.proofs.CheckedObligationRunner}); without one,
 * {@link #discover()} returns {@link #UNAVAILABLE} and such steps are reported OPEN.
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

    /** Reports every checked obligation as not runnable yet. */
    CheckedObligationRunner UNAVAILABLE = (claimId, instances, seed) -> Result.unavailable(
            "no theorem checker is installed in this build (issue 4), so claim " + claimId + " was not run");

    /** The first runner registered through ServiceLoader, or {@link #UNAVAILABLE}. */
    static CheckedObligationRunner discover() {
        for (CheckedObligationRunner r : ServiceLoader.load(CheckedObligationRunner.class)) {
            return r;
        }
        return UNAVAILABLE;
    }
}
