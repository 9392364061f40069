package org.flatminima.proofs;

/**
 * The result of discharging one obligation.
 *
 * @param obligation what was run
 * @param status its status
 * @param detail how it was reached: the identity and sizes, the verdict counts, or why it is open
 * @param seconds wall-clock time
 */
public record ObligationOutcome(Obligation obligation, StepStatus status, String detail, double seconds) {}
