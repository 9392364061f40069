package org.flatminima.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.experiments.ClaimCheck.Outcome;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each verdict rule on synthetic numbers: a true case passes, a false one fails, too little data is undecided. */
class ClaimCheckTest extends QuietTest {
    static final int[] DEPTHS = {2, 4, 6, 8, 10};
    static final double NaN = Double.NaN;

    @Test
    void stepFallingAsOneOverDepthPassesAndAConstantStepFails() {
        Property.forAll("step ~ c/m passes", 20, 71, rnd -> {
            double c = 1 + 30 * rnd.nextDouble();
            double[] steps = new double[DEPTHS.length];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = c / DEPTHS[i] * Math.exp(0.1 * rnd.nextGaussian());
            }
            ClaimCheck r = ClaimCheck.stepScaling("s", DEPTHS, steps, new boolean[DEPTHS.length]);
            assertEquals(Outcome.PASS, r.outcome(), r.summary());
            assertTrue(r.margin() > 0);
        });
        ClaimCheck flat = ClaimCheck.stepScaling("s", DEPTHS, new double[] {4, 4, 4, 4, 4}, new boolean[5]);
        assertEquals(Outcome.FAIL, flat.outcome(), flat.summary());
        assertTrue(flat.margin() < 0);
        ClaimCheck capped = ClaimCheck.stepScaling("s", DEPTHS, new double[] {8, 4, 2, 1, 0.5},
                new boolean[] {true, true, true, false, false});
        assertEquals(Outcome.UNDECIDED, capped.outcome(), "grid-top steps are only lower bounds");
    }

    @Test
    void linearGrowthPassesOnALineAndFailsOnAFlatOrCurvedProfile() {
        Property.forAll("a m + b with small noise passes", 20, 72, rnd -> {
            double a = 0.01 + rnd.nextDouble();
            double[] y = new double[DEPTHS.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = a * DEPTHS[i] + rnd.nextDouble() * a + 0.02 * a * rnd.nextGaussian();
            }
            assertEquals(Outcome.PASS, ClaimCheck.linearGrowth("l", DEPTHS, y).outcome());
        });
        assertEquals(Outcome.FAIL, ClaimCheck.linearGrowth("l", DEPTHS, new double[] {5, 4, 3, 2, 1}).outcome());
        assertEquals(Outcome.FAIL, ClaimCheck.linearGrowth("l", DEPTHS, new double[] {1, 5, 1, 5, 1}).outcome());
        assertEquals(Outcome.UNDECIDED, ClaimCheck.linearGrowth("l", DEPTHS, new double[] {1, 2, NaN, NaN, NaN})
                .outcome());
    }

    @Test
    void identityVersusHe() {
        double[] id = {1, 2, 3, 4, 5};
        double[] he = {2, 3, 4, NaN, NaN};
        double[] sid = {8, 4, 2, 2, 1};
        double[] she = {2, 1, 1, NaN, NaN};
        assertEquals(Outcome.PASS, ClaimCheck.initComparison("i", DEPTHS, id, he, sid, she).outcome());
        assertEquals(Outcome.FAIL, ClaimCheck.initComparison("i", DEPTHS, he, id, she, sid).outcome(),
                "He flatter with larger steps must fail");
        double[] sharperId = {3, 4, 5, 6, 7};
        assertEquals(Outcome.FAIL, ClaimCheck.initComparison("i", DEPTHS, sharperId, new double[] {1, 1, 1, 1, 1},
                sid, she).outcome());
    }

    @Test
    void sgdFlatterNeedsSeveralTimes() {
        assertEquals(Outcome.PASS, ClaimCheck.sgdFlatter("f", new double[] {1, 1.2, 0.9, 1.1},
                new double[] {6, 5, 7, 6.5}).outcome());
        ClaimCheck r = ClaimCheck.sgdFlatter("f", new double[] {1, 1.2, 0.9, 1.1}, new double[] {1.5, 1.3, 1.4, 1.2});
        assertEquals(Outcome.FAIL, r.outcome(), r.summary());
        assertEquals(Outcome.UNDECIDED, ClaimCheck.sgdFlatter("f", new double[] {NaN}, new double[] {1}).outcome());
    }

    @Test
    void balancedGains() {
        assertEquals(Outcome.PASS, ClaimCheck.balancedGains("g", new double[] {2, 3}, new double[] {10, 20},
                new double[] {1.5, 2}, new double[] {8, 9}).outcome());
        assertEquals(Outcome.FAIL, ClaimCheck.balancedGains("g", new double[] {10, 20}, new double[] {2, 3},
                new double[] {8, 9}, new double[] {1.5, 2}).outcome());
        assertEquals(Outcome.FAIL, ClaimCheck.balancedGains("g", new double[] {2, 3}, new double[] {10, 20},
                new double[] {8, 9}, new double[] {1.5, 2}).outcome(), "both gain measures must agree");
    }

    @Test
    void interpolationMisorderingIsReadTwoWays() {
        double[] trueSgd = {1, 1, 1, 1};
        double[] trueAdam = {5, 5, 5, 5};
        double[] sgdCurvesMore = {3, 3, 3, 1};
        double[] adamCurvesLess = {1, 1, 1, 3};
        assertEquals(Outcome.PASS, ClaimCheck.interpolationMisorders("p", trueSgd, trueAdam, sgdCurvesMore,
                adamCurvesLess, sgdCurvesMore, adamCurvesLess).outcome());
        assertEquals(Outcome.FAIL, ClaimCheck.interpolationMisorders("p", trueSgd, trueAdam, adamCurvesLess,
                sgdCurvesMore, adamCurvesLess, sgdCurvesMore).outcome(), "faithful plots are not misordered");
        ClaimCheck split = ClaimCheck.interpolationMisorders("p", trueSgd, trueAdam, sgdCurvesMore, adamCurvesLess,
                adamCurvesLess, sgdCurvesMore);
        assertEquals(Outcome.VARIES, split.outcome(), "exact curvature and the plot disagree: " + split.summary());
        double[] three = {3, 3, 3, 3};
        double[] one = {1, 1, 1, 1};
        assertEquals(Outcome.FAIL, ClaimCheck.interpolationMisorders("p", trueAdam, trueSgd, three, one, three, one)
                .outcome(), "a pair where SGD is not truly flatter is not a misordering");
        assertEquals(Outcome.UNDECIDED, ClaimCheck.interpolationMisorders("p", new double[] {1, NaN},
                new double[] {5, 5}, one, one, three, three).outcome(), "one pair is too few");
    }

    @Test
    void sgdFlatterVariesWhenSomePairsMeetTheRatioAndOthersDoNot() {
        ClaimCheck c = ClaimCheck.sgdFlatter("f", new double[] {1, 3}, new double[] {2.5, 5});
        assertEquals(Outcome.VARIES, c.outcome(), c.summary());
        assertEquals(5.0, (double) c.numbers().get("ratio_max"), 1e-12);
        assertEquals(2.5 / 3, (double) c.numbers().get("ratio_min"), 1e-12);
    }

    @Test
    void verdictsOverSeedsAgreeVaryOrStayUndecided() {
        ClaimCheck pass = ClaimCheck.linearGrowth("l", DEPTHS, new double[] {1, 2, 3, 4, 5});
        ClaimCheck pass2 = ClaimCheck.linearGrowth("l", DEPTHS, new double[] {1.1, 2, 3.1, 4, 5.2});
        ClaimCheck fail = ClaimCheck.linearGrowth("l", DEPTHS, new double[] {5, 4, 3, 2, 1});
        ClaimCheck none = ClaimCheck.linearGrowth("l", DEPTHS, new double[] {1, NaN, NaN, NaN, NaN});
        long[] seeds = {1, 2, 3};
        ClaimCheck all = ClaimCheck.acrossSeeds("l", List.of(pass, pass2, pass), seeds);
        assertEquals(Outcome.PASS, all.outcome(), all.summary());
        assertEquals(0.5, (double) all.numbers().get("slope_min"), 0.05);
        assertTrue((double) all.numbers().get("slope_max") >= (double) all.numbers().get("slope_min"));
        ClaimCheck flips = ClaimCheck.acrossSeeds("l", List.of(pass, fail, pass), seeds);
        assertEquals(Outcome.VARIES, flips.outcome(), "a verdict that flips between seeds is neither PASS nor FAIL");
        assertEquals(Outcome.FAIL, ClaimCheck.acrossSeeds("l", List.of(fail, fail, fail), seeds).outcome());
        assertEquals(Outcome.UNDECIDED, ClaimCheck.acrossSeeds("l", List.of(pass, pass, none), seeds).outcome(),
                "two judged seeds of three are too few");
    }

    @Test
    void linearCheckBand() {
        double[] theory = {1, 2, 3, 4, 5};
        assertEquals(Outcome.PASS, ClaimCheck.linearCheck("t", DEPTHS, new double[] {1.01, 2.0, 3.02, 4.1, NaN},
                theory).outcome());
        assertEquals(Outcome.FAIL, ClaimCheck.linearCheck("t", DEPTHS, new double[] {1.5, 2.0, 3.0, 4.0, 5.0},
                theory).outcome());
        assertEquals(Outcome.FAIL, ClaimCheck.linearCheck("t", DEPTHS, new double[] {0.9, 2.0, 3.0, 4.0, 5.0},
                theory).outcome(), "below the lower bound of Theorem 1 is a failure");
    }
}
