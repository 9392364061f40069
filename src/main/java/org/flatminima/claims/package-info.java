/**
 * The theorem checker: one class per lemma, theorem and numbered equation of the paper, each deciding its
 * statement on exact instances (PROVED, CERTIFIED, CONSISTENT, NUMERICAL, UNDECIDED, HYPOTHESIS_NOT_MET,
 * REFUTED), with a negative control that must come back REFUTED; the registry, the runner behind check, the
 * shrinker for counterexamples and the replayed corpus.
 */
package org.flatminima.claims;
