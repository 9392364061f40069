package org.flatminima.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** Training to a margin, and the margin-flatness verdict, on a separable teacher-student problem. */
class MarginExperimentTest extends QuietTest {

    static MarginExperiment.Data teacher(int n, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[dim];
        for (int j = 0; j < dim; j++) {
            t[j] = rnd.nextDouble() - 0.5;
        }
        double[][] x = new double[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < dim; j++) {
                x[i][j] = rnd.nextBoolean() ? 1 : -1;
                dot += t[j] * x[i][j];
            }
            y[i] = dot > 0 ? 1 : -1;
        }
        return new MarginExperiment.Data(x, y);
    }

    @Test
    void largerMarginPerceptronsAreFlatterAndTheReverseOrderIsCaught() {
        MarginExperiment.Data data = teacher(20, 40, 7701L);
        List<MarginExperiment.Point> pts = MarginExperiment.run(MarginExperiment.Model.PERCEPTRON, data,
                new double[] {0.2, 1.0}, 1500, 2, new double[] {0.3, 0.6}, new double[] {0.3}, 200, 3L);
        for (MarginExperiment.Point p : pts) {
            assertEquals(0.0, p.trainError(), "kappa " + p.kappa());
            assertTrue(p.achievedMargin() >= 0.9 * p.kappa(), "kappa " + p.kappa() + " reached " + p.achievedMargin());
        }
        assertEquals(Ordering.FIRST_FLATTER, MarginExperiment.largestAgainstSmallest(pts, 1));
        // negative control: listed the other way round, the verdict flips instead of passing regardless
        assertEquals(Ordering.SECOND_FLATTER, MarginExperiment.largestAgainstSmallest(List.of(pts.get(1), pts.get(0)), 1));
        assertTrue(pts.get(1).entropy().get(0).inside() >= pts.get(0).entropy().get(0).inside());
    }

    @Test
    void outputIsBlindToTheScaleOfEachUnit() {
        MarginExperiment.Data data = teacher(10, 8, 7702L);
        double[] w = MarginExperiment.train(MarginExperiment.Model.HIDDEN, data, 0.3, 50, 1, 5L);
        double[] scaled = w.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 1 + (i / 8); // a different positive factor per unit
        }
        for (double[] x : data.x()) {
            assertEquals(MarginExperiment.output(MarginExperiment.Model.HIDDEN, w, x),
                    MarginExperiment.output(MarginExperiment.Model.HIDDEN, scaled, x), 1e-12);
        }
    }
}
