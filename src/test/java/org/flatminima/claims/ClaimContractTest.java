package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every claim checker meets: a statement of the paper is never refuted on its fresh
 * instances and passes on at least one, and every negative control is refuted on every instance.
 * Sizes are capped (widths 3, depth 4) to keep the default suite fast; seeds are fixed.
 */
class ClaimContractTest extends QuietTest {
    static final CheckSettings SMALL = new CheckSettings(30, 3, 4);
    static final ClaimRegistry REGISTRY = ClaimRegistry.standard();

    static Stream<String> statements() {
        return REGISTRY.statements().stream().map(Claim::id);
    }

    static Stream<String> controls() {
        return REGISTRY.controls().stream().map(Claim::id);
    }

    static List<CheckRunner.InstanceRun> run(String id, int n, long seed) {
        return new CheckRunner(SMALL, 1, null).runClaim(REGISTRY.get(id), n, seed, Double.POSITIVE_INFINITY, null).runs();
    }

    @ParameterizedTest
    @MethodSource("statements")
    void statementIsNeverRefutedAndPassesSomewhere(String id) {
        List<CheckRunner.InstanceRun> runs = run(id, 4, 20261206L);
        assertEquals(4, runs.size());
        boolean passed = false;
        for (CheckRunner.InstanceRun r : runs) {
            Verdict v = r.outcome().verdict();
            assertTrue(v != Verdict.REFUTED && v != Verdict.UNDECIDED || REGISTRY.get(id).kind() == ClaimKind.CONJECTURE && v == Verdict.UNDECIDED,
                    id + " on " + r.instance().family() + " seed " + r.instance().seed() + ": " + v + " " + r.outcome().method());
            passed |= v.isPass();
        }
        assertTrue(passed, id + " passed on no instance");
    }

    @ParameterizedTest
    @MethodSource("controls")
    void negativeControlIsRefutedOnEveryInstance(String id) {
        for (CheckRunner.InstanceRun r : run(id, 3, 77L)) {
            assertEquals(Verdict.REFUTED, r.outcome().verdict(),
                    id + " on " + r.instance().family() + " seed " + r.instance().seed() + ": " + r.outcome().method());
        }
    }

    @org.junit.jupiter.api.Test
    void everyStatementOfThePaperHasANegativeControlOrIsNumericalOnly() {
        // the controls named after a statement's id prefix: theorem1, theorem2, theorem3, lemma1..4, scalar, stability
        for (String prefix : List.of("theorem1", "theorem2", "theorem3", "lemma1", "lemma2", "lemma3", "lemma4", "scalar", "stability",
                "section5")) {
            assertTrue(REGISTRY.controls().stream().anyMatch(c -> c.id().startsWith("control." + prefix)), "no control for " + prefix);
        }
    }

    @org.junit.jupiter.api.Test
    void registryRunReturnsCountsPerVerdict() {
        ClaimRegistry.Summary s = REGISTRY.run("lemma4", 5, 3L);
        assertEquals(5, s.counts().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Verdict.values().length, s.counts().size());
        assertEquals(5, s.counts().get(Verdict.PROVED));
    }
}
