package org.flatminima.report;

import java.util.Map;
import org.flatminima.claims.Verdict;

/**
 * The status of a claim as a whole, derived from its counts per verdict. This is the one place that
 * defines it:
 *
 * <ul>
 *   <li>an ordinary claim is {@link #FAIL} if any instance is {@link Verdict#REFUTED}; otherwise
 *       {@link #UNDECIDED} if any instance is {@link Verdict#UNDECIDED} or if no instance passed at
 *       all (no instances, or only instances whose hypotheses were not met); otherwise {@link #PASS};
 *   <li>a {@link ClaimKind#CONTROL} claim states something false on purpose, so the meaning inverts:
 *       it is {@link #PASS} only if it has instances and every one of them is {@link Verdict#REFUTED}
 *       (the checker caught the false statement), {@link #FAIL} if any instance passed (the false
 *       statement slipped through), and {@link #UNDECIDED} otherwise.
 * </ul>
 */
public enum ClaimStatus {
    PASS,
    UNDECIDED,
    FAIL;

    /** The status of a claim of kind {@code kind} with these counts (missing verdicts count as zero). */
    public static ClaimStatus of(ClaimKind kind, Map<Verdict, Integer> counts) {
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
        if (undecided > 0 || passed == 0) {
            return UNDECIDED;
        }
        return PASS;
    }

    /** The status of {@code claim}. */
    public static ClaimStatus of(ClaimResult claim) {
        return of(claim.kind(), claim.counts());
    }

    private static int count(Map<Verdict, Integer> counts, Verdict v) {
        Integer n = counts.get(v);
        return n == null ? 0 : n;
    }
}
