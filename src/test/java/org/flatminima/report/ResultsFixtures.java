package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Machine;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsRecorder;
import org.flatminima.results.Settings;
import org.flatminima.results.Tool;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.results.Verdict;

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

    /** One synthetic claim of the sample: {@code n} instances with verdicts drawn by weight. */
    private static ClaimResult sampleClaim(SplittableRandom rnd, String id, ClaimKind kind, String title,
            String statement, String hypotheses, int n, double seconds, String[] families, Verdict[] verdicts,
            String[] methods, double logMarginLo, double logMarginHi) {
        ClaimRecorder rec = new ClaimRecorder(id, kind, title, statement).hypotheses(hypotheses).timeSeconds(seconds);
        for (int i = 0; i < n; i++) {
            int pick = rnd.nextInt(verdicts.length);
            Verdict v = verdicts[pick];
            int depth = 2 + rnd.nextInt(5);
            int d = 1 + rnd.nextInt(4);
            List<Integer> dims = new ArrayList<>();
            for (int k = 0; k <= depth; k++) {
                dims.add(d + (k > 0 && k < depth ? rnd.nextInt(3) : 0));
            }
            double logMargin = logMarginLo + rnd.nextDouble() * (logMarginHi - logMarginLo);
            BigDecimal margin = v == Verdict.REFUTED ? new BigDecimal("-0.001").multiply(BigDecimal.valueOf(1 + rnd.nextInt(9)))
                    : new BigDecimal(String.format(java.util.Locale.ROOT, "%.3e", Math.pow(10, logMargin)));
            InstanceResult inst = InstanceResult.of(rnd.nextLong(), families[pick % families.length], dims, v,
                    methods[pick % methods.length]).withMargin(v == Verdict.HYPOTHESIS_NOT_MET ? null : margin);
            if (v == Verdict.NUMERICAL || v == Verdict.CONSISTENT) {
                inst = inst.withTolerance(new BigDecimal("1e-45"));
            }
            if (id.equals("theorem-1")) {
                double sigma = 1 + rnd.nextDouble() * 3;
                double flattest = 2 * depth * Math.pow(sigma, 2 * (1 - 1.0 / depth));
                inst = inst.withDetail("depth", depth).withDetail("sigma_max", String.format(java.util.Locale.ROOT, "%.6f", sigma))
                        .withDetail("flattest_sharpness", String.format(java.util.Locale.ROOT, "%.6f", flattest));
                if (rnd.nextInt(3) == 0) {
                    inst = inst.withDetail("lambda_max", String.format(java.util.Locale.ROOT, "%.6f",
                            flattest * (1 + 4 * rnd.nextDouble())));
                }
            }
            rec.add(inst);
        }
        return rec.finish();
    }

    /**
     * A synthetic results file shaped like a checker run, for rendering reports (the committed
     * sample under src/test/resources is this, regenerated by ReportSampleTest). Its numbers are
     * drawn at random, not computed, and its settings say so.
     */
    static Results sample() {
        SplittableRandom rnd = new SplittableRandom(20200712L);
        Verdict[] exact = {Verdict.PROVED, Verdict.PROVED, Verdict.CERTIFIED};
        String[] fams = {"rational-construction-27", "rational-gauge", "apfloat-gauge"};
        String[] exactMethods = {"exact inertia of lambda* I - H", "exact inertia of lambda* I - H",
            "certified enclosure of lambda_max at 60 digits"};
        List<ClaimResult> claims = new ArrayList<>();
        claims.add(sampleClaim(rnd, "lemma-1", ClaimKind.LEMMA, "Lemma 1 (GD from identity reaches a flattest minimum)",
                "GD with eta <= (1/2m) min{1, sigma_max(T)^(-2(1-1/m))} from identity converges linearly to a flattest minimum",
                "Sigma_x = I, square layers, T positive definite", 12, 3.4, new String[] {"identity-init"},
                new Verdict[] {Verdict.NUMERICAL}, new String[] {"GD at 50 digits; tolerance from precision"}, -12, -3));
        claims.add(sampleClaim(rnd, "lemma-3", ClaimKind.LEMMA, "Lemma 3 (Hessian at a global minimum)",
                "H = 2 Phi Phi^T at every global minimum", "any Sigma_x", 20, 0.8, fams, new Verdict[] {Verdict.PROVED},
                new String[] {"exact rational identity"}, 0, 0));
        claims.add(sampleClaim(rnd, "lemma-4", ClaimKind.LEMMA, "Lemma 4 (norm inequality)",
                "sum ||Psi_k||_F^2 >= m ||prod Psi_k||_2^(2/m)", "shapes that chain", 30, 0.6,
                new String[] {"rational-random"}, new Verdict[] {Verdict.PROVED},
                new String[] {"exact PSD check of powers"}, -4, 1));
        claims.add(sampleClaim(rnd, "theorem-1", ClaimKind.THEOREM, "Theorem 1 (sharpness of flattest minima)",
                "min lambda_max(H) over global minima = 2m sigma_max(T)^(2(1-1/m)), attained by b = Phi(v kron u)",
                "A1, A2, Sigma_x = I", 40, 7.9, fams, exact, exactMethods, -30, -1));
        claims.add(sampleClaim(rnd, "theorem-2", ClaimKind.THEOREM, "Theorem 2 (intermediate gains)",
                "flattest minima: ||prod_{j<=k} W_j v|| = sigma_max(T)^(k/m), bounded top gains",
                "A1, A2", 24, 4.2, fams, new Verdict[] {Verdict.CERTIFIED, Verdict.CONSISTENT, Verdict.HYPOTHESIS_NOT_MET},
                new String[] {"certified enclosure at 60 digits", "consistent within certified width", "bottleneck width"},
                -40, -10));
        claims.add(sampleClaim(rnd, "theorem-4", ClaimKind.THEOREM, "Theorem 4 (sufficient condition)",
                "sigma_max(W_k) = sigma_max(T)^(1/m) for all k implies flattest", "A1, A2", 16, 2.5,
                new String[] {"gauge-unequal-lower"}, new Verdict[] {Verdict.PROVED, Verdict.UNDECIDED},
                new String[] {"exact inertia", "enclosures overlap at 200 digits"}, -8, -2));
        claims.add(sampleClaim(rnd, "eq-13", ClaimKind.EQUATION, "Eq. (13) (scalar flattest sharpness)",
                "scalar networks: flattest sharpness 2m |t|^(2-2/m)", "scalar layers", 10, 0.2,
                new String[] {"scalar-rational"}, new Verdict[] {Verdict.PROVED}, new String[] {"exact"}, 0, 0));
        claims.add(sampleClaim(rnd, "conjecture-sigma", ClaimKind.CONJECTURE, "Conjecture (general Sigma_x)",
                "min lambda_max over global minima = max_{||B||_F=1} nu(B) for any Sigma_x", "Sigma_x positive definite",
                8, 11.0, new String[] {"random-sigma"}, new Verdict[] {Verdict.NUMERICAL, Verdict.UNDECIDED},
                new String[] {"double optimisation, tolerance 1e-9", "optimisers disagree"}, -9, -5));
        claims.add(sampleClaim(rnd, "control-wrong-constant", ClaimKind.CONTROL, "Control: Theorem 1 with 2m replaced by 2m+1",
                "lambda_max = (2m+1) sigma_max(T)^(2(1-1/m)) at a flattest minimum (false)", "A1, A2", 10, 0.9, fams,
                new Verdict[] {Verdict.REFUTED}, new String[] {"exact inertia"}, 0, 0));
        claims.add(sampleClaim(rnd, "control-lemma-4-factor", ClaimKind.CONTROL, "Control: Lemma 4 with a factor 1.001",
                "sum ||Psi_k||_F^2 >= 1.001 m ||prod Psi_k||_2^(2/m) (false at equality)", "equality case", 10, 0.3,
                new String[] {"rational-equality"}, new Verdict[] {Verdict.REFUTED}, new String[] {"exact"}, 0, 0));
        ResultsRecorder run = ResultsRecorder.start(TOOL, MACHINE, List.of("check", "--seed", "20200712"),
                new Settings(20200712L, 40, 60, 4, 6, 120.0,
                        Map.of("synthetic", "sample for rendering reports; numbers drawn at random, not computed")),
                START);
        claims.forEach(run::add);
        return run.finish(START.plusSeconds(31));
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
