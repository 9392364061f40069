package org.flatminima.results;

/** What sort of statement a claim is; decides how its status is read and where the report lists it. */
public enum ClaimKind {
    /** A lemma of the paper. */
    LEMMA,
    /** A theorem of the paper. */
    THEOREM,
    /** A numbered equation or closed form of the paper. */
    EQUATION,
    /** A statement the paper conjectures; explored, never counted with the theorems. */
    CONJECTURE,
    /** A negative control: a deliberately false statement that must come back REFUTED on every instance. */
    CONTROL,
    /** An experiment (figures and measured quantities rather than a statement decided per instance). */
    EXPERIMENT,
    /** A fact the paper uses without numbering it as a lemma (results files list it as a lemma). */
    FACT
}
