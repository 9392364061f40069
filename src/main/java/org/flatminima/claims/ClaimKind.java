package org.flatminima.claims;

/** What sort of statement a claim is; conjectures and negative controls are reported apart. */
public enum ClaimKind {
    LEMMA, THEOREM, EQUATION, FACT,
    /** Stated by the paper as a conjecture: explored numerically, never counted with the theorems. */
    CONJECTURE,
    /** A deliberately false statement: the checker must come back REFUTED on it. */
    CONTROL
}
