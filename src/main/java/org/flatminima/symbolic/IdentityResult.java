package org.flatminima.symbolic;

/**
 * The outcome of checking one identity {@code lhs == rhs} symbolically.
 *
 * @param name the identity's catalogue name with its parameters, e.g. {@code hessian-structure dims=2,2,2}
 * @param statement what was claimed, in words and formulas
 * @param status PROVED only when every entry of {@code lhs - rhs} reduced to a canonical 0
 * @param entries how many scalar identities (matrix entries) were checked
 * @param residual the first non-zero canonical residual (Symja input form), or empty when proved
 * @param residualEntry where that residual sits (e.g. {@code entry (1,2)}), or empty
 * @param witness for REFUTED, an exact rational point where the residual is not zero, with its value
 * @param seconds wall-clock time of the check
 */
public record IdentityResult(
        String name,
        String statement,
        Status status,
        int entries,
        String residual,
        String residualEntry,
        String witness,
        double seconds) {

    /** Three-valued outcome; UNDECIDED is never a pass. */
    public enum Status {
        /** Every entry of lhs - rhs reduced with Together/Expand to a canonical 0: holds identically. */
        PROVED,
        /** A canonical residual is non-zero and evaluates to a non-zero rational at an exact point. */
        REFUTED,
        /** The residual did not reduce to 0, yet no exact point showing it non-zero was found. */
        UNDECIDED
    }

    public boolean proved() {
        return status == Status.PROVED;
    }

    /** Like {@link #summary()} but without the time, so generated documents are reproducible. */
    public String statusLine() {
        return status == Status.PROVED
                ? String.format(java.util.Locale.ROOT, "PROVED-SYMBOLIC %s (%s)", name, reduced())
                : summary();
    }

    private String reduced() {
        return entries == 1 ? "1 entry reduces to 0" : entries + " entries reduce to 0";
    }

    /** One line: status, name, entry count, residual or witness. */
    public String summary() {
        return switch (status) {
            case PROVED -> String.format(java.util.Locale.ROOT, "PROVED-SYMBOLIC %s (%s, %.2fs)",
                    name, reduced(), seconds);
            case REFUTED -> "REFUTED " + name + ": residual at " + residualEntry + " is " + residual
                    + "; non-zero at " + witness;
            case UNDECIDED -> "UNDECIDED " + name + ": residual at " + residualEntry + " is " + residual;
        };
    }
}
