package org.flatminima.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.errors.UserError;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates and limits that must not lie: large time limits, malformed proof obligations. */
class HonestGatesTest extends QuietTest {
    @TempDir
    Path dir;

    @Test
    void aHugeTimeLimitStillRunsEveryInstance() throws Exception {
        for (String limit : new String[] {"1e10", "1e300"}) {
            Path out = dir.resolve("r-" + limit);
            CliRun r = CliRun.of("check", "--claims", "lemma4", "--instances", "2", "--max-dim", "2", "--quiet",
                    "--time-limit", limit, "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            Results res = ResultsIO.read(out.resolve("results.json"));
            assertEquals(2, res.claims().get(0).instances().size(), limit + ": every instance ran");
        }
        CliRun inf = CliRun.of("check", "--claims", "lemma4", "--time-limit", "Infinity", "--quiet");
        assertEquals(UserError.EXIT_CODE, inf.exit(), inf.err());
        // negative control: a limit already past runs none of them
        Path out = dir.resolve("r-tiny");
        CliRun r = CliRun.of("check", "--claims", "lemma4", "--instances", "50", "--max-dim", "2", "--quiet",
                "--threads", "1", "--time-limit", "1e-9", "--out", out.toString());
        assertTrue(ResultsIO.read(out.resolve("results.json")).claims().get(0).instances().size() < 50, r.out());
    }

    @Test
    void anObligationWithOutOfRangeParametersIsAMalformedFileNotAFailedStep() throws Exception {
        Path proof = dir.resolve("bad.md");
        Files.writeString(proof, "# A proof\n\n1. A step.\n   - obligation: symbolic hessian-structure dims=1000,1000,1000\n");
        CliRun r = CliRun.of("prove", proof.toString());
        assertEquals(UserError.EXIT_CODE, r.exit(), r.out() + r.err());
        assertTrue(r.errIsOneLine() && r.err().contains("bad.md:4") && r.err().contains("dims"), r.err());
        assertFalse(r.out().contains("FAILED"), r.out());
    }
}
