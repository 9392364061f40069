package org.flatminima.proofs;

/** The status of a proof step (or of one obligation), from strongest to failure. */
public enum StepStatus {
    /** A symbolic identity reduced to a canonical 0 for the sizes named. */
    PROVED_SYMBOLIC("PROVED-SYMBOLIC"),
    /** The claim passed on every instance the checker ran (count and verdicts stated). */
    CHECKED("CHECKED"),
    /** Not discharged: an argument step, an unavailable checker, or an undecided result. */
    OPEN("OPEN"),
    /** Refuted: an identity with a non-zero residual, or a claim refuted on some instance. */
    FAILED("FAILED");

    private final String label;

    StepStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The weaker of two statuses (a step is only as strong as its weakest obligation). */
    public StepStatus weaker(StepStatus o) {
        return compareTo(o) >= 0 ? this : o;
    }
}
