package org.flatminima.claims;

import org.flatminima.results.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class ShrinkerTest extends QuietTest {
    @Test
    void shrinkingKeepsTheRefutationAndMakesTheCaseSmaller() {
        CheckSettings s = new CheckSettings(30, 3, 4);
        Claim control = Lemma3HessianStructure.factorOneControl();
        Instance big = InstanceFamilies.generate(InstanceSource.NON_FLATTEST, 42L, s);
        assertEquals(Verdict.REFUTED, control.decide(big, s).verdict());
        Instance small = Shrinker.shrink(control, big, s, 300, 20);
        assertEquals(Verdict.REFUTED, control.decide(small, s).verdict());
        assertTrue(small.network().parameterCount() < big.network().parameterCount()
                || small.depth() < big.depth(), "no reduction: " + big.shape() + " -> " + small.shape());
    }

    @Test
    void aTrueStatementIsNeverShrunkIntoARefutation() {
        CheckSettings s = new CheckSettings(30, 3, 3);
        Claim lemma4 = new Lemma4NormInequality();
        Instance in = InstanceFamilies.generate(InstanceSource.CHAIN_RANDOM, 43L, s);
        Instance out = Shrinker.shrink(lemma4, in, s, 50, 5);
        assertEquals(in, out, "the shrinker accepted a candidate that was not refuted");
    }
}
