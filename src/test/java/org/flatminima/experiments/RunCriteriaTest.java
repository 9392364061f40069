package org.flatminima.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flatminima.experiments.RunCriteria.Standing;
import org.flatminima.nn.Settle;
import org.flatminima.testing.Property;
import org.junit.jupiter.api.Test;

/**
 * The settle and stability criteria on synthetic loss curves: oscillating, slowly descending,
 * settled, diverged and collapsed runs are told apart, and each rule is shown to reject what it must
 * (the one-epoch rule it replaces accepts the oscillating and the slowly descending curve).
 */
class RunCriteriaTest {
    static final double TOL = 0.02;
    static final double COLLAPSE = 0.01;
    static final double ZERO = 0.1;

    /** 40 epochs falling from 1 to {@code floor}, then flat with relative noise {@code noise}. */
    static double[] settled(double floor, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] l = new double[41];
        for (int e = 0; e <= 40; e++) {
            l[e] = floor + (1 - floor) * Math.exp(-e / 3.0);
            l[e] *= 1 + noise * (2 * r.nextDouble() - 1);
        }
        return l;
    }

    /** Alternating between {@code lo} and {@code hi}, with one calm epoch at the end (equal to the previous). */
    static double[] oscillating(double lo, double hi) {
        double[] l = new double[30];
        l[0] = 1;
        for (int e = 1; e < 30; e++) {
            l[e] = e % 2 == 0 ? lo : hi;
        }
        l[29] = l[28] * (1 + 1e-4);
        return l;
    }

    /** Falling by {@code rate} per epoch for 60 epochs. */
    static double[] descending(double rate) {
        double[] l = new double[61];
        l[0] = 0.03;
        for (int e = 1; e <= 60; e++) {
            l[e] = l[e - 1] * (1 - rate);
        }
        return l;
    }

    /** The rule the windowed test replaces: the last epoch changed the loss by at most 1e-3 of itself. */
    static boolean oneEpochRule(double[] l) {
        int n = l.length - 1;
        return Math.abs(l[n] - l[n - 1]) <= 1e-3 * l[n - 1];
    }

    static RunCriteria.Judgement judge(double[] l, double lambda, double step) {
        return RunCriteria.judge(false, l, ZERO, lambda, 1e-6, step, TOL, COLLAPSE);
    }

    @Test
    void settledCurvesWithSmallNoiseCountWhenStable() {
        Property.forAll("settled curve counts", 30, 1701, rnd -> {
            double floor = 0.01 + 0.04 * rnd.nextDouble();
            double[] l = settled(floor, 0.004, rnd.nextLong());
            RunCriteria.Judgement j = judge(l, 1.0, 1.0);
            assertEquals(Standing.COUNTS, j.standing(), j.reason());
            assertTrue(j.stabilityMargin() >= 0);
        });
    }

    @Test
    void anOscillatingRunWithOneCalmEpochIsUnsettled() {
        double[] l = oscillating(0.020, 0.032);
        assertTrue(oneEpochRule(l), "negative control: the one-epoch rule is fooled by the calm last epoch");
        RunCriteria.Judgement j = judge(l, 1.0, 1.0);
        assertEquals(Standing.UNSETTLED, j.standing(), j.reason());
        assertEquals(0.6, j.spread(), 1e-9);
        assertFalse(Settle.settled(l, l.length - 1, TOL));
    }

    @Test
    void aSlowDescentIsUnsettledUntilItSlowsBelowTheWindowTolerance() {
        double[] slow = descending(0.009);
        assertTrue(oneEpochRule(descending(0.0009)), "negative control: the one-epoch rule stops a 0.09%/epoch descent");
        assertEquals(Standing.UNSETTLED, judge(slow, 1.0, 1.0).standing());
        assertEquals(Standing.COUNTS, judge(descending(0.002), 1.0, 1.0).standing(),
                "0.2% per epoch is 1% over the window, within 2%");
    }

    @Test
    void theWindowNeedsFiveEpochs() {
        double[] shortRun = {1, 0.05, 0.05, 0.05, 0.05};
        assertFalse(Settle.settled(shortRun, 4, TOL));
        assertEquals(Standing.UNSETTLED, judge(shortRun, 1.0, 1.0).standing());
        double[] six = {1, 0.05, 0.05, 0.05, 0.05, 0.05};
        assertFalse(Settle.settled(six, 5, TOL), "the window includes the loss before its first epoch");
        double[] seven = {1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05};
        assertTrue(Settle.settled(seven, 6, TOL));
    }

    @Test
    void divergedRunsAreDivergedWhateverTheirLoss() {
        assertEquals(Standing.DIVERGED, RunCriteria.judge(true, settled(0.02, 0, 1), ZERO, 1, 0, 1, TOL, COLLAPSE)
                .standing());
        double[] nan = {1, 0.5, Double.NaN};
        assertEquals(Standing.DIVERGED, judge(nan, Double.NaN, 1).standing());
    }

    @Test
    void aDeadNetworkSittingAtTheZeroOutputLossIsCollapsedNotAMinimum() {
        double[] dead = settled(ZERO, 0, 3);
        RunCriteria.Judgement j = judge(dead, 1e-9, 1.0);
        assertEquals(Standing.COLLAPSED, j.standing(), j.reason());
        double[] near = settled(ZERO * 0.95, 0, 3);
        assertEquals(Standing.COUNTS, judge(near, 1.0, 1.0).standing(),
                "negative control: 5% below the zero-output loss has learned something");
    }

    @Test
    void aMinimumSharperThanTwoOverEtaIsUnstableBeyondTheEigenSolverTolerance() {
        double[] l = settled(0.02, 0.002, 9);
        double step = 0.5;
        assertEquals(Standing.COUNTS, RunCriteria.judge(false, l, ZERO, 3.9, 1e-3, step, TOL, COLLAPSE).standing());
        assertEquals(Standing.COUNTS, RunCriteria.judge(false, l, ZERO, 4.05, 0.1, step, TOL, COLLAPSE).standing(),
                "within the residual of the estimate it cannot be called unstable");
        RunCriteria.Judgement j = RunCriteria.judge(false, l, ZERO, 4.2, 0.1, step, TOL, COLLAPSE);
        assertEquals(Standing.UNSTABLE, j.standing(), j.reason());
        assertTrue(j.stabilityMargin() < 0);
        assertEquals(Standing.COUNTS, RunCriteria.judge(false, l, ZERO, 40, 0.1, Double.NaN, TOL, COLLAPSE)
                .standing(), "for Adam the 2/eta bound is not tested");
        assertEquals(Standing.NO_SHARPNESS, RunCriteria.judge(false, l, ZERO, Double.NaN, 0.1, step, TOL, COLLAPSE)
                .standing());
    }

    @Test
    void labelsRoundTrip() {
        for (Standing s : Standing.values()) {
            assertEquals(s, Standing.of(s.label()));
        }
    }
}
