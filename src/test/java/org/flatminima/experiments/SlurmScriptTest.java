package org.flatminima.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emitted Slurm scripts and the dated Markdown blocks of the docs. */
class SlurmScriptTest {
    @TempDir
    Path dir;

    static SlurmScript.Options options(ExperimentPlan plan, int shards, int threads) {
        return new SlurmScript.Options("all", plan, Set.copyOf(ExperimentPlan.FIGURES), shards, threads, threads,
                16L << 30, "/opt/flatminima/flatminima", Path.of("/scratch/run"), "2:00:00", null);
    }

    @Test
    void theArrayShardsTheRunAndTheMergeWaitsForItsSuccess() throws IOException {
        List<String> files = SlurmScript.write(dir, options(ExperimentPlan.quick(), 12, 4));
        assertEquals(List.of("array.sbatch", "merge.sbatch", "submit.sh", "resubmit.sh"), files);
        String array = Files.readString(dir.resolve("array.sbatch"));
        assertTrue(array.contains("#SBATCH --array=1-12"), array);
        assertTrue(array.contains("--shard \"$i/12\" --resume"), array);
        assertTrue(array.contains("#SBATCH --cpus-per-task=4") && array.contains("OPENBLAS_NUM_THREADS=4"), array);
        String submit = Files.readString(dir.resolve("submit.sh"));
        assertTrue(submit.contains("--dependency=afterok$deps") && submit.contains("deps=\"$deps:${jid%%;*}\""),
                submit);
        String merge = Files.readString(dir.resolve("merge.sbatch"));
        assertTrue(merge.contains("experiment merge") && merge.contains("/scratch/run/shard-12\""), merge);
        assertTrue(merge.contains("--resume --quiet --out \"/scratch/run/merged\""), "follow-ups after the merge");
        String again = Files.readString(dir.resolve("resubmit.sh"));
        assertTrue(again.contains("--array=\"$list\"") && again.contains("done/shard-$i"), again);
        assertTrue(Files.isExecutable(dir.resolve("submit.sh")));
    }

    @Test
    void theDeepTasksGetTheirOwnMultiThreadedArray() throws IOException {
        List<String> files = SlurmScript.write(dir, options(ExperimentPlan.paper(), 40, 8), 12);
        assertEquals(List.of("array-light.sbatch", "array-heavy.sbatch", "merge.sbatch", "submit.sh", "resubmit.sh"),
                files);
        String light = Files.readString(dir.resolve("array-light.sbatch"));
        String heavy = Files.readString(dir.resolve("array-heavy.sbatch"));
        assertTrue(light.contains("--depths 0-11") && light.contains("OPENBLAS_NUM_THREADS=1"), light);
        assertTrue(heavy.contains("--depths 12-999") && heavy.contains("OPENBLAS_NUM_THREADS=8")
                && heavy.contains("--cpus-per-task=8"), heavy);
        int nl = Integer.parseInt(light.replaceAll("(?s).*--array=1-(\\d+).*", "$1"));
        int nh = Integer.parseInt(heavy.replaceAll("(?s).*--array=1-(\\d+).*", "$1"));
        assertEquals(40, nl + nh);
        assertTrue(nh > nl, "the deep half of the paper plan costs more: " + nl + " / " + nh);
        String merge = Files.readString(dir.resolve("merge.sbatch"));
        assertTrue(merge.contains("shard-light-" + nl + "\"") && merge.contains("shard-heavy-" + nh + "\""), merge);
        String submit = Files.readString(dir.resolve("submit.sh"));
        assertEquals(2, submit.split("deps=\"\\$deps:", -1).length - 1, submit);
    }

    @Test
    void memoryRequestsFollowThePlansEstimates() throws IOException {
        long quick = SlurmScript.heapFor(ExperimentPlan.quick(), ExperimentTask.plan(ExperimentPlan.quick(),
                Set.of("fig4")), 16L << 30);
        long paper = SlurmScript.heapFor(ExperimentPlan.paper(), ExperimentTask.plan(ExperimentPlan.paper(),
                Set.of("fig4")), 16L << 30);
        assertTrue(paper > 4 * quick, "784-wide, 20-layer tasks need more than 49-wide ones: " + paper + " vs " + quick);
        assertTrue(paper <= 16L << 30);
        SlurmScript.write(dir, options(ExperimentPlan.paper(), 40, 1));
        String array = Files.readString(dir.resolve("array.sbatch"));
        assertTrue(array.contains("-Xmx" + (paper >> 20) + "m"), array);
        assertTrue(array.contains("#SBATCH --mem=" + SlurmScript.slurmMem(paper)), array);
    }

    @Test
    void aBlockIsReplacedInPlaceAndTheRestOfTheDocumentKept() throws IOException {
        Path doc = dir.resolve("doc.md");
        Files.writeString(doc, "# Title\n\nkept before\n");
        VerdictTable.replaceBlock(doc, "<!-- x begin -->", "<!-- x end -->", "<!-- x begin -->\none\n<!-- x end -->\n");
        Files.writeString(doc, Files.readString(doc) + "\nkept after\n");
        VerdictTable.replaceBlock(doc, "<!-- x begin -->", "<!-- x end -->", "<!-- x begin -->\ntwo\n<!-- x end -->\n");
        String text = Files.readString(doc);
        assertEquals("# Title\n\nkept before\n\n<!-- x begin -->\ntwo\n<!-- x end -->\n\nkept after\n", text);
    }

    @Test
    void theVerdictTableOfARunIsDatedAndNamesEveryClaim() throws IOException {
        Path run = dir.resolve("run");
        Experiments.run(ExperimentsTest.tiny(), Set.of("linear"), run, false, false, 1, 1,
                () -> ExperimentData.of(ExperimentsTest.tiny(), ExperimentsTest.digits(80, 5)), List.of("t"),
                Experiments.Listener.NONE);
        String b = VerdictTable.block(run, ZonedDateTime.of(2026, 12, 7, 5, 0, 0, 0, ZoneOffset.UTC));
        assertTrue(b.contains("2026-12-07 05:00 UTC"), b);
        assertTrue(b.contains("`sec6-linear-theorem1`"), b);
        assertTrue(b.startsWith("<!-- verdicts:tiny begin -->") && b.trim().endsWith("<!-- verdicts:tiny end -->"));
    }
}
