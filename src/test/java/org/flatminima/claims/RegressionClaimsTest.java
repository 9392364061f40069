package org.flatminima.claims;

import org.flatminima.results.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flatminima.results.ClaimResult;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** Marion and Chizat's bound, its equality cases and its agreement with Theorem 1, with their controls. */
class RegressionClaimsTest extends QuietTest {
    static final CheckSettings SMALL = new CheckSettings(30, 3, 4);
    static final ClaimRegistry REGISTRY = ClaimRegistry.standard();

    static List<CheckRunner.InstanceRun> run(String id, int n, long seed) {
        return new CheckRunner(SMALL, 1, null).runClaim(REGISTRY.get(id), n, seed, Double.POSITIVE_INFINITY, null).runs();
    }

    @Test
    void lowerBoundHoldsOnEveryMinimiserExactlyOrCertified() {
        for (CheckRunner.InstanceRun r : run("beyond.mc.lower-bound", 12, 8101L)) {
            Verdict v = r.outcome().verdict();
            assertTrue(v == Verdict.PROVED || v == Verdict.CERTIFIED, r.instance().family() + " seed " + r.instance().seed()
                    + ": " + v + " " + r.outcome().method());
        }
    }

    @Test
    void boundIsAttainedExactlyInTheEqualityCases() {
        for (CheckRunner.InstanceRun r : run("beyond.mc.equality", 9, 8102L)) {
            assertEquals(Verdict.PROVED, r.outcome().verdict(), r.instance().family() + ": " + r.outcome().method());
        }
    }

    @Test
    void theorem1AndTheBoundAgreeWhenSigmaIsIdentity() {
        for (CheckRunner.InstanceRun r : run("beyond.mc.theorem1-agreement", 4, 8103L)) {
            assertEquals(Verdict.PROVED, r.outcome().verdict(), r.outcome().method());
        }
    }

    @Test
    void everyControlIsRefutedOnEveryInstance() {
        for (String id : List.of("control.beyond.mc.lower-bound-factor", "control.beyond.mc.equality-any-sigma",
                "control.beyond.mc.theorem1-unwhitened")) {
            for (CheckRunner.InstanceRun r : run(id, 6, 8104L)) {
                assertEquals(Verdict.REFUTED, r.outcome().verdict(), id + " on " + r.instance().family() + " seed "
                        + r.instance().seed() + ": " + r.outcome().method());
            }
        }
    }

    @Test
    void nonMinimiserIsAHypothesisNotMet() {
        Instance in = new CheckRunner(SMALL, 1, null).draw(REGISTRY.get("beyond.mc.lower-bound"), 5L, 0);
        var net = in.network();
        Instance moved = new Instance("moved", 0, new org.flatminima.model.LinearNetwork<>(net.arithmetic(), net.layers(),
                net.sigmaX(), net.target().scale(org.flatminima.numbers.Rational.TWO)));
        assertEquals(Verdict.HYPOTHESIS_NOT_MET, REGISTRY.get("beyond.mc.lower-bound").decide(moved, SMALL).verdict());
    }

    @Test
    void reportListsTheStatementsInTheBeyondSectionWithTheirProvenance() {
        CheckRunner runner = new CheckRunner(SMALL, 1, null);
        ClaimResult bound = CheckRunner.toResult(runner.runClaim(REGISTRY.get("beyond.mc.lower-bound"), 2, 1L,
                Double.POSITIVE_INFINITY, null));
        assertEquals("beyond", bound.section());
        assertTrue(bound.provenance().startsWith("from the authors' code"), bound.provenance());
        ClaimResult agreement = CheckRunner.toResult(runner.runClaim(REGISTRY.get("beyond.mc.theorem1-agreement"), 1, 1L,
                Double.POSITIVE_INFINITY, null));
        assertTrue(agreement.provenance().startsWith("derived here"), agreement.provenance());
        ClaimResult control = CheckRunner.toResult(runner.runClaim(REGISTRY.get("control.beyond.mc.equality-any-sigma"), 1, 1L,
                Double.POSITIVE_INFINITY, null));
        assertEquals("controls", control.section());
    }
}
