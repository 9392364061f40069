package org.flatminima.claims;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.errors.UserError;
import org.flatminima.proofs.CheckedObligationRunner;

/**
 * The theorem checker behind {@code prove}'s {@code checked} obligations (registered through
 * {@code META-INF/services}). A claim id in the proof files' style ({@code theorem-1}, {@code lemma-4},
 * {@code eq-13}) names the group of the checker's claims with that prefix ({@code theorem1.sharpness},
 * {@code theorem1.eigenvector}, {@code theorem1.lower-bound}); each member runs {@code instances} fresh
 * instances from {@code seed} and the counts are summed. The checker's own ids are accepted as well.
 * Negative controls are never part of a group.
 */
public final class CheckerObligationRunner implements CheckedObligationRunner {
    @Override
    public Result run(String claimId, int instances, long seed) {
        ClaimRegistry registry = ClaimRegistry.standard();
        List<Claim> claims;
        try {
            claims = registry.select(normalise(claimId)).stream().filter(c -> c.kind() != ClaimKind.CONTROL).toList();
        } catch (UserError e) {
            return Result.unavailable("the checker has no claim " + claimId);
        }
        if (claims.isEmpty()) {
            return Result.unavailable("the checker has no claim " + claimId);
        }
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        StringBuilder note = new StringBuilder("flatminima check on ");
        for (Claim c : claims) {
            ClaimRegistry.Summary s = registry.run(c.id(), instances, seed);
            s.counts().forEach((v, n) -> counts.merge(v, n, Integer::sum));
            note.append(note.length() > 20 ? ", " : "").append(c.id());
        }
        note.append(String.format(Locale.ROOT, " (%d instances each, seed %d)", instances, seed));
        return new Result(true, counts, note.toString());
    }

    /** theorem-1 -&gt; theorem1, lemma-4 -&gt; lemma4, eq-13 -&gt; scalar.eq13; other ids unchanged. */
    static String normalise(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        if (s.matches("eq-?\\d+")) {
            return "scalar.eq" + s.replaceAll("\\D", "");
        }
        if (s.matches("(lemma|theorem)-\\d+")) {
            return s.replace("-", "");
        }
        return s;
    }
}
