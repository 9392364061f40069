package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * Every claim the checker knows, by id: the paper's statements, the Sec. 5 conjecture (kept apart) and
 * the negative controls. {@link #run(String, int, long)} is the simple entry point other commands use.
 */
public final class ClaimRegistry {
    private final Map<String, Claim> claims = new LinkedHashMap<>();

    private ClaimRegistry(List<Claim> list) {
        for (Claim c : list) {
            if (claims.put(c.id(), c) != null) {
                throw new IllegalStateException("duplicate claim id " + c.id());
            }
        }
    }

    /** The standard registry: statements in the paper's order, then the conjecture, then the controls. */
    public static ClaimRegistry standard() {
        List<Claim> list = new ArrayList<>();
        list.add(new Lemma1IdentityInitialisation(Lemma1IdentityInitialisation.Item.I));
        list.add(new Lemma1IdentityInitialisation(Lemma1IdentityInitialisation.Item.II));
        list.add(new StabilityFact());
        list.add(new ScalarSharpness());
        list.add(new ScalarFlattestSet());
        list.add(new ScalarFlattestSharpness());
        list.add(new Lemma2Interpolation());
        list.add(new Lemma3HessianStructure());
        list.add(new Theorem1Sharpness());
        list.add(new Theorem1Eigenvector());
        list.add(new Theorem1LowerBound());
        for (Theorem2IntermediateGains.Item i : Theorem2IntermediateGains.Item.values()) {
            list.add(new Theorem2IntermediateGains(i));
        }
        list.add(new Theorem3LayerCoupling(Theorem3LayerCoupling.Item.I));
        list.add(new Theorem3LayerCoupling(Theorem3LayerCoupling.Item.II));
        list.add(new Theorem4SufficientCondition());
        list.add(new Lemma4NormInequality());
        list.add(new SectionFiveLowerBound());
        list.add(new SectionFiveConjecture());
        list.add(new RegressionLowerBound());
        list.add(new RegressionEquality());
        list.add(new RegressionTheorem1Agreement());
        list.add(Theorem1Sharpness.wrongConstantControl());
        list.add(Theorem1Eigenvector.swappedControl());
        list.add(Theorem1Sharpness.nonFlattestControl());
        list.add(Theorem2IntermediateGains.wrongExponentControl());
        list.add(Theorem3LayerCoupling.unshiftedControl());
        list.add(Lemma3HessianStructure.factorOneControl());
        list.add(Lemma4NormInequality.tightenedControl());
        list.add(Lemma2Interpolation.reuseControl());
        list.add(ScalarFlattestSet.allPatternsControl());
        list.add(ScalarFlattestSharpness.wrongConstantControl());
        list.add(Lemma1IdentityInitialisation.wrongConstantControl());
        list.add(StabilityFact.keptControl());
        list.add(RegressionLowerBound.tightenedControl());
        list.add(RegressionEquality.anySigmaControl());
        list.add(RegressionTheorem1Agreement.unwhitenedControl());
        // wrong-statement variants: a constant, an exponent, a premise or a factor changed
        list.add(Theorem1Sharpness.wrongExponentControl());
        list.add(Theorem2IntermediateGains.noSqrtMControl(Theorem2IntermediateGains.Item.II));
        list.add(Theorem2IntermediateGains.noSqrtMControl(Theorem2IntermediateGains.Item.IV));
        list.add(Theorem2IntermediateGains.reversedExponentControl());
        list.add(Theorem2IntermediateGains.anyMinimumControl());
        list.add(Theorem3LayerCoupling.wrongValueControl());
        list.add(ScalarSharpness.noSigmaControl());
        list.add(ScalarFlattestSharpness.noSigmaControl());
        list.add(Theorem1LowerBound.wrongConstantControl());
        list.add(SectionFiveLowerBound.wrongExponentControl());
        return new ClaimRegistry(list);
    }

    /** All claims in order. */
    public List<Claim> all() {
        return Collections.unmodifiableList(new ArrayList<>(claims.values()));
    }

    /** The paper's statements and the conjecture (what a plain {@code check} runs). */
    public List<Claim> statements() {
        return all().stream().filter(c -> c.kind() != ClaimKind.CONTROL).toList();
    }

    /** The negative controls. */
    public List<Claim> controls() {
        return all().stream().filter(c -> c.kind() == ClaimKind.CONTROL).toList();
    }

    /** The claim with this id; a {@link UserError} listing the ids otherwise. */
    public Claim get(String id) {
        Claim c = claims.get(id);
        if (c == null) {
            throw new UserError(Problem.UNKNOWN_NAME, "claim", id, String.join(", ", claims.keySet()));
        }
        return c;
    }

    /**
     * The claims named in a comma-separated list; an entry may be an id, a prefix ending in a dot or
     * naming a group ({@code theorem2} selects theorem2.i..iv), or {@code all}, {@code controls}.
     */
    public List<Claim> select(String list) {
        List<Claim> out = new ArrayList<>();
        for (String raw : list.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            List<Claim> hits = new ArrayList<>();
            if (name.equals("all")) {
                hits.addAll(all());
            } else if (name.equals("controls")) {
                hits.addAll(controls());
            } else if (claims.containsKey(name)) {
                hits.add(claims.get(name));
            } else {
                for (Claim c : claims.values()) {
                    if (c.id().startsWith(name + ".")) {
                        hits.add(c);
                    }
                }
            }
            if (hits.isEmpty()) {
                throw new UserError(Problem.UNKNOWN_NAME, "claim", name, String.join(", ", claims.keySet()));
            }
            for (Claim c : hits) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Counts per verdict of one claim's run, every verdict present. */
    public record Summary(String claimId, Map<Verdict, Integer> counts, CheckRunner.ClaimRun run) {}

    /**
     * Runs {@code instances} fresh instances of the claim {@code claimId} drawn from {@code seed} with the
     * default settings, single-threaded, saving nothing. Returns the counts per verdict.
     */
    public Summary run(String claimId, int instances, long seed) {
        Claim c = get(claimId);
        CheckRunner.ClaimRun r = new CheckRunner(CheckSettings.DEFAULT, 1, null).runClaim(c, instances, seed, Double.POSITIVE_INFINITY, null);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        for (CheckRunner.InstanceRun i : r.runs()) {
            counts.merge(i.outcome().verdict(), 1, Integer::sum);
        }
        return new Summary(claimId, counts, r);
    }
}
