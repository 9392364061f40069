package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.ClaimStatus;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.flatminima.results.Verdict;
import org.flatminima.report.Regressions.Change;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class RegressionsTest extends QuietTest {
    private static final Regressions.Thresholds DEFAULTS = Regressions.Thresholds.defaults();

    @Test
    void resultsCompareCleanAgainstThemselves() {
        Property.forAll("no regression against itself", 30, 0xBA5EL, rnd -> {
            Results r = ResultsFixtures.random(rnd.nextLong());
            Regressions.Comparison c = Regressions.compare("b", r.claims(), r.claims(), DEFAULTS);
            assertFalse(c.regressed(), c.toString());
            assertTrue(c.claims().stream().allMatch(x -> x.findings().isEmpty()));
        });
    }

    @Test
    void oneWeakerInstanceIsAWeakerVerdict() {
        Results base = ResultsFixtures.sample();
        Results now = replaceInstance(base, "theorem-1", 0, i -> new InstanceResult(i.seed(), i.family(), i.dims(),
                Verdict.NUMERICAL, "double eigenvalue, tolerance 1e-12", i.margin(), "1e-12", i.details(), null));
        assertEquals(Set.of(Change.VERDICT_WEAKER), regressions(base, now).get("theorem-1"));
    }

    @Test
    void aRefutedInstanceIsAWorseStatus() {
        Results base = ResultsFixtures.sample();
        Results now = replaceInstance(base, "lemma-4", 3, i -> new InstanceResult(i.seed(), i.family(), i.dims(),
                Verdict.REFUTED, i.method(), "-0.5", null, i.details(), "test-cases/found/lemma-4.json"));
        Set<Change> changes = regressions(base, now).get("lemma-4");
        assertTrue(changes.contains(Change.STATUS_WORSE), changes.toString());
        assertTrue(changes.contains(Change.MARGIN_SHRANK), changes.toString());
    }

    @Test
    void anUndecidedInstanceIsAWorseStatus() {
        Results base = ResultsFixtures.sample();
        Results now = replaceInstance(base, "eq-13", 0, i -> new InstanceResult(i.seed(), i.family(), i.dims(),
                Verdict.UNDECIDED, "enclosures overlap", i.margin(), null, i.details(), null));
        assertTrue(regressions(base, now).get("eq-13").contains(Change.STATUS_WORSE));
    }

    @Test
    void tooFewInstancesMeetingTheHypothesesIsAWorseStatus() {
        Results base = ResultsFixtures.sample();
        List<ClaimResult> claims = new ArrayList<>();
        for (ClaimResult c : base.claims()) {
            claims.add(c.id().equals("eq-13") ? c.withMinMet(c.total() + 1) : c);
        }
        Results now = base.withClaims(claims);
        assertEquals(ClaimStatus.INSUFFICIENT, now.claims().stream().filter(c -> c.id().equals("eq-13")).findFirst()
                .orElseThrow().status());
        assertTrue(regressions(base, now).get("eq-13").contains(Change.STATUS_WORSE));
        // and the stated minimum survives a write and a read
        Results back = ResultsIO.parse(ResultsIO.toJson(now), "test");
        assertEquals(now, back);
    }

    @Test
    void aWeakerInstanceInsideAnUndecidedClaimRegresses() {
        Results base = ResultsFixtures.sample();
        ClaimResult t4 = base.claim("theorem-4").orElseThrow();
        assertEquals(ClaimStatus.UNDECIDED, t4.status());
        int proved = 0;
        while (t4.instances().get(proved).verdict() != Verdict.PROVED) {
            proved++;
        }
        Results now = replaceInstance(base, "theorem-4", proved, i -> new InstanceResult(i.seed(), i.family(),
                i.dims(), Verdict.UNDECIDED, "enclosures overlap", i.margin(), null, i.details(), null));
        assertEquals(ClaimStatus.UNDECIDED, now.claim("theorem-4").orElseThrow().status());
        assertEquals(Set.of(Change.INSTANCE_WEAKER), regressions(base, now).get("theorem-4"));
    }

    @Test
    void aShortRunOfTheSameSeedsIsNoRegression() {
        // CI compares a short run (the first instances of the same seeded sequence) with the full baseline.
        Results base = ResultsFixtures.sample();
        List<ClaimResult> shorter = new ArrayList<>();
        for (ClaimResult c : base.claims()) {
            shorter.add(ClaimRecorder.summarize(c, c.instances().subList(0, 3), c.timeSeconds() / 5));
        }
        Regressions.Comparison c = Regressions.compare("b", base.claims(), shorter, DEFAULTS);
        assertFalse(c.regressed(), c.toString());
    }

    @Test
    void aControlThatStopsBeingCaughtRegresses() {
        Results base = ResultsFixtures.sample();
        Results now = replaceInstance(base, "control-wrong-constant", 0, i -> new InstanceResult(i.seed(),
                i.family(), i.dims(), Verdict.PROVED, i.method(), null, null, i.details(), null));
        assertEquals(Set.of(Change.STATUS_WORSE), regressions(base, now).get("control-wrong-constant"));
    }

    @Test
    void marginShrinkIsFlaggedOnlyPastTheThreshold() {
        ClaimResult base = withMargin("2");
        // 2 -> 1 drops by exactly 0.5 x |2|: not past the threshold.
        assertFalse(Regressions.compare("b", List.of(base), List.of(withMargin("1")), DEFAULTS).regressed());
        ClaimResult shrunk = withMargin("0.999");
        Regressions.Comparison c = Regressions.compare("b", List.of(base), List.of(shrunk), DEFAULTS);
        assertTrue(c.regressed());
        assertEquals(Change.MARGIN_SHRANK, c.claims().get(0).findings().get(0).change());
        // A stricter threshold flags the smaller drop too; growth is never flagged.
        assertTrue(Regressions.compare("b", List.of(base), List.of(withMargin("1.9")),
                new Regressions.Thresholds(new BigDecimal("0.01"), 3)).regressed());
        assertFalse(Regressions.compare("b", List.of(base), List.of(withMargin("200")), DEFAULTS).regressed());
    }

    @Test
    void marginShrinkIsExactFarBelowDoublePrecision() {
        ClaimResult base = withMargin("1e-400");
        assertTrue(Regressions.compare("b", List.of(base), List.of(withMargin("4.9e-401")), DEFAULTS).regressed());
        assertFalse(Regressions.compare("b", List.of(base), List.of(withMargin("5e-401")), DEFAULTS).regressed());
    }

    @Test
    void timeGrowthIsFlaggedPastTheFactorAndAboveNoise() {
        ClaimResult base = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 2.0, Verdict.PROVED);
        ClaimResult slow = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 6.5, Verdict.PROVED);
        ClaimResult bit = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 5.9, Verdict.PROVED);
        Regressions.Thresholds gate = new Regressions.Thresholds(new BigDecimal("0.5"), 3.0, true);
        assertTrue(Regressions.compare("b", List.of(base), List.of(slow), gate).regressed());
        assertFalse(Regressions.compare("b", List.of(base), List.of(bit), gate).regressed());
        // 0.1 s -> 0.9 s is nine times slower but within timer noise.
        ClaimResult tiny = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 0.1, Verdict.PROVED);
        ClaimResult tinySlow = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 0.9, Verdict.PROVED);
        assertFalse(Regressions.compare("b", List.of(tiny), List.of(tinySlow), gate).regressed());
        // by default the slowdown is only a warning
        Regressions.Comparison warned = Regressions.compare("b", List.of(base), List.of(slow), DEFAULTS);
        assertFalse(warned.regressed());
        assertTrue(warned.claims().get(0).findings().stream()
                .anyMatch(f -> f.change() == Regressions.Change.TIME_WARNING));
    }

    @Test
    void cpuTimeIsJudgedWhereBothRunsRecordIt() {
        Regressions.Thresholds gate = new Regressions.Thresholds(new BigDecimal("0.5"), 3.0, true);
        // wall time grew 2 s -> 7.2 s on a loaded machine, CPU time did not: no regression
        ClaimResult base = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 2.0, Verdict.PROVED).withCpuSeconds(1.9);
        ClaimResult loaded = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 7.2, Verdict.PROVED).withCpuSeconds(2.0);
        assertFalse(Regressions.compare("b", List.of(base), List.of(loaded), gate).regressed());
        // negative control: CPU time grew past the factor, whatever the wall time says
        ClaimResult slower = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 2.0, Verdict.PROVED).withCpuSeconds(8.0);
        Regressions.Comparison c = Regressions.compare("b", List.of(base), List.of(slower), gate);
        assertTrue(c.regressed());
        assertTrue(c.claims().get(0).findings().get(0).text().startsWith("CPU time"),
                c.claims().get(0).findings().get(0).text());
        // without CPU time on one side, wall time is judged
        assertTrue(Regressions.compare("b", List.of(base.withCpuSeconds(null)), List.of(loaded), gate).regressed());
    }

    @Test
    void missingClaimRegressesAndNewClaimDoesNot() {
        Results base = ResultsFixtures.sample();
        List<ClaimResult> now = new ArrayList<>(base.claims());
        now.removeIf(c -> c.id().equals("theorem-2"));
        now.add(ResultsFixtures.claimWith("theorem-3", ClaimKind.THEOREM, 1, Verdict.PROVED));
        Regressions.Comparison c = Regressions.compare("b", base.claims(), now, DEFAULTS);
        assertEquals(1, c.regressionCount());
        Regressions.ClaimComparison missing = c.claims().stream().filter(x -> x.id().equals("theorem-2")).findFirst()
                .orElseThrow();
        assertEquals(Change.MISSING, missing.findings().get(0).change());
        Regressions.ClaimComparison added = c.claims().get(c.claims().size() - 1);
        assertEquals("theorem-3", added.id());
        assertFalse(added.regressed());
    }

    @Test
    void improvementsAreListedButNotRegressions() {
        Results base = ResultsFixtures.sample();
        // theorem-4 has UNDECIDED instances; make them all PROVED.
        ClaimResult t4 = base.claim("theorem-4").orElseThrow();
        List<InstanceResult> fixed = t4.instances().stream().map(i -> new InstanceResult(i.seed(), i.family(),
                i.dims(), Verdict.PROVED, "exact inertia", i.margin(), null, i.details(), null)).toList();
        ClaimResult better = ClaimRecorder.summarize(t4, fixed, t4.timeSeconds());
        Regressions.Comparison c = Regressions.compare("b", List.of(t4), List.of(better), DEFAULTS);
        assertFalse(c.regressed());
        assertEquals(Change.STATUS_BETTER, c.claims().get(0).findings().get(0).change());
    }

    private static ClaimResult withMargin(String margin) {
        return new ClaimRecorder("lemma-4", ClaimKind.LEMMA, "Lemma 4", "s").timeSeconds(1)
                .add(InstanceResult.of(1, "f", List.of(2, 2), Verdict.PROVED, "exact").withMargin(new BigDecimal(margin)))
                .finish();
    }

    /** The regression kinds per claim id of comparing {@code now} against {@code base}. */
    static java.util.Map<String, Set<Change>> regressions(Results base, Results now) {
        Regressions.Comparison c = Regressions.compare("b", base.claims(), now.claims(), DEFAULTS);
        java.util.Map<String, Set<Change>> out = new java.util.HashMap<>();
        for (Regressions.ClaimComparison x : c.claims()) {
            Set<Change> r = x.findings().stream().map(Regressions.Finding::change).filter(Change::isRegression)
                    .collect(Collectors.toSet());
            if (!r.isEmpty()) {
                out.put(x.id(), r);
            }
        }
        assertEquals(1, out.size(), "exactly one claim must regress: " + out);
        return out;
    }

    /** A copy of {@code r} with instance {@code index} of claim {@code id} changed and the claim re-summarised. */
    static Results replaceInstance(Results r, String id, int index, UnaryOperator<InstanceResult> change) {
        List<ClaimResult> claims = new ArrayList<>();
        for (ClaimResult c : r.claims()) {
            if (c.id().equals(id)) {
                List<InstanceResult> is = new ArrayList<>(c.instances());
                is.set(index, change.apply(is.get(index)));
                c = ClaimRecorder.summarize(c, is, c.timeSeconds());
            }
            claims.add(c);
        }
        return r.withClaims(claims);
    }
}
