package org.flatminima.certificates;

import org.flatminima.exact.CertificateLog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.Rational;

/**
 * The witness of one PROVED or CERTIFIED instance: the case itself, the exact facts recorded while it was
 * decided, and whether the witness is complete (the independent checker can re-derive the verdict from it)
 * or unsupported (with the reasons; counted, never taken as valid).
 *
 * @param claim the claim id
 * @param family the instance's family
 * @param seed the instance's seed
 * @param verdict PROVED or CERTIFIED
 * @param method the decision's method text
 * @param network the case (layers, Sigma_x, target)
 * @param facts the inertia facts with their LDL^T witnesses
 * @param witness named exact values (vectors, scalars)
 * @param unsupported why the witness is not complete; empty when it is
 */
public record Certificate(String claim, String family, long seed, String verdict, String method,
        LinearNetwork<Rational> network, List<CertificateLog.InertiaFact> facts, Map<String, Object> witness,
        List<String> unsupported) {

    /**
     * The claims whose statement the independent checker re-derives from the case and these facts
     * (checker/flatminima_check.py, VERIFIERS); any other claim's certificate is marked unsupported.
     */
    public static final Set<String> COMPLETE = Set.of("theorem1.sharpness", "theorem4", "theorem1.lower-bound",
            "theorem1.eigenvector", "lemma3", "scalar.eq10", "theorem2.i", "theorem2.ii", "theorem2.iii", "theorem2.iv",
            "theorem3.i", "theorem3.ii", "lemma4", "scalar.eq12", "scalar.eq13", "lemma2",
            "beyond.mc.lower-bound", "beyond.mc.equality", "beyond.mc.theorem1-agreement", "inspect",
            "section5.lower-bound");

    /** The certificate of a decided instance from the log it filled. */
    public static Certificate of(String claim, String family, long seed, String verdict, String method,
            LinearNetwork<Rational> network, CertificateLog log) {
        List<String> reasons = new java.util.ArrayList<>(log.unsupportedReasons());
        if (!COMPLETE.contains(claim)) {
            reasons.add(0, "no witness format for " + claim + " yet: the checker cannot re-derive its statement");
        }
        return new Certificate(claim, family, seed, verdict, method, network, log.facts(), log.witnessValues(),
                List.copyOf(reasons));
    }

    /** True when the witness is complete. */
    public boolean isComplete() {
        return unsupported.isEmpty();
    }
}
