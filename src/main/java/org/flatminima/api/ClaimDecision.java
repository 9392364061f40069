package org.flatminima.api;

import java.util.Map;
import org.flatminima.results.Verdict;

/**
 * One claim decided on one network.
 *
 * @param claimId the claim, e.g. {@code theorem1.sharpness}
 * @param statement the statement in one line, in the paper's notation
 * @param verdict the verdict; only PROVED, CERTIFIED, CONSISTENT and NUMERICAL are passes, and UNDECIDED never is
 * @param method how the verdict was reached (exact inertia, a certified enclosure, or a numerical tolerance)
 * @param margin the relative slack as a double estimate for reading (no verdict rests on it), or null
 * @param tolerance the tolerance of a NUMERICAL verdict as a decimal string, else null
 * @param details further named values (exact ones as {@code p/q} strings)
 */
public record ClaimDecision(String claimId, String statement, Verdict verdict, String method, Double margin,
        String tolerance, Map<String, String> details) {
    public ClaimDecision {
        details = Map.copyOf(details);
    }

    /** True if the verdict is a pass (see {@link Verdict#isPass()}). */
    public boolean holds() {
        return verdict.isPass();
    }
}
