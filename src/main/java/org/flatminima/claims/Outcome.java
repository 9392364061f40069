package org.flatminima.claims;

import org.flatminima.results.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decision of one claim on one instance: the verdict, how it was reached, how far the instance was
 * from failing, the tolerance when the verdict is numerical, and named details (exact values as "p/q"
 * strings, approximations marked as such).
 *
 * @param verdict the verdict
 * @param method how it was decided, e.g. "exact inertia of lambda* I - H"
 * @param margin relative slack (a double estimate, never what the verdict rests on), or null when the
 *     relation is an equality decided exactly
 * @param tolerance the tolerance of a numerical verdict as a decimal string (its basis is the detail
 *     {@code tolerance_basis}), else null
 * @param details further named values
 */
public record Outcome(Verdict verdict, String method, Double margin, String tolerance, Map<String, String> details) {

    public Outcome {
        details = details == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(details));
    }

    public static Outcome of(Verdict v, String method) {
        return new Outcome(v, method, null, null, Map.of());
    }

    public static Outcome hypothesisNotMet(String why) {
        return new Outcome(Verdict.HYPOTHESIS_NOT_MET, why, null, null, Map.of());
    }

    public Outcome withMargin(Double m) {
        return new Outcome(verdict, method, m, tolerance, details);
    }

    /** A copy with the numerical tolerance {@code value} (a decimal) and where it comes from. */
    public Outcome withTolerance(java.math.BigDecimal value, String basis) {
        return new Outcome(verdict, method, margin, value.toString(), details).withDetail("tolerance_basis", basis);
    }

    /**
     * A copy whose method names the matrix the decision was taken on (for example the d_x d_y-square Gram
     * matrix 2 Phi^T Phi in place of H), also kept as the detail "reduction".
     */
    public Outcome withReduction(String how) {
        return new Outcome(verdict, method + " [on " + how + "]", margin, tolerance, details).withDetail("reduction", how);
    }

    public Outcome withDetail(String key, Object value) {
        Map<String, String> d = new LinkedHashMap<>(details);
        d.put(key, String.valueOf(value));
        return new Outcome(verdict, method, margin, tolerance, d);
    }
}
