package org.flatminima.nn;

/**
 * The outcome of a training run. Divergence is an outcome, not an error.
 *
 * @param status converged, diverged, or stopped at the epoch budget
 * @param reason the rule that ended the run, in words with the numbers
 * @param finalLoss the full-data training loss at the end (may be non-finite when diverged)
 * @param epochLosses full-data loss before training (index 0) and after each epoch
 * @param stepLosses the mini-batch loss at each step
 * @param epochs epochs completed
 * @param steps optimiser steps taken
 * @param parameters the final parameters (widened to double)
 * @param seconds wall time of this invocation (a resumed run counts only its own part)
 * @param criterion the convergence and divergence rules, stated
 */
public record TrainingResult(Status status, String reason, double finalLoss, double[] epochLosses,
        double[] stepLosses, int epochs, long steps, double[] parameters, double seconds, String criterion) {

    /** How a run ended. */
    public enum Status {
        CONVERGED,
        DIVERGED,
        BUDGET;

        public String label() {
            return switch (this) {
                case CONVERGED -> "converged";
                case DIVERGED -> "diverged";
                case BUDGET -> "epoch budget exhausted";
            };
        }
    }

    public boolean converged() {
        return status == Status.CONVERGED;
    }

    public boolean diverged() {
        return status == Status.DIVERGED;
    }
}
