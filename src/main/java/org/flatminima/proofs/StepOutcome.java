package org.flatminima.proofs;

import java.util.List;

/** A step with the outcomes of its obligations; its status is the weakest of theirs. */
public record StepOutcome(ProofStep step, List<ObligationOutcome> outcomes) {
    public StepStatus status() {
        StepStatus s = StepStatus.PROVED_SYMBOLIC;
        for (ObligationOutcome o : outcomes) {
            s = s.weaker(o.status());
        }
        return s;
    }
}
