package org.flatminima.proofs;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed proof file: one result of the paper written as numbered steps.
 *
 * @param path where it was read from
 * @param title the first {@code # } heading
 * @param steps the numbered steps, in order
 */
public record ProofFile(Path path, String title, List<ProofStep> steps) {}
