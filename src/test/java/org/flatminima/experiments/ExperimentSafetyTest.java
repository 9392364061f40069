package org.flatminima.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.OutputMarker;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment directory is the tool's own: marked, never a user's, and repaired on --resume. */
class ExperimentSafetyTest extends QuietTest {
    static ExperimentData data;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        data = ExperimentData.of(ExperimentsTest.tiny(), ExperimentsTest.digits(80, 5));
    }

    private static Experiments.Summary run(Path out, boolean resume, boolean force, Experiments.Listener l) {
        return Experiments.run(ExperimentsTest.tiny(), Set.of("linear"), out, resume, force, 1, 1, () -> data,
                List.of("test"), l);
    }

    @Test
    void aRunMarksItsDirectoryAndRefusesAUsersDirectoryEvenWithResumeOrForce() throws IOException {
        Path out = dir.resolve("run");
        run(out, false, false, Experiments.Listener.NONE);
        assertEquals(Experiments.KIND, OutputMarker.read(out).orElseThrow().kind());
        Path user = Files.createDirectories(dir.resolve("user"));
        Files.writeString(user.resolve("thesis.tex"), "mine");
        for (boolean[] flags : new boolean[][] {{false, false}, {true, false}, {false, true}, {true, true}}) {
            UserError e = assertThrows(UserError.class, () -> run(user, flags[0], flags[1], Experiments.Listener.NONE));
            assertEquals(Problem.EXPERIMENT_NOT_OURS, e.problem());
            assertTrue(e.getMessage().contains("thesis.tex"), e.getMessage());
        }
        assertEquals("mine", Files.readString(user.resolve("thesis.tex")));
        assertEquals(1, Files.list(user).count(), "nothing was written into the user's directory");
    }

    @Test
    void aTruncatedTaskFileIsSetAsideReportedAndItsTaskRedone() throws IOException {
        Path out = dir.resolve("run");
        run(out, false, false, Experiments.Listener.NONE);
        Path task;
        try (var s = Files.list(out.resolve("tasks"))) {
            task = s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        String whole = Files.readString(task);
        Files.writeString(task, whole.substring(0, whole.length() / 2));
        List<String> told = new ArrayList<>();
        Experiments.Summary s = run(out, true, false, new Experiments.Listener() {
            @Override
            public void starting(ExperimentTask t, double done, double total) {}

            @Override
            public void finished(ExperimentTask t, String skipped) {}

            @Override
            public void setAside(Path file, Path renamed, String why) {
                told.add(file.getFileName() + " -> " + renamed.getFileName());
            }
        });
        assertEquals(1, s.ran(), "only the damaged task is run again");
        assertEquals(List.of(task.getFileName() + " -> " + task.getFileName() + ".broken"), told);
        assertTrue(Files.exists(task.resolveSibling(task.getFileName() + ".broken")));
        assertEquals(org.flatminima.io.Json.mapper().readTree(whole).path("spec"),
                Experiments.readTask(task).path("spec"), "the task was redone with the same settings");
    }
}
