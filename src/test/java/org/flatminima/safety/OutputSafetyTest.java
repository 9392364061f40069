package org.flatminima.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.errors.UserError;
import org.flatminima.io.OutputMarker;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.NetworkWeights;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes output keeps what the user had: with {@code --force} it replaces only a
 * directory the tool wrote (it carries the marker) or an empty one; a user's directory and a plain
 * file are refused with one line and exit 2, and are left byte for byte as they were.
 */
class OutputSafetyTest extends QuietTest {
    @TempDir
    Path dir;

    Path x;
    Path y;
    Path w;

    @BeforeEach
    void floatInputs() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 12;
        double[] xs = new double[n * 4];
        double[] ys = new double[n * 3];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = rnd.nextGaussian();
        }
        x = dir.resolve("X.npy");
        y = dir.resolve("Y.npy");
        Npy.write(x, NpyArray.matrix(n, 4, xs), false);
        Npy.write(y, NpyArray.matrix(n, 3, ys), false);
        Network net = new Network(new int[] {4, 5, 3}, Activation.RELU, false);
        w = dir.resolve("W.npz");
        new NetworkWeights(net, net.heParameters(2)).write(w, false);
    }

    /** A user's directory: a thesis and a data file in a sub-directory. */
    private Path userDirectory(String name) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("thesis.tex"), "\\documentclass{article}");
        Files.writeString(d.resolve("sub/data.csv"), "1,2,3\n");
        return d;
    }

    private Path userFile(String name) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "my notes\n");
        return f;
    }

    /** The command lines that write a directory, each given its output path. */
    private List<String[]> directoryWriters(Path out) throws IOException {
        Path results = dir.resolve("results-in.json");
        if (!Files.exists(results)) {
            CliRun r = CliRun.of("check", "--claims", "lemma4", "--instances", "1", "--max-dim", "2", "--quiet",
                    "--out", dir.resolve("made").toString());
            assertEquals(0, r.exit(), r.err());
            Files.copy(dir.resolve("made/results.json"), results);
        }
        String o = out.toString();
        List<String[]> cmds = new ArrayList<>();
        cmds.add(new String[] {"check", "--claims", "lemma4", "--instances", "1", "--quiet", "--out", o, "--force"});
        cmds.add(new String[] {"report", results.toString(), "--out", o, "--force"});
        cmds.add(new String[] {"derive", "--all-examples", "--out-dir", o, "--force"});
        cmds.add(new String[] {"experiment", "fig4", "--scale", "quick", "--out", o, "--force", "--quiet"});
        cmds.add(new String[] {"experiment", "fig4", "--scale", "quick", "--out", o, "--resume", "--quiet"});
        cmds.add(new String[] {"experiment", "merge", dir.resolve("made").toString(), "--out", o, "--force"});
        cmds.add(new String[] {"flatness", "--weights", w.toString(), "--inputs", x.toString(), "--targets",
            y.toString(), "--out", o, "--force", "--quiet"});
        cmds.add(new String[] {"margin-flatness", "--out", o, "--force"});
        cmds.add(new String[] {"regression-sweep", "--out", o, "--force", "--quiet"});
        return cmds;
    }

    /** The command lines that write a file, each given its output path. */
    private List<String[]> fileWriters(Path out) {
        String o = out.toString();
        return List.of(
                new String[] {"train", "--inputs", x.toString(), "--targets", y.toString(), "--epochs", "1",
                    "--step", "0.01", "--out", o, "--force", "--quiet"},
                new String[] {"prove", "proofs/lemma-2.md", "--json", o, "--force"},
                new String[] {"generate", "--family", "flattest-gauged", "--dims", "2,2,2", "--out", o, "--force"},
                new String[] {"inspect", "test-cases/examples/fig3-flattest.json", "--out", o, "--force"});
    }

    @Test
    void aUsersDirectorySurvivesEveryCommandWithForce() throws IOException {
        Path user = userDirectory("mine");
        for (String[] cmd : directoryWriters(user)) {
            assertRefused(cmd, user, "thesis.tex");
            assertTrue(Files.readString(user.resolve("thesis.tex")).startsWith("\\documentclass"), cmd[0]);
            assertEquals("1,2,3\n", Files.readString(user.resolve("sub/data.csv")), cmd[0]);
        }
    }

    @Test
    void aPlainFileIsNeverReplacedByADirectory() throws IOException {
        Path notes = userFile("notes.txt");
        for (String[] cmd : directoryWriters(notes)) {
            assertRefused(cmd, notes, "a file");
            assertEquals("my notes\n", Files.readString(notes), String.join(" ", cmd));
        }
    }

    @Test
    void aDirectoryIsNeverReplacedByAFile() throws IOException {
        Path user = userDirectory("mine2");
        for (String[] cmd : fileWriters(user)) {
            assertRefused(cmd, user, "is a directory");
            assertTrue(Files.exists(user.resolve("thesis.tex")), cmd[0]);
        }
    }

    private static void assertRefused(String[] cmd, Path path, String mentions) {
        CliRun r = CliRun.of(cmd);
        String line = String.join(" ", cmd);
        assertEquals(UserError.EXIT_CODE, r.exit(), line + ": " + r.err());
        assertTrue(r.errIsOneLine(), line + ": " + r.err());
        assertTrue(r.err().contains(path.toString()), line + ": " + r.err());
        assertTrue(r.err().contains(mentions), line + ": " + r.err());
    }

    @Test
    void forceReplacesWhatTheToolWroteAndMarksIt() throws IOException {
        Path out = dir.resolve("report");
        CliRun first = CliRun.of("check", "--claims", "lemma4", "--instances", "1", "--max-dim", "2", "--quiet",
                "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals("report", OutputMarker.read(out).orElseThrow().kind());
        CliRun again = CliRun.of("check", "--claims", "lemma4", "--instances", "1", "--max-dim", "2", "--quiet",
                "--out", out.toString());
        assertEquals(UserError.EXIT_CODE, again.exit(), "without --force an existing report is kept");
        CliRun forced = CliRun.of("check", "--claims", "lemma4", "--instances", "1", "--max-dim", "2", "--quiet",
                "--out", out.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(Files.isRegularFile(out.resolve("results.json")));
    }

    @Test
    void anEmptyDirectoryMayBeUsedWithForce() throws IOException {
        Path out = Files.createDirectories(dir.resolve("empty"));
        directoryWriters(out);
        CliRun r = CliRun.of("report", dir.resolve("results-in.json").toString(), "--out", out.toString(), "--force");
        assertEquals(0, r.exit(), r.err());
        assertEquals("report", OutputMarker.read(out).orElseThrow().kind());
    }

    @Test
    void theReadmeSequenceCheckThenReportWithBaselineWorks() throws IOException {
        Path latest = dir.resolve("latest");
        CliRun check = CliRun.of("check", "--claims", "lemma4", "--instances", "1", "--max-dim", "2", "--quiet",
                "--out", latest.toString(), "--force");
        assertEquals(0, check.exit(), check.err());
        Path baseline = dir.resolve("baseline.json");
        Files.copy(latest.resolve("results.json"), baseline);
        byte[] certificates = Files.readAllBytes(latest.resolve("certificates.json"));
        CliRun report = CliRun.of("report", latest.resolve("results.json").toString(), "--out", latest.toString(),
                "--baseline", baseline.toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().contains("no regressions"), report.out());
        // the check's certificates stay with its results, so the checker can run next
        assertArrayEquals(certificates, Files.readAllBytes(latest.resolve("certificates.json")));
        // a report of those results elsewhere carries them along too
        Path copy = dir.resolve("copy");
        assertEquals(0, CliRun.of("report", latest.resolve("results.json").toString(), "--out", copy.toString()).exit());
        assertArrayEquals(certificates, Files.readAllBytes(copy.resolve("certificates.json")));
        // the same report command into a user's directory is still refused
        Path user = userDirectory("elsewhere");
        assertRefused(new String[] {"report", latest.resolve("results.json").toString(), "--out", user.toString(),
            "--force"}, user, "thesis.tex");
    }

    @Test
    void experimentMergeRefusesInputsThatAreNotExperiments() throws IOException {
        Path user = userDirectory("notarun");
        CliRun r = CliRun.of("experiment", "merge", user.toString(), "--out", dir.resolve("m").toString());
        assertEquals(UserError.EXIT_CODE, r.exit(), r.err());
        assertTrue(r.errIsOneLine() && r.err().contains("not an experiment"), r.err());
        assertFalse(Files.exists(dir.resolve("m").resolve(OutputMarker.FILE_NAME)));
    }

    @Test
    void aFileCalledLikeTheMarkerDoesNotMakeADirectoryOurs() throws IOException {
        Path user = userDirectory("forged");
        Files.writeString(user.resolve(OutputMarker.FILE_NAME), "my own dotfile\n");
        assertRefused(new String[] {"derive", "--all-examples", "--out-dir", user.toString(), "--force"}, user,
                "not the tool's marker");
        assertTrue(Files.exists(user.resolve("thesis.tex")));
    }
}
