package org.flatminima.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.claims.Verdict;

/** Builds results files programmatically for tests: seeded random claims and a few fixed shapes. */
final class ResultsFixtures {
    static final Tool TOOL = new Tool("flatminima", "0.1.0-test", "0123456789abcdef0123456789abcdef01234567");
    static final Machine MACHINE = new Machine(2, "Linux test", "17 (test VM)");
    static final Instant START = Instant.parse("2026-12-06T20:00:00Z");

    private ResultsFixtures() {}

    /** A passing theorem claim whose instances are all PROVED with margins drawn from {@code rnd}. */
    static ClaimResult passingTheorem(String id, SplittableRandom rnd, int n, double seconds) {
        ClaimRecorder rec = new ClaimRecorder(id, ClaimKind.THEOREM, "Claim " + id, "statement of " + id)
                .hypotheses("Sigma_x = I, A1").timeSeconds(seconds);
        for (int i = 0; i < n; i++) {
            int depth = 2 + rnd.nextInt(5);
            BigDecimal margin = BigDecimal.valueOf(1 + rnd.nextInt(1000), 3);
            double sigma = 1 + rnd.nextDouble() * 3;
            double sharp = 2 * depth * Math.pow(sigma, 2 * (1 - 1.0 / depth));
            rec.add(InstanceResult.of(rnd.nextLong(), "rational-gauge", List.of(3, 3, 3), Verdict.PROVED,
                            "exact inertia of lambda* I - H")
                    .withMargin(margin)
                    .withDetail("depth", depth)
                    .withDetail("flattest_sharpness", sharp)
                    .withDetail("lambda_max", sharp * (1 + rnd.nextDouble())));
        }
        return rec.finish();
    }

    /** A claim whose instances have exactly the verdicts given, each with margin {@code 1/(i+1)}. */
    static ClaimResult claimWith(String id, ClaimKind kind, double seconds, Verdict... verdicts) {
        ClaimRecorder rec = new ClaimRecorder(id, kind, "Claim " + id, "statement of " + id).timeSeconds(seconds);
        for (int i = 0; i < verdicts.length; i++) {
            BigDecimal margin = verdicts[i] == Verdict.REFUTED ? BigDecimal.valueOf(-1)
                    : BigDecimal.ONE.divide(BigDecimal.valueOf(1L << i));
            rec.add(InstanceResult.of(1000 + i, "family-" + (i % 2), List.of(2, 2), verdicts[i], "method " + i)
                    .withMargin(margin)
                    .withTolerance(verdicts[i] == Verdict.NUMERICAL ? new BigDecimal("1e-40") : null)
                    .withCasePath(verdicts[i] == Verdict.REFUTED ? "test-cases/found/" + id + "-" + i + ".json" : null));
        }
        return rec.finish();
    }

    static Results results(ClaimResult... claims) {
        ResultsRecorder run = ResultsRecorder.start(TOOL, MACHINE, List.of("check", "--seed", "7"),
                new Settings(7L, 10, 50, 4, 6, 120.0, Map.of("controls", "true")), START);
        for (ClaimResult c : claims) {
            run.add(c);
        }
        return run.finish(START.plusSeconds(42));
    }

    /** A seeded random results file with a handful of passing claims and one control. */
    static Results random(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ClaimResult> claims = new ArrayList<>();
        claims.add(passingTheorem("theorem-1", rnd, 3 + rnd.nextInt(6), 1 + rnd.nextInt(10)));
        claims.add(passingTheorem("lemma-4", rnd, 1 + rnd.nextInt(6), 1 + rnd.nextInt(10)));
        claims.add(claimWith("control-wrong-constant", ClaimKind.CONTROL, 0.5, Verdict.REFUTED, Verdict.REFUTED));
        return results(claims.toArray(ClaimResult[]::new));
    }
}
