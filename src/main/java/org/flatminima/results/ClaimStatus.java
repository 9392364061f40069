package org.flatminima.results;

import java.util.Map;

/**
 * The status of a claim as a whole, derived from its counts per verdict. This is the one place that
 * defines it:
 *
 * <ul>
 *   <li>an ordinary claim is {@link #FAIL} if any instance is {@link Verdict#REFUTED}; otherwise
 *       {@link #UNDECIDED} if any instance is {@link Verdict#UNDECIDED}; otherwise {@link #INSUFFICIENT}
 *       if fewer instances met its hypotheses than the stated minimum ({@code min_met}, at least 1;
 *       {@code check} states ceil(fraction x instances), fraction 1/2 by default); otherwise {@link #PASS};
 *   <li>a {@link ClaimKind#CONTROL} claim states something false on purpose, so the meaning inverts:
 *       it is {@link #PASS} only if it has instances and every one of them is {@link Verdict#REFUTED}
 *       (the checker caught the false statement), {@link #FAIL} if any instance passed (the false
 *       statement slipped through), and {@link #UNDECIDED} otherwise.
 * </ul>
 */
public enum ClaimStatus {
    PASS,
    /** No instance refuted or undecided, but too few met the hypotheses for the passes to mean much. */
    INSUFFICIENT,
    UNDECIDED,
    FAIL;

    /** The status of a claim of kind {@code kind} with these counts (missing verdicts count as zero), minimum 1. */
    public static ClaimStatus of(ClaimKind kind, Map<Verdict, Integer> counts) {
        return of(kind, counts, 1);
    }

    /**
     * The status of a claim of kind {@code kind} with these counts, of which at least {@code minMet}
     * (taken as at least 1) must meet the hypotheses.
     */
    public static ClaimStatus of(ClaimKind kind, Map<Verdict, Integer> counts, int minMet) {
        int refuted = count(counts, Verdict.REFUTED);
        int undecided = count(counts, Verdict.UNDECIDED);
        int passed = 0;
        int total = 0;
        for (Verdict v : Verdict.values()) {
            total += count(counts, v);
            if (v.isPass()) {
                passed += count(counts, v);
            }
        }
        if (kind == ClaimKind.CONTROL) {
            if (passed > 0) {
                return FAIL;
            }
            return total > 0 && refuted == total ? PASS : UNDECIDED;
        }
        if (refuted > 0) {
            return FAIL;
        }
        if (undecided > 0) {
            return UNDECIDED;
        }
        if (passed < Math.max(1, minMet)) {
            return INSUFFICIENT;
        }
        return PASS;
    }

    /** The status of {@code claim}. */
    public static ClaimStatus of(ClaimResult claim) {
        return of(claim.kind(), claim.counts(), claim.minMet() == null ? 1 : claim.minMet());
    }

    private static int count(Map<Verdict, Integer> counts, Verdict v) {
        Integer n = counts.get(v);
        return n == null ? 0 : n;
    }
}
