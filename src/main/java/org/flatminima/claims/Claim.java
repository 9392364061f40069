package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import java.util.List;

/**
 * One statement of the paper (or a negative control), decided instance by instance. Implementations
 * are stateless and thread-safe; {@link #decide} never modifies the instance.
 */
public interface Claim {
    /** Stable id, e.g. {@code theorem1.sharpness}. */
    String id();

    /** Short title, e.g. "Theorem 1: sharpness of flattest minima". */
    String title();

    /** The statement in one line, with the paper's notation. */
    String statement();

    ClaimKind kind();

    /** Where the paper states it, e.g. "Sec. 4, eq. (17)". */
    String section();

    /**
     * Where the statement comes from, shown in the report: "from the paper, " + {@link #section()} unless
     * a claim says otherwise (e.g. "from the authors' code", "derived here").
     */
    default String provenance() {
        return "from the paper, " + section();
    }

    /** The report section the claim is listed in, or null for the default of its kind. */
    default String reportSection() {
        return null;
    }

    /** The hypotheses an instance must meet, in words. */
    List<String> hypotheses();

    /** The families instances are drawn from by default (round robin). */
    List<InstanceSource> families();

    /** The size limits its instances are drawn with (numerical claims cap them to stay fast). */
    default CheckSettings limits(CheckSettings requested) {
        return requested;
    }

    /** Decides the claim on one instance. */
    Outcome decide(Instance instance, CheckSettings settings);
}
