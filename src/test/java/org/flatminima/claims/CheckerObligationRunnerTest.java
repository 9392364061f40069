package org.flatminima.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.proofs.CheckedObligationRunner;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class CheckerObligationRunnerTest extends QuietTest {
    @Test
    void theCheckerIsDiscoveredThroughServiceLoader() {
        assertTrue(CheckedObligationRunner.discover() instanceof CheckerObligationRunner);
    }

    @Test
    void aProofFileClaimIdRunsItsGroupAndCountsEveryInstance() {
        CheckedObligationRunner.Result r = new CheckerObligationRunner().run("theorem-2", 2, 1L);
        assertTrue(r.available(), r.note());
        assertEquals(8, r.total(), "theorem2.i..iv, two instances each");
        assertEquals(0, r.count(Verdict.REFUTED));
        assertEquals(8, r.count(Verdict.PROVED), r.note());
    }

    @Test
    void unknownClaimsAreUnavailableNotErrors() {
        CheckedObligationRunner.Result r = new CheckerObligationRunner().run("theorem-9", 2, 1L);
        assertFalse(r.available());
        assertEquals("scalar.eq13", CheckerObligationRunner.normalise("eq-13"));
        assertEquals("lemma4", CheckerObligationRunner.normalise("lemma-4"));
    }
}
