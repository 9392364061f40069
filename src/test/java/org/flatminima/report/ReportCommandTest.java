package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flatminima.results.Verdict;
import org.flatminima.cli.ReportCommand;
import org.flatminima.errors.UserError;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportCommandTest extends QuietTest {
    @TempDir
    Path dir;

    private Path write(String name, Results r) {
        Path p = dir.resolve(name);
        ResultsIO.write(r, p, false);
        return p;
    }

    @Test
    void writesEveryReportFile() throws IOException {
        Path results = write("results.json", ResultsFixtures.sample());
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("report", results.toString(), "--out", out.toString(), "--tex");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        for (String f : List.of("results.json", "report.md", "report.html", "junit.xml", "report.tex")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(ResultsFixtures.sample(), ResultsIO.read(out.resolve("results.json")));
        assertTrue(Pattern.compile("(?m)^theorem-4 +UNDECIDED +16 ").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("report written to " + out), r.out());
    }

    @Test
    void markdownTableHasOneRowPerClaimWithItsCounts() throws IOException {
        Results sample = ResultsFixtures.sample();
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("report", write("r.json", sample).toString(), "--out", out.toString()).exit());
        String md = Files.readString(out.resolve("report.md"));
        for (ClaimResult c : sample.claims()) {
            Matcher m = Pattern.compile("^\\| \\[" + Pattern.quote(c.id()) + "\\]\\(#claim-[^)]*\\) \\|(.*)$",
                    Pattern.MULTILINE).matcher(md);
            assertTrue(m.find(), "no table row for " + c.id());
            String[] cells = m.group(1).split(" \\| ");
            // title, statement, status, weakest verdict, kind, instances, then the counts in Verdict order.
            assertEquals(c.weakestVerdict() == null ? "-" : ReportText.heading(c.weakestVerdict()), cells[3].trim());
            assertEquals(Integer.toString(c.total()), cells[5].trim());
            for (Verdict v : Verdict.values()) {
                assertEquals(Integer.toString(c.count(v)), cells[6 + v.ordinal()].trim(), c.id() + " " + v);
            }
        }
    }

    @Test
    void htmlIsSelfContained() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("report", write("r.json", ResultsFixtures.sample()).toString(), "--out",
                out.toString()).exit());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<table class=\"sortable claims\" id=\"claims-paper\">"));
        assertTrue(html.contains("aria-label=\"Margins per claim"));
        assertTrue(html.contains("aria-label=\"Theorem 1: sharpness against depth"));
        // Nothing is fetched: no external src/href, stylesheet or script; the only URL is the SVG namespace.
        String stripped = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//").matcher(stripped).find());
        assertFalse(stripped.contains("http://") || stripped.contains("https://"), "external URL in the page");
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("@import"));
    }

    @Test
    void junitHasOneCasePerClaimFailedWhenRefutedSkippedWhenUndecided() throws Exception {
        Results base = ResultsFixtures.sample();
        Results broken = RegressionsTest.replaceInstance(base, "lemma-3", 0, i -> new InstanceResult(i.seed(),
                i.family(), i.dims(), Verdict.REFUTED, "exact rational identity", "-1", null, i.details(), null));
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("report", write("r.json", broken).toString(), "--out", out.toString()).exit());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(base.claims().size(), cases.getLength());
        int failed = 0;
        int skipped = 0;
        for (int k = 0; k < cases.getLength(); k++) {
            Element e = (Element) cases.item(k);
            String name = e.getAttribute("name");
            boolean isFailed = e.getElementsByTagName("failure").getLength() > 0;
            boolean isSkipped = e.getElementsByTagName("skipped").getLength() > 0;
            failed += isFailed ? 1 : 0;
            skipped += isSkipped ? 1 : 0;
            assertEquals(name.startsWith("lemma-3:"), isFailed, name);
            assertEquals(name.startsWith("theorem-4:") || name.startsWith("conjecture-sigma:"), isSkipped, name);
        }
        assertEquals(1, failed);
        assertEquals(2, skipped);
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void counterexamplesLinkToTheirSavedCases() throws IOException {
        Path saved = dir.resolve("test-cases/found/lemma-3-seed.json");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, "{}");
        Results broken = RegressionsTest.replaceInstance(ResultsFixtures.sample(), "lemma-3", 1, i -> new InstanceResult(
                i.seed(), i.family(), i.dims(), Verdict.REFUTED, "exact rational identity", "-1", null, i.details(),
                "test-cases/found/lemma-3-seed.json"));
        long seed = broken.claim("lemma-3").orElseThrow().instances().get(1).seed();
        Path out = dir.resolve("reports/latest");
        assertEquals(0, CliRun.of("report", write("r.json", broken).toString(), "--out", out.toString()).exit());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| lemma-3 | " + Long.toUnsignedString(seed) + " | "), md);
        assertTrue(md.contains("[test-cases/found/lemma-3-seed.json](../../test-cases/found/lemma-3-seed.json)"), md);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("id=\"counterexample-table\""));
        assertTrue(html.contains("<a href=\"../../test-cases/found/lemma-3-seed.json\">"), "case link in the page");
        assertTrue(out.resolve("../../test-cases/found/lemma-3-seed.json").normalize().toFile().isFile());
    }

    @Test
    void seededRegressionTurnsTheComparisonRed() throws IOException {
        Results base = ResultsFixtures.sample();
        Results weaker = RegressionsTest.replaceInstance(base, "theorem-1", 2, i -> new InstanceResult(i.seed(),
                i.family(), i.dims(), Verdict.NUMERICAL, "double eigenvalue, tolerance 1e-12", i.margin(), "1e-12",
                i.details(), null));
        Path b = write("baseline.json", base);
        Path c = write("current.json", weaker);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("report", "--baseline", b.toString(), c.toString(), "--out", out.toString());
        assertEquals(ReportCommand.EXIT_REGRESSION, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("REGRESSIONS against"), r.out());
        assertTrue(r.out().contains("theorem-1  weakest verdict CERTIFIED -> NUMERICAL"), r.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| theorem-1 | **REGRESSED** |"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("1 claim regressed"));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<testsuite name=\"flatminima.regressions\""), junit);
        assertTrue(junit.contains("type=\"REGRESSION\" message=\"weakest verdict CERTIFIED -&gt; NUMERICAL\""), junit);

        // The same comparison against itself is green.
        CliRun same = CliRun.of("report", "--baseline", b.toString(), b.toString(), "--out", out.toString(), "--force");
        assertEquals(0, same.exit(), same.out());
        assertTrue(same.out().contains("no regressions against"), same.out());
    }

    @Test
    void slowerRunRegressesOnlyPastTheGivenTimeFactor() {
        Results base = ResultsFixtures.results(ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 2, Verdict.PROVED));
        Results slow = ResultsFixtures.results(ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 9, Verdict.PROVED));
        Path b = write("b.json", base);
        Path c = write("c.json", slow);
        assertEquals(1, CliRun.of("report", "--baseline", b.toString(), c.toString(), "--out",
                dir.resolve("o1").toString(), "--fail-on-time").exit());
        assertEquals(0, CliRun.of("report", "--baseline", b.toString(), c.toString(), "--time-factor", "5",
                "--out", dir.resolve("o2").toString(), "--fail-on-time").exit());
        // without --fail-on-time a slower run is a warning: wall times swing with the machine's load
        CliRun warned = CliRun.of("report", "--baseline", b.toString(), c.toString(), "--out",
                dir.resolve("o3").toString());
        assertEquals(0, warned.exit(), warned.err());
        assertTrue(warned.out().contains("warning (timing") && warned.out().contains("no regressions"), warned.out());
    }

    @Test
    void resultsFilesMerge() throws IOException {
        ClaimResult t1a = ResultsFixtures.claimWith("theorem-1", ClaimKind.THEOREM, 1, Verdict.PROVED, Verdict.PROVED);
        ClaimResult t1b = ResultsFixtures.claimWith("theorem-1", ClaimKind.THEOREM, 2, Verdict.CERTIFIED);
        ClaimResult exp = new ClaimRecorder("experiment-fig4", ClaimKind.EXPERIMENT, "Fig. 4", "sharpness vs depth")
                .timeSeconds(30).figure("sharpness against depth", "fig4.svg")
                .add(InstanceResult.of(5, "mnist-denoise", List.of(784, 784), Verdict.NUMERICAL, "power method")).finish();
        Files.writeString(dir.resolve("fig4.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");
        Path a = write("check-a.json", ResultsFixtures.results(t1a));
        Path b = write("check-b.json", ResultsFixtures.results(t1b, exp));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("report", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Results merged = ResultsIO.read(out.resolve("results.json"));
        ClaimResult t1 = merged.claim("theorem-1").orElseThrow();
        assertEquals(2, t1.count(Verdict.PROVED));
        assertEquals(1, t1.count(Verdict.CERTIFIED));
        assertEquals(3.0, t1.timeSeconds());
        assertTrue(merged.claim("experiment-fig4").isPresent());
        assertTrue(Files.exists(out.resolve("figures/01-fig4.svg")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("src=\"data:image/svg+xml;base64,"), "figure must be embedded");
    }

    @Test
    void mergingConflictingKindsIsOneLineError() {
        Path a = write("a.json", ResultsFixtures.results(
                ResultsFixtures.claimWith("lemma-4", ClaimKind.LEMMA, 1, Verdict.PROVED)));
        Path b = write("b.json", ResultsFixtures.results(
                ResultsFixtures.claimWith("lemma-4", ClaimKind.CONTROL, 1, Verdict.REFUTED)));
        CliRun r = CliRun.of("report", a.toString(), b.toString(), "--out", dir.resolve("o").toString());
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine(), r.err());
        assertTrue(r.err().contains("disagree on its kind"), r.err());
    }

    @Test
    void existingReportIsKeptWithoutForceAndReplacedWithIt() throws IOException {
        Path results = write("r.json", ResultsFixtures.sample());
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("report", results.toString(), "--out", out.toString()).exit());
        Files.writeString(out.resolve("report.md"), "previous report");
        CliRun r = CliRun.of("report", results.toString(), "--out", out.toString());
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine(), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals("previous report", Files.readString(out.resolve("report.md")));
        assertEquals(0, CliRun.of("report", results.toString(), "--out", out.toString(), "--force").exit());
        assertTrue(Files.readString(out.resolve("report.md")).startsWith("# flatminima report"));
    }

    @Test
    void badInputsAreOneLineErrorsAndNeverDestroyThePreviousReport() throws IOException {
        Path good = write("r.json", ResultsFixtures.sample());
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("report", good.toString(), "--out", out.toString()).exit());
        String before = Files.readString(out.resolve("report.html"));

        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "this is not json");
        Path foreign = dir.resolve("foreign.json");
        Files.writeString(foreign, "{\"name\": \"package.json of something else\", \"version\": \"1.0\"}");
        Path truncated = dir.resolve("truncated.json");
        String full = Files.readString(good);
        Files.writeString(truncated, full.substring(0, full.length() / 2));
        List<List<String>> bad = List.of(
                List.of(notJson.toString()),
                List.of(foreign.toString()),
                List.of(truncated.toString()),
                List.of(dir.resolve("missing.json").toString()),
                List.of(good.toString(), "--baseline", foreign.toString()),
                List.of(good.toString(), "--time-factor", "0.5"),
                List.of(good.toString(), "--time-factor", "fast"),
                List.of(good.toString(), "--margin-threshold", "-1"),
                List.of());
        for (List<String> args : bad) {
            String[] argv = new String[args.size() + 4];
            argv[0] = "report";
            for (int k = 0; k < args.size(); k++) {
                argv[k + 1] = args.get(k);
            }
            argv[args.size() + 1] = "--out";
            argv[args.size() + 2] = out.toString();
            argv[args.size() + 3] = "--force";
            CliRun r = CliRun.of(argv);
            assertEquals(UserError.EXIT_CODE, r.exit(), args + ": " + r.err());
            assertTrue(r.errIsOneLine(), args + ": " + r.err());
            assertEquals(before, Files.readString(out.resolve("report.html")), args.toString());
        }
        CliRun r = CliRun.of("report", notJson.toString(), "--out", out.toString(), "--force");
        assertTrue(r.err().startsWith("flatminima: " + notJson + ": not a results file of this tool (malformed JSON"),
                r.err());
    }
}
