package org.flatminima.proofs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.flatminima.results.Verdict;
import org.flatminima.symbolic.Identities;
import org.flatminima.symbolic.IdentityResult;

/**
 * Discharges the obligations of proof files: symbolic identities through the Symja catalogue
 * (results cached by obligation text, since several proofs share identities), checked claims
 * through a {@link CheckedObligationRunner}, and argument steps reported OPEN.
 */
public final class ProofRunner {
    private final CheckedObligationRunner checker;
    private final Map<String, ObligationOutcome> cache = new HashMap<>();

    public ProofRunner(CheckedObligationRunner checker) {
        this.checker = checker;
    }

    /** Runs every step of {@code file}; {@code onStep} sees each outcome as it completes. */
    public List<StepOutcome> run(ProofFile file, Consumer<StepOutcome> onStep) {
        List<StepOutcome> out = new ArrayList<>();
        for (ProofStep step : file.steps()) {
            List<ObligationOutcome> outcomes = new ArrayList<>();
            for (Obligation o : step.obligations()) {
                outcomes.add(discharge(o));
            }
            StepOutcome s = new StepOutcome(step, List.copyOf(outcomes));
            onStep.accept(s);
            out.add(s);
        }
        return out;
    }

    /** Discharges one obligation. */
    public ObligationOutcome discharge(Obligation o) {
        ObligationOutcome cached = cache.get(o.text());
        if (cached != null) {
            return cached;
        }
        long start = System.nanoTime();
        ObligationOutcome result;
        if (o instanceof Obligation.Symbolic s) {
            result = symbolic(s, start);
        } else if (o instanceof Obligation.Checked c) {
            result = checked(c, start);
        } else {
            result = new ObligationOutcome(o, StepStatus.OPEN,
                    "argument not discharged by the tool: " + ((Obligation.Argument) o).reason(), 0);
        }
        cache.put(o.text(), result);
        return result;
    }

    private static ObligationOutcome symbolic(Obligation.Symbolic s, long start) {
        List<IdentityResult> results;
        try {
            results = Identities.run(s.identity(), s.parameters());
        } catch (IllegalArgumentException e) {
            return new ObligationOutcome(s, StepStatus.FAILED, "bad identity parameters: " + e.getMessage(), seconds(start));
        }
        StepStatus status = StepStatus.PROVED_SYMBOLIC;
        StringBuilder detail = new StringBuilder();
        for (IdentityResult r : results) {
            StepStatus st = switch (r.status()) {
                case PROVED -> StepStatus.PROVED_SYMBOLIC;
                case REFUTED -> StepStatus.FAILED;
                case UNDECIDED -> StepStatus.OPEN;
            };
            status = status.weaker(st);
            detail.append(detail.length() == 0 ? "" : "; ").append(r.summary());
        }
        return new ObligationOutcome(s, status, detail.toString(), seconds(start));
    }

    private ObligationOutcome checked(Obligation.Checked c, long start) {
        CheckedObligationRunner.Result r = checker.run(c.claimId(), c.instances(), c.seed());
        if (!r.available()) {
            return new ObligationOutcome(c, StepStatus.OPEN, "checked " + c.claimId() + " on " + c.instances()
                    + " instances not run: " + r.note(), seconds(start));
        }
        StringBuilder counts = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            if (r.count(v) > 0) {
                counts.append(counts.length() == 0 ? "" : ", ").append(r.count(v)).append(' ')
                        .append(v.name().toLowerCase(Locale.ROOT));
            }
        }
        int passes = 0;
        for (Verdict v : Verdict.values()) {
            passes += v.isPass() ? r.count(v) : 0;
        }
        StepStatus status;
        if (r.count(Verdict.REFUTED) > 0) {
            status = StepStatus.FAILED;
        } else if (r.count(Verdict.UNDECIDED) > 0 || passes == 0) {
            status = StepStatus.OPEN;
        } else {
            status = StepStatus.CHECKED;
        }
        String detail = String.format(Locale.ROOT, "%s %s on %d instances (seed %d): %s%s", status.label(),
                c.claimId(), r.total(), c.seed(), counts, r.note().isEmpty() ? "" : " (" + r.note() + ")");
        return new ObligationOutcome(c, status, detail, seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
