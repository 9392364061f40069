package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.ClaimStatus;
import org.flatminima.results.InstanceResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.results.Verdict;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class ClaimStatusTest extends QuietTest {
    @Test
    void anyRefutedInstanceFailsAClaim() {
        assertEquals(ClaimStatus.FAIL, status(ClaimKind.THEOREM, Verdict.PROVED, Verdict.REFUTED, Verdict.UNDECIDED));
    }

    @Test
    void undecidedIsNeverAPass() {
        assertEquals(ClaimStatus.UNDECIDED, status(ClaimKind.LEMMA, Verdict.PROVED, Verdict.UNDECIDED));
        assertEquals(ClaimStatus.INSUFFICIENT, status(ClaimKind.LEMMA));
        assertEquals(ClaimStatus.INSUFFICIENT, status(ClaimKind.LEMMA, Verdict.HYPOTHESIS_NOT_MET));
    }

    @Test
    void tooFewInstancesMeetingTheHypothesesIsInsufficient() {
        java.util.Map<Verdict, Integer> oneOfSix = java.util.Map.of(Verdict.PROVED, 1, Verdict.HYPOTHESIS_NOT_MET, 5);
        assertEquals(ClaimStatus.INSUFFICIENT, ClaimStatus.of(ClaimKind.THEOREM, oneOfSix, 3));
        assertEquals(ClaimStatus.PASS, ClaimStatus.of(ClaimKind.THEOREM, oneOfSix, 1));
        assertEquals(ClaimStatus.PASS, ClaimStatus.of(ClaimKind.THEOREM, java.util.Map.of(Verdict.PROVED, 3,
                Verdict.HYPOTHESIS_NOT_MET, 3), 3));
        // a refutation or an undecided instance outranks too few instances
        assertEquals(ClaimStatus.FAIL, ClaimStatus.of(ClaimKind.THEOREM, java.util.Map.of(Verdict.REFUTED, 1,
                Verdict.HYPOTHESIS_NOT_MET, 5), 3));
        assertEquals(ClaimStatus.UNDECIDED, ClaimStatus.of(ClaimKind.THEOREM, java.util.Map.of(Verdict.UNDECIDED, 1,
                Verdict.HYPOTHESIS_NOT_MET, 5), 3));
        ClaimResult r = new ClaimRecorder("t", ClaimKind.THEOREM, "t", "s").minMet(2)
                .add(InstanceResult.of(1, "f", List.of(1, 1), Verdict.PROVED, "exact"))
                .add(InstanceResult.of(2, "f", List.of(1, 1), Verdict.HYPOTHESIS_NOT_MET, "no")).finish();
        assertEquals(ClaimStatus.INSUFFICIENT, r.status());
        assertEquals(1, r.met());
    }

    @Test
    void passingVerdictsPass() {
        assertEquals(ClaimStatus.PASS, status(ClaimKind.EQUATION, Verdict.PROVED, Verdict.CERTIFIED,
                Verdict.CONSISTENT, Verdict.NUMERICAL, Verdict.HYPOTHESIS_NOT_MET));
    }

    @Test
    void controlPassesOnlyWhenEveryInstanceIsRefuted() {
        assertEquals(ClaimStatus.PASS, status(ClaimKind.CONTROL, Verdict.REFUTED, Verdict.REFUTED));
        assertEquals(ClaimStatus.FAIL, status(ClaimKind.CONTROL, Verdict.REFUTED, Verdict.NUMERICAL));
        assertEquals(ClaimStatus.UNDECIDED, status(ClaimKind.CONTROL, Verdict.REFUTED, Verdict.UNDECIDED));
        assertEquals(ClaimStatus.UNDECIDED, status(ClaimKind.CONTROL));
    }

    @Test
    void statusAgreesWithItsDefinitionOnRandomCounts() {
        Property.forAll("status definition", 200, 0x5747L, rnd -> {
            List<Verdict> vs = new ArrayList<>();
            int n = rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                vs.add(Verdict.values()[rnd.nextInt(Verdict.values().length)]);
            }
            boolean refuted = vs.contains(Verdict.REFUTED);
            boolean undecided = vs.contains(Verdict.UNDECIDED);
            boolean anyPass = vs.stream().anyMatch(Verdict::isPass);
            ClaimStatus expected = refuted ? ClaimStatus.FAIL
                    : undecided ? ClaimStatus.UNDECIDED : !anyPass ? ClaimStatus.INSUFFICIENT : ClaimStatus.PASS;
            assertEquals(expected, status(ClaimKind.THEOREM, vs.toArray(Verdict[]::new)), vs.toString());
            boolean allRefuted = n > 0 && vs.stream().allMatch(v -> v == Verdict.REFUTED);
            ClaimStatus control = anyPass ? ClaimStatus.FAIL : allRefuted ? ClaimStatus.PASS : ClaimStatus.UNDECIDED;
            assertEquals(control, status(ClaimKind.CONTROL, vs.toArray(Verdict[]::new)), vs.toString());
        });
    }

    @Test
    void marginsSummaryIsExactMinimumAndMedian() {
        Property.forAll("worst and median margins", 100, 0x3A26L, rnd -> {
            int n = 1 + rnd.nextInt(9);
            List<BigDecimal> ms = new ArrayList<>();
            ClaimRecorder rec = new ClaimRecorder("eq-13", ClaimKind.EQUATION, "Eq. (13)", "s");
            for (int i = 0; i < n; i++) {
                BigDecimal m = BigDecimal.valueOf(rnd.nextInt(2001) - 1000, rnd.nextInt(5));
                ms.add(m);
                rec.add(InstanceResult.of(i, "f", List.of(1, 1), Verdict.PROVED, "exact").withMargin(m));
            }
            // A hypothesis-not-met instance with a huge negative margin must not count.
            rec.add(InstanceResult.of(-1, "f", List.of(1, 1), Verdict.HYPOTHESIS_NOT_MET, "skip")
                    .withMargin(new BigDecimal("-1e9")));
            ms.sort(null);
            ClaimResult c = rec.finish();
            assertEquals(0, ms.get(0).compareTo(c.worstMarginValue()));
            // Median by counting: at least half the margins lie at or below it and at or above it.
            BigDecimal med = c.medianMarginValue();
            long below = ms.stream().filter(m -> m.compareTo(med) <= 0).count();
            long above = ms.stream().filter(m -> m.compareTo(med) >= 0).count();
            assertEquals(true, 2 * below >= n && 2 * above >= n, "median " + med + " of " + ms);
            assertEquals(n, c.count(Verdict.PROVED));
            assertEquals(1, c.count(Verdict.HYPOTHESIS_NOT_MET));
        });
    }

    @Test
    void noMarginsMeansNullSummaries() {
        ClaimResult c = new ClaimRecorder("lemma-2", ClaimKind.LEMMA, "Lemma 2", "s")
                .add(InstanceResult.of(1, "scalar", List.of(1, 1, 1), Verdict.PROVED, "exact")).finish();
        assertNull(c.worstMargin());
        assertNull(c.medianMargin());
        assertEquals(Verdict.PROVED, c.weakestVerdict());
    }

    private static ClaimStatus status(ClaimKind kind, Verdict... verdicts) {
        ClaimRecorder rec = new ClaimRecorder("x", kind, "X", "s");
        for (Verdict v : verdicts) {
            rec.add(InstanceResult.of(0, "f", List.of(1), v, "m"));
        }
        return rec.finish().status();
    }
}
