package org.flatminima.proofs;

import java.util.List;

/**
 * One numbered step of a proof file.
 *
 * @param number the step's number as written (1, 2, ...)
 * @param line the line of the file where the step starts
 * @param text the step's prose (first line, without the number)
 * @param obligations at least one obligation tied to the step
 */
public record ProofStep(int number, int line, String text, List<Obligation> obligations) {}
