package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment command's contract for bad input: one line on stderr, exit 2, nothing computed. */
class ExperimentCommandTest extends QuietTest {
    @TempDir
    Path dir;

    static void assertUserError(CliRun r, String mention) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errIsOneLine(), r.err());
        assertTrue(r.err().contains(mention), r.err());
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        assertUserError(CliRun.of("experiment", "fig9", "--out", dir.resolve("o").toString()), "fig9");
        assertUserError(CliRun.of("experiment", "all", "--shard", "3/2", "--out", dir.resolve("o").toString()),
                "3/2");
        assertUserError(CliRun.of("experiment", "all", "--shard", "x", "--out", dir.resolve("o").toString()), "x");
        assertUserError(CliRun.of("experiment", "all", "--scale", "huge", "--out", dir.resolve("o").toString()),
                "huge");
        assertUserError(CliRun.of("experiment", "all", "--loss-scale", "pixel", "--out", dir.resolve("o").toString()),
                "pixel");
        assertUserError(CliRun.of("experiment", "merge", "--out", dir.resolve("m").toString()), "merge");
        assertUserError(CliRun.of("experiment", "merge", dir.resolve("nothing").toString(), "--out",
                dir.resolve("m").toString()), "plan.json");
        assertFalse(Files.exists(dir.resolve("o")), "nothing written for a rejected command line");
    }

    @Test
    void missingDataIsAOneLineError() {
        CliRun r = CliRun.of("experiment", "fig4", "--quiet", "--data", dir.resolve("empty").toString(), "--out",
                dir.resolve("o").toString());
        assertUserError(r, "MNIST data not found");
    }

    @Test
    void slurmScriptsAreWrittenWithoutRunningAndBadSlurmOptionsAreOneLineErrors() throws Exception {
        Path jobs = dir.resolve("jobs");
        CliRun r = CliRun.of("experiment", "all", "--scale", "paper", "--out", dir.resolve("run").toString(),
                "--emit-slurm", jobs.toString(), "--array-size", "40", "--threads", "4");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(jobs.resolve("array.sbatch")).contains("--array=1-40"));
        assertFalse(Files.exists(dir.resolve("run")), "emitting scripts runs nothing");
        assertUserError(CliRun.of("experiment", "all", "--emit-slurm", jobs.toString(), "--array-size", "0"),
                "--array-size");
        assertUserError(CliRun.of("experiment", "all", "--emit-slurm", jobs.toString(), "--threads", "0"),
                "--threads");
        assertUserError(CliRun.of("experiment", "all", "--emit-slurm", jobs.toString(), "--slurm-time", "soon"),
                "soon");
        assertUserError(CliRun.of("experiment", "table", "--out", dir.resolve("t.md").toString()), "table");
        assertUserError(CliRun.of("experiment", "table", dir.resolve("nothing").toString(), "--out",
                dir.resolve("t.md").toString()), "plan.json");
        assertUserError(CliRun.of("experiment", "costs", "--scale", "paper"), "--out");
        assertUserError(CliRun.of("experiment", "all", "--depths", "5-2", "--out", dir.resolve("o").toString()),
                "--depths");
        assertUserError(CliRun.of("experiment", "all", "--emit-slurm", jobs.toString(), "--heavy-from", "-1"),
                "--heavy-from");
    }

    @Test
    void shardsParse() {
        assertArrayEquals(new int[] {1, 1}, ExperimentCommand.parseShard(null));
        assertArrayEquals(new int[] {3, 40}, ExperimentCommand.parseShard("3/40"));
    }
}
