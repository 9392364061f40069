package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.io.Json;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeriveProveCommandTest extends QuietTest {
    @TempDir
    Path dir;

    @Test
    void deriveWritesAStepByStepScalarDerivation() {
        CliRun r = CliRun.of("derive", "--dims", "1,1,1", "--sigma", "symbolic");
        assertEquals(0, r.exit(), r.err());
        for (String part : new String[] {"## 2. Gradient", "## 3. Hessian blocks", "## 4. On the set of global minima",
                "## 5. Factorisation", "## 6. Rank", "## 7. Scalar network", "PROVED-SYMBOLIC scalar-lagrange m=2",
                "$(+,+)$, $(-,-)$", "## Check yourself"}) {
            assertTrue(r.out().contains(part), part);
        }
    }

    @Test
    void deriveJsonGivesEntriesAsSymjaAndLatex() throws Exception {
        Path out = dir.resolve("d.json");
        CliRun r = CliRun.of("derive", "--dims", "1,2,1", "--format", "json", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        var root = Json.mapper().readTree(Files.readString(out));
        assertEquals(4, root.get("hessian").size());
        assertTrue(root.get("hessian").get(0).get(0).has("latex"));
        assertEquals("PROVED", root.get("lemma3").get("status").asText());
        CliRun again = CliRun.of("derive", "--dims", "1,2,1", "--format", "json", "--out", out.toString());
        assertEquals(2, again.exit());
        assertTrue(again.errIsOneLine(), again.err());
    }

    @Test
    void deriveWithAFixedSigmaAndPlantedTarget() throws Exception {
        Path sigma = dir.resolve("s.json");
        Files.writeString(sigma, "{\"sigma_x\": [[2, \"1/2\"], [\"1/2\", 1]]}");
        CliRun r = CliRun.of("derive", "--dims", "2,1,2", "--sigma", sigma.toString(), "--target", "product",
                "--format", "tex");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("\\documentclass"));
        assertTrue(r.out().contains("PROVED-SYMBOLIC hessian-structure dims=2,1,2 sigma=fixed"));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path sigma = dir.resolve("bad.json");
        Files.writeString(sigma, "[[1, 2], [2, 1]]");
        for (String[] args : new String[][] {
            {"derive", "--dims", "2,x"},
            {"derive", "--dims", "5,5,5"},
            {"derive", "--dims", "2,2,2", "--sigma", sigma.toString()},
            {"derive", "--dims", "2,2,2", "--sigma", dir.resolve("missing.json").toString()},
            {"derive", "--dims", "2,2", "--format", "pdf"},
            {"derive"},
            {"prove", dir.resolve("missing.md").toString()},
        }) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.errIsOneLine(), r.err());
        }
    }

    @Test
    void proveReportsEachStepAndFailsOnARefutedIdentity() throws Exception {
        Path good = dir.resolve("good.md");
        Files.writeString(good, "# Good\n\n1. Lemma 3 for a tiny net.\n"
                + "   - obligation: symbolic hessian-structure dims=1,2,1\n"
                + "2. Checked by the theorem checker.\n   - obligation: checked scalar.eq13 instances=3\n"
                + "3. A claim the checker does not know.\n   - obligation: checked no.such-claim instances=3\n");
        Path report = dir.resolve("prove.json");
        CliRun ok = CliRun.of("prove", good.toString(), "--json", report.toString());
        assertEquals(0, ok.exit(), ok.err());
        var root = Json.mapper().readTree(Files.readString(report));
        assertEquals(1, root.get("summary").get("PROVED-SYMBOLIC").asInt());
        assertEquals("CHECKED", root.get("files").get(0).get("steps").get(1).get("status").asText());
        assertEquals("OPEN", root.get("files").get(0).get("steps").get(2).get("status").asText());
        assertTrue(ok.out().contains("PROVED-SYMBOLIC"), ok.out());
        assertTrue(ok.out().contains("OPEN"), ok.out());
        assertTrue(ok.out().contains("1 proved-symbolic, 1 checked, 1 open, 0 failed"), ok.out());
        assertTrue(ok.out().contains("on 3 instances"), ok.out());
        Path bad = dir.resolve("bad.md");
        Files.writeString(bad, "# Bad\n\n1. A wrong factor.\n"
                + "   - obligation: symbolic hessian-structure dims=1,2,1 factor=1\n");
        CliRun failed = CliRun.of("prove", bad.toString());
        assertEquals(ProveCommand.EXIT_FAILED, failed.exit());
        assertTrue(failed.out().contains("REFUTED") && failed.out().contains("residual"), failed.out());
        assertFalse(failed.out().contains("0 failed"));
    }

    @Test
    void committedDerivationIsWhatTheCommandGenerates() throws Exception {
        CliRun r = CliRun.of("derive", "--dims", "1,1,1", "--sigma", "symbolic", "--target", "symbolic");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(Path.of("proofs/derivations/scalar-m2.md")), r.out(),
                "proofs/derivations is stale: run flatminima derive --all-examples --force");
        CliRun tex = CliRun.of("derive", "--dims", "1,1,1", "--sigma", "symbolic", "--target", "symbolic", "--format",
                "tex");
        assertEquals(Files.readString(Path.of("proofs/derivations/scalar-m2.tex")), tex.out(),
                "proofs/derivations is stale: run flatminima derive --all-examples --force");
    }

    @Test
    void htmlWithoutTheKatexArchiveIsAOneLineError() throws Exception {
        String before = System.getProperty("flatminima.katex");
        try {
            System.setProperty("flatminima.katex", dir.resolve("missing.tgz").toString());
            CliRun r = CliRun.of("derive", "--dims", "1,1,1", "--format", "html");
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.errIsOneLine() && r.err().contains("KaTeX not found") && r.err().contains("scripts/setup"),
                    r.err());
            Path altered = dir.resolve("katex-0.19.1.tgz");
            Files.write(altered, new byte[] {31, -117, 8, 0, 1, 2, 3});
            System.setProperty("flatminima.katex", altered.toString());
            CliRun bad = CliRun.of("derive", "--all-examples", "--out-dir", dir.resolve("d").toString());
            assertEquals(2, bad.exit(), bad.err());
            assertTrue(bad.errIsOneLine() && bad.err().contains("integrity check"), bad.err());
            assertFalse(Files.exists(dir.resolve("d")), "nothing written when KaTeX is unusable");
        } finally {
            if (before == null) {
                System.clearProperty("flatminima.katex");
            } else {
                System.setProperty("flatminima.katex", before);
            }
        }
    }
}
