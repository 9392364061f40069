package org.flatminima.proofs;

import java.util.Map;
import org.flatminima.claims.Claim;
import org.flatminima.claims.ClaimRegistry;
import org.flatminima.results.Verdict;

/**
 * Runs {@code checked} obligations with the theorem checker's standard {@link ClaimRegistry}
 * (default settings, single-threaded, nothing saved). {@code prove} uses it.
 */
public final class RegistryCheckedObligationRunner implements CheckedObligationRunner {
    private final ClaimRegistry registry = ClaimRegistry.standard();

    /** Whether the registry knows {@code claimId}. */
    public boolean knows(String claimId) {
        return registry.all().stream().map(Claim::id).anyMatch(claimId::equals);
    }

    @Override
    public Result run(String claimId, int instances, long seed) {
        if (!knows(claimId)) {
            return Result.unavailable("the checker has no claim \"" + claimId + "\"");
        }
        ClaimRegistry.Summary s = registry.run(claimId, instances, seed);
        Map<Verdict, Integer> counts = s.counts();
        return new Result(true, counts, "theorem checker, default settings; hypothesis-not-met instances are "
                + "reported apart and are not passes");
    }
}
