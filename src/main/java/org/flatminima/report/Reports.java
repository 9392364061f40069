package org.flatminima.report;

import org.flatminima.results.ClaimResult;
import org.flatminima.results.Figure;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.results.Verdict;
import org.flatminima.io.SafeFiles;

/**
 * Writes a report directory: {@code results.json} (the merged results, validated), {@code report.md},
 * a self-contained {@code report.html}, {@code junit.xml}, optionally {@code report.tex}, and the
 * figures experiments named (copied under {@code figures/}). The directory is built in a staging
 * directory and swapped in whole: an existing one is replaced only with {@code force}, and a failed
 * run leaves the previous report untouched.
 */
public final class Reports {
    /** Figures larger than this are linked, not embedded, in the HTML page. */
    static final long MAX_EMBEDDED_FIGURE_BYTES = 8L << 20;

    private Reports() {}

    /**
     * Writes the report of one run into {@code dir} (results.json, report.md, report.html, junit.xml);
     * {@code dir} is replaced only with {@code force}. Returns the file names written. This is what
     * {@code flatminima check} calls to leave {@code reports/latest/}.
     */
    public static List<String> writeAll(Results results, Path dir, boolean force) {
        return write(ReportData.of(results), null, dir, force, false);
    }

    /**
     * Writes the report of {@code data} into {@code dir}, with a regression section when
     * {@code comparison} is not null and {@code report.tex} when {@code tex}. Returns the names of
     * the files written, relative to {@code dir}. Modifies only {@code dir}.
     */
    public static List<String> write(ReportData data, Regressions.Comparison comparison, Path dir, boolean force,
            boolean tex) {
        List<String> written = new ArrayList<>();
        Path target = dir.toAbsolutePath().normalize();
        SafeFiles.replaceDirectory(dir, "report", force, staging -> {
            written.clear();
            FileLinks links = new FileLinks(data, target, staging);
            links.copyFigures();
            put(staging, "results.json", ResultsIO.toJson(data.mergedResults()), written);
            put(staging, "report.md", MarkdownReport.render(data, comparison, links), written);
            put(staging, "report.html", HtmlReport.render(data, comparison, links), written);
            put(staging, "junit.xml", JunitReport.render(data, comparison, latestFinish(data)), written);
            if (tex) {
                put(staging, "report.tex", LatexReport.render(data), written);
            }
            Path certificates = certificatesOf(data);
            if (certificates != null) {
                Files.copy(certificates, staging.resolve(CERTIFICATES), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                written.add(CERTIFICATES);
            }
            written.addAll(links.copied());
        });
        return List.copyOf(written);
    }

    /**
     * A plain-text summary table for the terminal: one row per claim with its status, counts per
     * verdict, worst margin and time.
     */
    public static String summaryTable(List<ClaimResult> claims) {
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("claim", "status", "instances"));
        for (Verdict v : Verdict.values()) {
            head.add(ReportText.heading(v));
        }
        head.add("worst margin");
        head.add("time (s)");
        rows.add(head.toArray(String[]::new));
        for (ClaimResult c : claims) {
            List<String> r = new ArrayList<>(List.of(c.id(), c.status().name(), Integer.toString(c.total())));
            for (Verdict v : Verdict.values()) {
                r.add(Integer.toString(c.count(v)));
            }
            r.add(ReportText.margin(c.worstMargin()));
            r.add(ReportText.seconds(c.timeSeconds()));
            rows.add(r.toArray(String[]::new));
        }
        return align(rows) + ReportText.claimSummary(claims) + "\n";
    }

    /** A plain-text table of a comparison's regressed claims (or a line saying there are none). */
    public static String regressionTable(Regressions.Comparison cmp) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"claim", "change"});
        for (Regressions.ClaimComparison c : cmp.claims()) {
            for (Regressions.Finding f : c.findings()) {
                if (f.change().isRegression()) {
                    rows.add(new String[] {c.id(), f.text()});
                }
            }
        }
        StringBuilder warnings = new StringBuilder();
        for (Regressions.ClaimComparison c : cmp.claims()) {
            for (Regressions.Finding f : c.findings()) {
                if (f.change() == Regressions.Change.TIME_WARNING) {
                    warnings.append("warning (timing, not a regression; --fail-on-time makes it one): ")
                            .append(c.id()).append(": ").append(f.text()).append('\n');
                }
            }
        }
        long n = cmp.regressionCount();
        if (n == 0) {
            return warnings + "no regressions against " + cmp.baselineName() + "\n";
        }
        return warnings + "REGRESSIONS against " + cmp.baselineName() + ":\n" + align(rows) + n
                + (n == 1 ? " claim regressed\n" : " claims regressed\n");
    }

    private static String align(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                boolean left = i <= 1;
                String cell = left ? String.format(Locale.ROOT, "%-" + w[i] + "s", r[i])
                        : String.format(Locale.ROOT, "%" + w[i] + "s", r[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The file that holds the certificates of a check beside its results.json. */
    static final String CERTIFICATES = "certificates.json";

    /**
     * The certificates written beside the single results file {@code data} comes from, or null (several sources,
     * whose certificates belong to different runs, or none there): a report of one check's results carries that
     * check's certificates along, also when it rewrites the check's own directory.
     */
    private static Path certificatesOf(ReportData data) {
        if (data.sources().size() != 1 || data.sources().get(0).file() == null) {
            return null;
        }
        Path beside = data.sources().get(0).file().toAbsolutePath().normalize().resolveSibling(CERTIFICATES);
        return Files.isRegularFile(beside) ? beside : null;
    }

    private static void put(Path dir, String name, String text, List<String> written) throws IOException {
        Files.writeString(dir.resolve(name), text);
        written.add(name);
    }

    private static String latestFinish(ReportData data) {
        Instant latest = null;
        for (ReportData.Source s : data.sources()) {
            Instant t = Instant.parse(s.results().finishedAt());
            if (latest == null || t.isAfter(latest)) {
                latest = t;
            }
        }
        return latest.toString().replaceAll("\\.[0-9]+Z$", "Z").replace("Z", "");
    }

    /** Copies figures into the report and resolves saved cases relative to where the report will live. */
    private static final class FileLinks implements Links {
        private final ReportData data;
        private final Path target;
        private final Path staging;
        private final Map<String, String> figureHrefs = new HashMap<>();
        private final Map<String, Path> figureFiles = new HashMap<>();
        private final List<String> copied = new ArrayList<>();

        FileLinks(ReportData data, Path target, Path staging) {
            this.data = data;
            this.target = target;
            this.staging = staging;
        }

        void copyFigures() throws IOException {
            int n = 0;
            for (ClaimResult c : data.claims()) {
                for (Figure f : c.figures()) {
                    Path source = data.locate(c.id(), f.path());
                    if (source == null || !Files.isRegularFile(source)) {
                        continue;
                    }
                    String name = String.format(Locale.ROOT, "figures/%02d-%s", ++n,
                            source.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"));
                    Path dest = staging.resolve(name);
                    Files.createDirectories(dest.getParent());
                    Files.copy(source, dest);
                    figureHrefs.put(key(c.id(), f), name);
                    figureFiles.put(key(c.id(), f), dest);
                    copied.add(name);
                }
            }
        }

        List<String> copied() {
            return copied;
        }

        private static String key(String claimId, Figure f) {
            return claimId + "\u0000" + f.path() + "\u0000" + f.title();
        }

        @Override
        public String figure(String claimId, Figure figure) {
            return figureHrefs.get(key(claimId, figure));
        }

        @Override
        public String figureData(String claimId, Figure figure) {
            Path p = figureFiles.get(key(claimId, figure));
            if (p == null) {
                return null;
            }
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            String type = name.endsWith(".png") ? "image/png"
                    : name.endsWith(".svg") ? "image/svg+xml"
                    : name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg" : null;
            try {
                if (type == null || Files.size(p) > MAX_EMBEDDED_FIGURE_BYTES) {
                    return null;
                }
                return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(p));
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String savedCase(String claimId, InstanceResult instance) {
            Path p = data.locate(claimId, instance.casePath());
            if (p == null) {
                return null;
            }
            return target.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
        }
    }
}
