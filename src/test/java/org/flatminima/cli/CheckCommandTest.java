package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.results.Verdict;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest extends QuietTest {
    @TempDir
    Path tmp;

    @Test
    void checkWritesValidatedResultsAndExitsZeroWhenNothingIsRefuted() {
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("check", "--claims", "lemma4,theorem2,scalar", "--instances", "2", "--max-dim", "3",
                "--max-depth", "3", "--quiet", "--out", out.toString(), "--counterexamples", tmp.resolve("cex").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("theorem2.ii"), r.out());
        Results res = ResultsIO.read(out.resolve("results.json")); // validates against the schema
        assertEquals(8, res.claims().size());
        for (ClaimResult c : res.claims()) {
            assertEquals(2, c.total());
            assertEquals(0, c.count(Verdict.REFUTED));
        }
        assertTrue(Files.exists(out.resolve("report.html")));
    }

    @Test
    void controlsRunExitsZeroOnlyBecauseEveryControlIsRefutedAndSavesAShrunkWitness() throws IOException {
        Path cex = tmp.resolve("cex");
        CliRun r = CliRun.of("check", "--controls", "--claims", "control.lemma4.factor,control.theorem1.uv-swapped", "--instances", "2",
                "--max-dim", "3", "--max-depth", "3", "--quiet", "--out", tmp.resolve("c").toString(), "--counterexamples", cex.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        Results res = ResultsIO.read(tmp.resolve("c").resolve("results.json"));
        for (ClaimResult c : res.claims()) {
            assertEquals(c.total(), c.count(Verdict.REFUTED), c.id());
        }
        try (var files = Files.list(cex.resolve("controls"))) {
            Path witness = files.filter(p -> p.toString().contains("control.lemma4.factor")).findFirst().orElseThrow();
            byte[] before = Files.readAllBytes(witness);
            CliRun replay = CliRun.of("check", "--replay", witness.toString(), "--quiet", "--out", tmp.resolve("r").toString(),
                    "--counterexamples", cex.toString());
            assertEquals(0, replay.exit(), "the replayed witness refutes its control again: " + replay.out());
            assertArrayEquals(before, Files.readAllBytes(witness), "replaying a saved witness leaves it as it was");
            ClaimResult c = ResultsIO.read(tmp.resolve("r").resolve("results.json")).claims().get(0);
            assertEquals("control.lemma4.factor", c.id());
            assertEquals(1, c.count(Verdict.REFUTED));
        }
    }

    @Test
    void aRefutedControlIsAPassingControlInAnyMode() {
        CliRun r = CliRun.of("check", "--claims", "control.lemma3.factor-one", "--instances", "1", "--max-dim", "2",
                "--max-depth", "2", "--quiet", "--out", tmp.resolve("x").toString(), "--counterexamples", tmp.resolve("cex").toString());
        assertEquals(0, r.exit(), "a refuted control is a passing control: " + r.out());
    }

    @Test
    void existingReportIsNotReplacedWithoutForce() throws IOException {
        Path out = tmp.resolve("keep");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), "mine");
        CliRun r = CliRun.of("check", "--claims", "lemma4", "--instances", "1", "--quiet", "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.errIsOneLine(), r.err());
        assertEquals("mine", Files.readString(out.resolve("results.json")));
    }

    @Test
    void badOptionsAreOneLineErrors() {
        for (String[] args : new String[][] {
                {"check", "--instances", "0"},
                {"check", "--digits", "5"},
                {"check", "--max-dim", "99"},
                {"check", "--time-limit", "-1"},
                {"check", "--claims", "theorem9"},
                {"check", "--replay", tmp.resolve("missing.json").toString()},
                {"check", "--seed", "abc"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.errIsOneLine(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void replayDecidesACorpusCaseWithTheClaimNamedInIt() throws IOException {
        Path any;
        try (var files = Files.list(Path.of("test-cases", "corpus"))) {
            any = files.filter(p -> p.getFileName().toString().startsWith("theorem1.sharpness")).findFirst().orElseThrow();
        }
        CliRun r = CliRun.of("check", "--replay", any.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("theorem1.sharpness"), r.out());
    }

    @Test
    void instancesPastTheTimeLimitAreSkippedAndSaidSo() {
        Path out = tmp.resolve("t");
        CliRun r = CliRun.of("check", "--claims", "lemma4", "--instances", "50", "--time-limit", "0.000001", "--threads", "1",
                "--quiet", "--out", out.toString());
        ClaimResult c = ResultsIO.read(out.resolve("results.json")).claims().get(0);
        // skipped instances count against the stated minimum: too few decided is INSUFFICIENT, exit 3
        assertEquals(org.flatminima.results.ClaimStatus.INSUFFICIENT, c.status());
        assertEquals(25, c.minMet());
        assertEquals(3, r.exit(), r.err());
        assertTrue(c.total() < 50, "nothing was skipped");
        assertTrue(c.hypotheses().contains("skipped: time limit"), c.hypotheses());
    }
}
