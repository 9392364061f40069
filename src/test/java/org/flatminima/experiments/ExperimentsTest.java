package org.flatminima.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flatminima.data.Digits;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.nn.LossScale;
import org.flatminima.nn.Precision;
import org.flatminima.nn.Trainer;
import org.flatminima.nn.TrainingConfig;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharding, merging, resuming and the files a run leaves, on a tiny grid of synthetic digits. */
class ExperimentsTest extends QuietTest {
    static ExperimentData data;
    static final Set<String> ALL = new LinkedHashSet<>(ExperimentPlan.FIGURES);

    @TempDir
    Path dir;

    /** 4x4 synthetic "digits": a few blob shapes with random intensity, so the denoiser has structure. */
    static Digits digits(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] px = new float[count * 16];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
            double a = 0.5 + 0.5 * rnd.nextDouble();
            for (int p = 0; p < 16; p++) {
                double shape = ((p * 7 + labels[i] * 3) % 5) / 4.0;
                px[i * 16 + p] = (float) Math.min(1, Math.max(0, a * shape + 0.05 * rnd.nextGaussian()));
            }
        }
        return new Digits(count, 4, px, labels, "synthetic 4x4 test digits");
    }

    static ExperimentPlan tiny() {
        return new ExperimentPlan("tiny", 4, 60, 1.25, 3, Precision.FLOAT64, LossScale.ELEMENT, new int[] {2, 3, 4},
                ExperimentPlan.ladder(4, 4), 30, 8, 0.5, 1e3, 0.01, 1, 2, 1, 12, 3, 2, 0, 30, 1e-2, 30, 8, 4, 3, 7, 12);
    }

    @BeforeAll
    static void data() {
        data = ExperimentData.of(tiny(), digits(80, 5));
    }

    static Experiments.Summary run(Path out, Set<String> figs, boolean resume, int i, int n) {
        return Experiments.run(tiny(), figs, out, resume, false, i, n, () -> data, List.of("test"),
                Experiments.Listener.NONE);
    }

    /** Every task's spec and result (timing excluded), by file name. */
    static TreeMap<String, JsonNode> taskResults(Path out) throws IOException {
        TreeMap<String, JsonNode> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(out.resolve("tasks"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode n = Experiments.readTask(p);
                m.put(p.getFileName().toString(), ((com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy())
                        .without("timing"));
            }
        }
        return m;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    @Test
    void shardedRunsMergedEqualTheUnshardedRun() throws IOException {
        Path whole = dir.resolve("whole");
        Experiments.Summary w = run(whole, ALL, false, 1, 1);
        assertEquals(0, w.missing());
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Experiments.Summary sa = run(a, ALL, false, 1, 2);
        Experiments.Summary sb = run(b, ALL, false, 2, 2);
        Set<String> ids = new HashSet<>();
        ids.addAll(taskResults(a).keySet());
        Set<String> inB = taskResults(b).keySet();
        for (String id : inB) {
            assertFalse(ids.contains(id), "shards overlap on " + id);
        }
        Path merged = dir.resolve("merged");
        Experiments.Summary m = Experiments.merge(List.of(a, b), merged, false, List.of("merge"));
        assertTrue(m.missing() > 0, "the follow-up tasks are still missing after the merge");
        Experiments.Summary rest = run(merged, ALL, true, 1, 1);
        assertTrue(rest.ran() >= m.missing(), "resume on the merged directory runs the follow-up tasks");
        assertEquals(0, rest.missing());
        assertTrue(taskResults(whole).containsKey("fig6-sgd-seed1.json"), "the sweep gave Fig. 6 its SGD step");
        assertTrue(taskResults(whole).keySet().stream().anyMatch(f -> f.contains("-r1")), "the edge was refined");
        assertEquals(taskResults(whole), taskResults(merged));
        for (String f : List.of("fig4/fig4.csv", "fig5/fig5.csv", "fig6/fig6.csv", "fig7/fig7.csv", "linear/linear.csv",
                "verdicts.json")) {
            assertEquals(read(whole.resolve(f)), read(merged.resolve(f)), f);
        }
        Results r1 = ResultsIO.read(whole.resolve("results.json"));
        Results r2 = ResultsIO.read(merged.resolve("results.json"));
        assertEquals(r1.claims().stream().map(c -> c.id() + c.status() + c.worstMargin()).toList(),
                r2.claims().stream().map(c -> c.id() + c.status() + c.worstMargin()).toList());
        assertEquals(7, r1.claims().size());
    }

    @Test
    void resumeSkipsFinishedTasksAndGivesTheSameResult() throws IOException {
        Path out = dir.resolve("run");
        Set<String> figs = Set.of("fig4");
        Experiments.Summary first = run(out, figs, false, 1, 1);
        assertTrue(first.ran() > 0);
        TreeMap<String, JsonNode> before = taskResults(out);
        String verdicts = read(out.resolve("verdicts.json"));
        UserError e = assertThrows(UserError.class, () -> run(out, figs, false, 1, 1));
        assertEquals(Problem.EXPERIMENT_OUT_EXISTS, e.problem());
        Experiments.Summary again = run(out, figs, true, 1, 1);
        assertEquals(0, again.ran());
        assertEquals(first.ran(), again.skipped());
        Files.delete(out.resolve("tasks").resolve("fig4-k1-m03-s01.json"));
        Experiments.Summary partial = run(out, figs, true, 1, 1);
        assertEquals(1, partial.ran());
        assertEquals(before, taskResults(out));
        assertEquals(verdicts, read(out.resolve("verdicts.json")));
    }

    @Test
    void aDepthSelectionRunsOnlyThoseDepthsAndLeavesTheFiguresToTheMerge() throws IOException {
        Path out = dir.resolve("deep");
        Experiments.Summary s = Experiments.run(tiny(), Set.of("linear"), out, false, false, 1, 1, new int[] {3, 4},
                () -> data, List.of("test"), Experiments.Listener.NONE);
        assertEquals(2 * ExperimentTask.LINEAR_STEPS.length, s.ran(), "depths 3 and 4 of 2, 3, 4");
        assertTrue(taskResults(out).keySet().stream().noneMatch(f -> f.contains("-m02-")));
        assertFalse(Files.exists(out.resolve("verdicts.json")), "a selection writes no verdicts");
    }

    @Test
    void resumeRefusesADirectoryMadeWithOtherSettings() {
        Path out = dir.resolve("run");
        run(out, Set.of("linear"), false, 1, 1);
        ExperimentPlan other = tiny().withLossScale(LossScale.SAMPLE);
        UserError e = assertThrows(UserError.class, () -> Experiments.run(other, Set.of("linear"), out, true, false,
                1, 1, () -> data, List.of(), Experiments.Listener.NONE));
        assertEquals(Problem.EXPERIMENT_SETTINGS_DIFFER, e.problem());
    }

    @Test
    void plotsAndDataAreWritten() throws IOException {
        Path out = dir.resolve("run");
        Experiments.Summary s = run(out, ALL, false, 1, 1);
        for (String base : List.of("fig4/fig4a", "fig4/fig4b", "fig4/fig4c", "fig4/fig4d", "fig5/fig5a", "fig5/fig5b",
                "fig5/fig5d", "fig6/fig6a",
                "fig6/fig6b", "fig6/fig6c", "fig7/fig7a", "fig7/fig7b", "linear/linear")) {
            for (String ext : List.of(".png", ".svg")) {
                Path p = out.resolve(base + ext);
                assertTrue(Files.size(p) > 1000, p + " is missing or nearly empty");
            }
        }
        byte[] png = Files.readAllBytes(out.resolve("fig4/fig4a.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(read(out.resolve("fig7/fig7a.svg")).contains("<svg"));
        assertEquals(7, s.checks().size());
        Results r = ResultsIO.read(out.resolve("results.json"));
        r.claims().forEach(c -> {
            assertEquals("experiments", c.section());
            assertFalse(c.figures().isEmpty(), c.id() + " names its figures");
            c.figures().forEach(f -> assertTrue(Files.isRegularFile(out.resolve(f.path())), f.path()));
        });
    }

    @Test
    void everyNamedScaleDividesTheDigitsAndSaysWhatItAssumes() {
        for (String name : List.of("smoke", "quick", "medium", "paper")) {
            ExperimentPlan p = ExperimentPlan.named(name);
            assertEquals(name, p.scale());
            assertEquals(0, 28 % p.side(), name + ": the side must divide 28 for block averaging");
            assertTrue(p.samples() <= 10000, name + ": the npm subset has 10,000 digits");
            assertEquals("paper", p.assumptions().get("noise_std").source(), name);
            assertEquals(p.side() == 28 ? "paper" : "assumed", p.assumptions().get("image_side").source(), name);
            for (int k = 1; k < p.steps().length; k++) {
                assertTrue(p.steps()[k] > p.steps()[k - 1], name + ": steps ascend");
            }
            assertFalse(ExperimentTask.plan(p, ALL).isEmpty(), name);
        }
        assertEquals(null, ExperimentPlan.named("huge"));
        assertTrue(ExperimentPlan.medium().width() > ExperimentPlan.quick().width()
                && ExperimentPlan.medium().width() < ExperimentPlan.paper().width());
    }

    @Test
    void shardsPartitionTheTaskList() {
        List<ExperimentTask> all = ExperimentTask.plan(ExperimentPlan.quick(), ALL);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            for (ExperimentTask t : ExperimentTask.shard(all, i, 3)) {
                assertTrue(seen.add(t.id()), "task in two shards: " + t.id());
                total++;
            }
        }
        assertEquals(all.size(), total);
        assertEquals(ExperimentTask.shard(all, 2, 3), ExperimentTask.shard(all, 2, 3));
    }

    @Test
    void aTaskInterruptedMidTrainingResumesFromItsCheckpoint() throws IOException {
        ExperimentPlan plan = tiny();
        ExperimentTask t = ExperimentTask.plan(plan, Set.of("fig4")).get(0);
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        Path resumed = Files.createDirectories(dir.resolve("resumed"));
        JsonNode whole = new TaskRunner(plan, data, fresh).run(t);
        assertFalse(whole.path("timing").path("resumed_from_checkpoint").asBoolean());
        TrainingConfig c = new TaskRunner(plan, data, resumed).config(t);
        TrainingConfig firstEpoch = new TrainingConfig(c.widths(), c.activation(), c.biases(), c.init(), c.optimiser(),
                c.step(), c.batch(), 1, c.seed(), c.precision(), c.lossScale(), c.convergenceTol(),
                c.divergenceFactor());
        Trainer.train(firstEpoch, data.denoising(), null, new Trainer.Checkpointing(
                resumed.resolve(t.id() + TaskRunner.CHECKPOINT_SUFFIX), 1, false), Trainer.Listener.NONE);
        JsonNode rest = new TaskRunner(plan, data, resumed).run(t);
        assertTrue(rest.path("timing").path("resumed_from_checkpoint").asBoolean());
        assertEquals(whole.path("result"), rest.path("result"));
    }
}
