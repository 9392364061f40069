package org.flatminima.report;

import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.InstanceResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.flatminima.results.Verdict;

/**
 * The instances of one claim from one family, summarised: counts per verdict, worst margin and the
 * methods that decided them.
 */
public record FamilySummary(String family, Map<Verdict, Integer> counts, BigDecimal worstMargin,
        List<String> methods, int instances) {
    /** One summary per family of {@code claim}, in order of first appearance. */
    public static List<FamilySummary> of(ClaimResult claim) {
        Map<String, List<InstanceResult>> byFamily = new LinkedHashMap<>();
        for (InstanceResult i : claim.instances()) {
            byFamily.computeIfAbsent(i.family(), k -> new ArrayList<>()).add(i);
        }
        List<FamilySummary> out = new ArrayList<>();
        for (Map.Entry<String, List<InstanceResult>> e : byFamily.entrySet()) {
            List<BigDecimal> margins = ClaimRecorder.margins(e.getValue());
            LinkedHashSet<String> methods = new LinkedHashSet<>();
            for (InstanceResult i : e.getValue()) {
                methods.add(i.method());
            }
            out.add(new FamilySummary(e.getKey(), ClaimRecorder.tally(e.getValue()),
                    margins.isEmpty() ? null : margins.get(0), List.copyOf(methods), e.getValue().size()));
        }
        return out;
    }
}
