package org.flatminima.results;

/**
 * How strongly one instance of a claim was decided. Ordered from strongest pass to failure; only
 * {@link #PROVED}, {@link #CERTIFIED}, {@link #CONSISTENT} and {@link #NUMERICAL} count as passes,
 * and only the first two may rest on nothing but exact arithmetic and rigorous enclosures.
 */
public enum Verdict {
    /** Decided by exact rational arithmetic (equalities, comparisons, inertia). */
    PROVED(true),
    /** A rigorous enclosure (directed rounding or exact residual bounds) with a positive margin. */
    CERTIFIED(true),
    /** An equality between irrational quantities that holds within a certified width. */
    CONSISTENT(true),
    /** Holds within a tolerance derived from the working precision; the tolerance is stated. */
    NUMERICAL(true),
    /** Enclosures still overlap at the precision cap. Never a pass. */
    UNDECIDED(false),
    /** The instance does not meet the claim's hypotheses; reported apart, never a failure of the claim. */
    HYPOTHESIS_NOT_MET(false),
    /**
     * The claim is false on this instance, with the witness saved. Decided exactly or by a certified
     * enclosure, except where a claim can only be decided in double precision (Lemma 1's gradient
     * descent, the experiments, the numerical negative controls): such a refutation is a numerical
     * finding, and the verdict says so itself: its method starts with "NUMERICAL REFUTATION" and its
     * details carry {@code evidence = numerical}, both shown by every report format.
     */
    REFUTED(false);

    private final boolean pass;

    Verdict(boolean pass) {
        this.pass = pass;
    }

    /** True for the verdicts that count as the claim holding on the instance. */
    public boolean isPass() {
        return pass;
    }

    /** True if this verdict rests on exact arithmetic or a rigorous enclosure only. */
    public boolean isRigorous() {
        return this == PROVED || this == CERTIFIED;
    }
}
