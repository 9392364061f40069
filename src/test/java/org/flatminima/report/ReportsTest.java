package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.DecimalText;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flatminima.results.Verdict;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest extends QuietTest {
    @TempDir
    Path dir;

    @Test
    void writeAllLeavesACompleteReportDirectory() throws IOException {
        Results r = ResultsFixtures.sample();
        Path out = dir.resolve("reports/latest");
        List<String> files = Reports.writeAll(r, out, false);
        assertEquals(List.of("results.json", "report.md", "report.html", "junit.xml"), files);
        assertEquals(r, ResultsIO.read(out.resolve("results.json")));
    }

    @Test
    void sharpnessPlotHasOnePointPerRecordedValue() {
        Results r = ResultsFixtures.sample();
        ClaimResult t1 = r.claim("theorem-1").orElseThrow();
        long expected = t1.instances().stream().mapToLong(i -> (i.details().containsKey("flattest_sharpness") ? 1 : 0)
                + (i.details().containsKey("lambda_max") ? 1 : 0)).sum();
        assertTrue(expected > t1.instances().size(), "the sample records lambda_max on some instances");
        assertEquals(expected, SvgCharts.sharpnessPoints(r.claims()).size());
        String svg = SvgCharts.sharpness(r.claims());
        assertEquals(expected, svg.split("<title>seed ", -1).length - 1);
        // Without Theorem 1 depth details there is no plot.
        assertEquals(null, SvgCharts.sharpness(List.of(ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 1,
                Verdict.PROVED))));
    }

    @Test
    void sharpnessPlotReadsExactFractionsAndDepthFromDims() {
        ClaimResult c = new ClaimRecorder("theorem1.sharpness", ClaimKind.THEOREM, "Theorem 1", "s")
                .add(InstanceResult.of(1, "f", List.of(2, 2, 2, 2), Verdict.PROVED, "exact")
                        .withDetail("predicted", "2000/2").withDetail("lambda_max_approx", "1.0e3"))
                .add(InstanceResult.of(2, "f", List.of(2, 2), Verdict.PROVED, "exact")
                        .withDetail("predicted", "12 (exact)"))
                .finish();
        List<SvgCharts.SharpnessPoint> pts = SvgCharts.sharpnessPoints(List.of(c));
        assertEquals(List.of(new SvgCharts.SharpnessPoint(3, 3.0, SvgCharts.FLATTEST, 1, "2000/2"),
                new SvgCharts.SharpnessPoint(3, 3.0, SvgCharts.MEASURED, 1, "1.0e3")), pts);
        assertEquals(null, SvgCharts.log10OfPositive("-1/2"));
        assertEquals(null, SvgCharts.log10OfPositive("0"));
        assertEquals(-Math.log10(3), SvgCharts.log10OfPositive("1/3"), 1e-15);
    }

    @Test
    void marginPlotHasOneDotPerInstanceWithAMargin() {
        Results r = ResultsFixtures.sample();
        long expected = r.claims().stream().mapToLong(c -> ClaimRecorder.margins(c.instances()).size()).sum();
        String svg = SvgCharts.margins(r.claims());
        assertEquals(expected, svg.split("<circle ", -1).length - 1);
    }

    @Test
    void log10IsAccurateOutsideDoubleRange() {
        assertEquals(-400.0, SvgCharts.log10(new BigDecimal("1e-400")), 1e-12);
        assertEquals(500 + Math.log10(2.5), SvgCharts.log10(new BigDecimal("2.5e500")), 1e-12);
        assertEquals(0.0, SvgCharts.log10(BigDecimal.ONE), 0.0);
    }

    @Test
    void shortNumbersKeepThreeSignificantDigits() {
        assertEquals("1.23e-30", DecimalText.shortText(new BigDecimal("1.2345e-30"), 3));
        assertEquals("0.00123", DecimalText.shortText(new BigDecimal("0.0012345"), 3));
        assertEquals("-0.5", DecimalText.shortText(new BigDecimal("-0.50"), 3));
        assertEquals("1.23e7", DecimalText.shortText(new BigDecimal("12345678"), 3));
    }

    @Test
    void latexEscapesSpecialCharacters() {
        assertEquals("a\\_b \\& 50\\% \\$x\\$ \\{\\}", LatexReport.tex("a_b & 50% $x$ {}"));
        assertEquals("$1.5\\times 10^{-30}$", LatexReport.texNumber("1.5e-30"));
    }
}
