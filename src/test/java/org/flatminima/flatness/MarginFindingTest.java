package org.flatminima.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flatminima.results.Verdict;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** The margin experiment's verdict, decided from its measured points (no command line involved). */
class MarginFindingTest extends QuietTest {
    /** A zero-error solution at margin kappa whose local energy at two noise levels is {@code e0}, {@code e1}. */
    static MarginExperiment.Point point(double kappa, double e0, double e1) {
        return new MarginExperiment.Point(MarginExperiment.Model.PERCEPTRON, kappa, kappa, 0,
                List.of(new LocalEnergy.Point(0.3, e0, 1e-4, 100), new LocalEnergy.Point(0.6, e1, 1e-4, 100)),
                List.of());
    }

    @Test
    void largerMarginFlatterAtEveryLevelIsNumerical() {
        MarginExperiment.Finding f = MarginExperiment.largerMarginFlatter(
                List.of(point(0.5, 0.01, 0.05), point(1.5, 0.001, 0.01)), 2);
        assertEquals(Verdict.NUMERICAL, f.verdict());
        assertEquals(2, f.flatter());
    }

    @Test
    void largerMarginSharperAnywhereIsRefuted() {
        // Negative control: the largest margin is sharper at the second level.
        MarginExperiment.Finding f = MarginExperiment.largerMarginFlatter(
                List.of(point(0.5, 0.01, 0.01), point(1.5, 0.001, 0.05)), 2);
        assertEquals(Verdict.REFUTED, f.verdict());
        assertEquals(1, f.sharper());
    }

    @Test
    void indistinguishableEnergiesStayUndecided() {
        MarginExperiment.Finding f = MarginExperiment.largerMarginFlatter(
                List.of(point(0.5, 0.01, 0.01), point(1.5, 0.01, 0.01)), 2);
        assertEquals(Verdict.UNDECIDED, f.verdict());
    }
}
