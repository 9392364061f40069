package org.flatminima.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flatminima.results.Verdict;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.ClaimStatus;
import org.flatminima.results.Results;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** The sweep's verdicts: within [bound, authors' constant] and below 2/eta is NUMERICAL, anything else is not. */
class SweepVerdictsTest extends QuietTest {
    static final RegressionSweep.Settings SETTINGS = new RegressionSweep.Settings(3, 10, 2, new int[] {2},
            new double[] {0.1}, List.of("small"), 0.2, 100, 1e-9, 5L);
    static final RegressionData DATA = RegressionData.synthetic(3, 10, 2, 5L);

    /** A run of depth 2 at step 0.1 (2/eta = 20) with the given outcome. */
    static GradientDescentRun run(String status, double sharpness) {
        return new GradientDescentRun("small", 2, 0.1, status, 50, 1e-12, sharpness, 2.0, 10.0, 0.1, 0.99);
    }

    static ClaimResult decide(GradientDescentRun... runs) {
        Results r = SweepVerdicts.results(List.of(runs), DATA, SETTINGS, 0.5);
        assertEquals(1, r.claims().size());
        return r.claims().get(0);
    }

    @Test
    void aConvergedRunInsideTheBoundsIsNumerical() {
        ClaimResult c = decide(run("converged", 3.0));
        assertEquals(1, c.count(Verdict.NUMERICAL));
        assertEquals(ClaimStatus.PASS, c.status());
        assertEquals("beyond.mc.gd-small", c.id());
    }

    @Test
    void sharpnessAboveTheAuthorsConstantIsRefuted() {
        // Negative control: S = 12 exceeds 8 L lambda_max(Sigma) = 10 (though below 2/eta = 20).
        ClaimResult c = decide(run("converged", 3.0), run("converged", 12.0));
        assertEquals(1, c.count(Verdict.REFUTED));
        assertEquals(ClaimStatus.FAIL, c.status());
    }

    @Test
    void sharpnessBelowTheLowerBoundIsRefuted() {
        assertEquals(1, decide(run("converged", 1.9)).count(Verdict.REFUTED));
    }

    @Test
    void aRunThatDidNotConvergeMeetsNoHypothesisAndPassesNothing() {
        // no instance met the hypotheses, fewer than required: INSUFFICIENT, never a pass
        ClaimResult c = decide(run("diverged", Double.NaN));
        assertEquals(1, c.count(Verdict.HYPOTHESIS_NOT_MET));
        assertEquals(ClaimStatus.INSUFFICIENT, c.status());
    }
}
