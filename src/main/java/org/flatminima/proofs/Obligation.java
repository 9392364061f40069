package org.flatminima.proofs;

import java.util.Map;

/** What discharges one step of a proof file. */
public sealed interface Obligation {
    /** The obligation as written in the proof file (after {@code obligation:}). */
    String text();

    /** A symbolic identity from {@link org.flatminima.symbolic.Identities}, with its parameters. */
    record Symbolic(String identity, Map<String, String> parameters, String text) implements Obligation {}

    /**
     * A claim decided on random instances by the theorem checker: {@code claimId} (e.g.
     * {@code theorem-1}) on {@code instances} instances drawn from {@code seed}.
     */
    record Checked(String claimId, int instances, long seed, String text) implements Obligation {}

    /** A step of reasoning the tool cannot discharge; always reported OPEN with {@code reason}. */
    record Argument(String reason, String text) implements Obligation {}
}
