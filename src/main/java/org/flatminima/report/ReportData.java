package org.flatminima.report;

import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.Figure;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * What a report is made from: one or more results files merged into one list of claims. Claims with
 * the same id in several files (e.g. two runs with different seeds) are merged: their instances are
 * concatenated, their times added, and counts and margins recomputed; they must agree on kind.
 * Claims from different files (a check and an experiment run) simply sit side by side.
 */
public final class ReportData {
    /** A results file and where it was read from ({@code file} is null for results held in memory). */
    public record Source(Path file, Results results) {
        public Source {
            Objects.requireNonNull(results, "results");
        }

        /** The name to show for this source. */
        public String name() {
            return file == null ? "(in memory)" : file.toString();
        }

        /** The directory relative paths in this source are resolved against. */
        public Path baseDirectory() {
            if (file == null) {
                return Path.of("").toAbsolutePath();
            }
            Path parent = file.toAbsolutePath().getParent();
            return parent == null ? Path.of("").toAbsolutePath() : parent;
        }
    }

    private final List<Source> sources;
    private final List<ClaimResult> claims;
    private final Map<String, Source> origin;

    private ReportData(List<Source> sources, List<ClaimResult> claims, Map<String, Source> origin) {
        this.sources = sources;
        this.claims = claims;
        this.origin = origin;
    }

    /** Merges the sources in order (none is modified). */
    public static ReportData of(List<Source> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no results");
        }
        Map<String, ClaimResult> merged = new LinkedHashMap<>();
        Map<String, Source> origin = new LinkedHashMap<>();
        for (Source s : sources) {
            for (ClaimResult c : s.results().claims()) {
                ClaimResult prior = merged.get(c.id());
                if (prior == null) {
                    merged.put(c.id(), c);
                    origin.put(c.id(), s);
                    continue;
                }
                if (prior.kind() != c.kind()) {
                    throw new UserError(Problem.RESULTS_CONFLICT, origin.get(c.id()).name(), s.name(), c.id(),
                            "kind", prior.kind(), c.kind());
                }
                List<InstanceResult> all = new ArrayList<>(prior.instances());
                all.addAll(c.instances());
                List<Figure> figures = new ArrayList<>(prior.figures());
                figures.addAll(c.figures());
                ClaimResult header = new ClaimResult(prior.id(), prior.title(), prior.statement(), prior.kind(),
                        prior.provenance(), prior.section(), prior.hypotheses(), union(prior.families(), c.families()),
                        null, null, null, 0, List.of(), figures, sumOrNull(prior.minMet(), c.minMet()));
                merged.put(c.id(), ClaimRecorder.summarize(header, all, prior.timeSeconds() + c.timeSeconds())
                        .withCpuSeconds(prior.cpuSeconds() == null || c.cpuSeconds() == null ? null
                                : prior.cpuSeconds() + c.cpuSeconds()));
            }
        }
        return new ReportData(List.copyOf(sources), List.copyOf(merged.values()), origin);
    }

    /** A report of one in-memory results object. */
    public static ReportData of(Results results) {
        return of(List.of(new Source(null, results)));
    }

    private static Integer sumOrNull(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        for (String x : b) {
            if (!out.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }

    public List<Source> sources() {
        return sources;
    }

    /** The merged claims, in order of first appearance. */
    public List<ClaimResult> claims() {
        return claims;
    }

    /** The sections in order: paper, controls, beyond, experiments first, others by first appearance. */
    public List<String> sections() {
        List<String> order = new ArrayList<>(List.of("paper", "controls", "beyond", "experiments"));
        for (ClaimResult c : claims) {
            if (!order.contains(c.section())) {
                order.add(c.section());
            }
        }
        order.removeIf(s -> claims.stream().noneMatch(c -> c.section().equals(s)));
        return order;
    }

    /** The claims of one section, in order. */
    public List<ClaimResult> claimsIn(String section) {
        return claims.stream().filter(c -> c.section().equals(section)).toList();
    }

    /**
     * Where a path named by claim {@code claimId} (a figure or a saved case) lives: absolute paths as
     * they are; relative ones against the directory of the results file that first named the claim,
     * or the working directory if it exists only there. Null if it exists in neither.
     */
    public Path locate(String claimId, String path) {
        Path p;
        try {
            p = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (p.isAbsolute()) {
            return Files.exists(p) ? p : null;
        }
        Source s = origin.get(claimId);
        if (s != null) {
            Path near = s.baseDirectory().resolve(p).normalize();
            if (Files.exists(near)) {
                return near;
            }
        }
        Path here = p.toAbsolutePath().normalize();
        return Files.exists(here) ? here : null;
    }

    /** The results to store beside the report: the first source's run stamp with the merged claims. */
    public Results mergedResults() {
        Results first = sources.get(0).results();
        if (sources.size() == 1) {
            return first;
        }
        String started = first.startedAt();
        String finished = first.finishedAt();
        for (Source s : sources) {
            if (Instant.parse(s.results().startedAt()).isBefore(Instant.parse(started))) {
                started = s.results().startedAt();
            }
            if (Instant.parse(s.results().finishedAt()).isAfter(Instant.parse(finished))) {
                finished = s.results().finishedAt();
            }
        }
        Map<String, String> other = new LinkedHashMap<>(first.settings().other());
        other.put("merged_from", String.join(", ", sources.stream().map(Source::name).toList()));
        Settings st = first.settings();
        Settings settings = new Settings(st.seed(), st.instances(), st.digits(), st.maxDim(), st.maxDepth(),
                st.timeLimitSeconds(), other);
        return new Results(Results.SCHEMA_VERSION, first.tool(), first.commandLine(), started, finished,
                first.machine(), settings, claims);
    }
}
