package org.flatminima.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flatminima.results.Verdict;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class ProofRunnerTest extends QuietTest {
    private static ProofFile file(String... lines) {
        return ProofParser.parse(Path.of("t.md"), List.of(lines));
    }

    @Test
    void checkedStepsAreOpenWhileNoCheckerIsInstalled() {
        ProofRunner runner = new ProofRunner(CheckedObligationRunner.UNAVAILABLE);
        List<StepOutcome> out = runner.run(file("# T", "1. S.", "   - obligation: checked theorem-1 instances=5"), s -> {});
        assertEquals(StepStatus.OPEN, out.get(0).status());
        assertTrue(out.get(0).outcomes().get(0).detail().contains("not run"));
    }

    @Test
    void checkedVerdictCountsDecideTheStatus() {
        CheckedObligationRunner passing = (id, n, seed) -> new CheckedObligationRunner.Result(true,
                Map.of(Verdict.PROVED, n - 1, Verdict.CERTIFIED, 1), "exact and certified");
        CheckedObligationRunner refuting = (id, n, seed) -> new CheckedObligationRunner.Result(true,
                Map.of(Verdict.PROVED, n - 1, Verdict.REFUTED, 1), "one counterexample");
        CheckedObligationRunner undecided = (id, n, seed) -> new CheckedObligationRunner.Result(true,
                Map.of(Verdict.PROVED, n - 1, Verdict.UNDECIDED, 1), "");
        ProofFile f = file("# T", "1. S.", "   - obligation: checked theorem-2 instances=4 seed=9");
        StepOutcome ok = new ProofRunner(passing).run(f, s -> {}).get(0);
        assertEquals(StepStatus.CHECKED, ok.status());
        assertTrue(ok.outcomes().get(0).detail().contains("on 4 instances"), ok.outcomes().get(0).detail());
        assertEquals(StepStatus.FAILED, new ProofRunner(refuting).run(f, s -> {}).get(0).status());
        assertEquals(StepStatus.OPEN, new ProofRunner(undecided).run(f, s -> {}).get(0).status());
    }

    @Test
    void symbolicStepIsProvedAndArgumentStepOpen() {
        ProofRunner runner = new ProofRunner(CheckedObligationRunner.UNAVAILABLE);
        List<StepOutcome> out = runner.run(file("# T",
                "1. S.", "   - obligation: symbolic hessian-structure dims=1,2,1",
                "2. A.", "   - obligation: argument by inspection"), s -> {});
        assertEquals(StepStatus.PROVED_SYMBOLIC, out.get(0).status());
        assertEquals(StepStatus.OPEN, out.get(1).status());
    }

    @Test
    void aWrongIdentityFailsTheStep() {
        ProofRunner runner = new ProofRunner(CheckedObligationRunner.UNAVAILABLE);
        List<StepOutcome> out = runner.run(file("# T",
                "1. S.", "   - obligation: symbolic hessian-structure dims=1,2,1",
                "   - obligation: symbolic hessian-structure dims=1,2,1 factor=1"), s -> {});
        assertEquals(StepStatus.FAILED, out.get(0).status());
        assertTrue(out.get(0).outcomes().get(1).detail().contains("REFUTED"), out.get(0).outcomes().get(1).detail());
    }
}
