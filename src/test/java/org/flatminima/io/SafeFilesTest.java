package org.flatminima.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest extends QuietTest {
    @TempDir
    Path dir;

    @Test
    void existingDirectoryIsKeptWithoutForce() throws IOException {
        Path target = dir.resolve("report");
        Files.createDirectories(target);
        Files.writeString(target.resolve("a.txt"), "old");
        UserError e = assertThrows(UserError.class,
                () -> SafeFiles.replaceDirectory(target, false, d -> Files.writeString(d.resolve("a.txt"), "new")));
        assertEquals(Problem.FILE_EXISTS, e.problem());
        assertEquals("old", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void failedWriterLeavesPreviousDirectoryIntact() throws IOException {
        Path target = dir.resolve("report");
        Files.createDirectories(target);
        Files.writeString(target.resolve("a.txt"), "old");
        assertThrows(UserError.class, () -> SafeFiles.replaceDirectory(target, true, d -> {
            Files.writeString(d.resolve("a.txt"), "half");
            throw new IOException("boom");
        }));
        assertEquals("old", Files.readString(target.resolve("a.txt")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "staging directories must be cleaned up");
        }
    }

    @Test
    void forcedReplaceSwapsInTheNewDirectory() throws IOException {
        Path target = dir.resolve("report");
        SafeFiles.replaceDirectory(target, "report", false, d -> Files.writeString(d.resolve("stale.txt"), "old"));
        SafeFiles.replaceDirectory(target, "report", true, d -> Files.writeString(d.resolve("a.txt"), "new"));
        assertEquals("new", Files.readString(target.resolve("a.txt")));
        assertTrue(!Files.exists(target.resolve("stale.txt")));
        assertEquals("report", OutputMarker.read(target).orElseThrow().kind());
    }

    @Test
    void forceRefusesADirectoryTheToolDidNotWrite() throws IOException {
        Path target = dir.resolve("thesis");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("thesis.tex"), "mine");
        Files.writeString(target.resolve("sub/data.csv"), "1,2");
        UserError e = assertThrows(UserError.class,
                () -> SafeFiles.replaceDirectory(target, "report", true, d -> Files.writeString(d.resolve("a"), "x")));
        assertEquals(Problem.OUT_NOT_OURS, e.problem());
        assertTrue(e.getMessage().contains("thesis.tex") && e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals("mine", Files.readString(target.resolve("thesis.tex")));
        assertEquals("1,2", Files.readString(target.resolve("sub/data.csv")));
    }

    @Test
    void aReportFromBeforeMarkersIsReplacedButOneWithAUsersFileIsNot() throws IOException {
        Path old = Files.createDirectories(dir.resolve("latest"));
        for (String f : new String[] {"results.json", "report.md", "report.html", "junit.xml"}) {
            Files.writeString(old.resolve(f), "old");
        }
        Files.createDirectories(old.resolve("figures"));
        SafeFiles.replaceDirectory(old, "report", true, d -> Files.writeString(d.resolve("results.json"), "new"));
        assertEquals("new", Files.readString(old.resolve("results.json")));
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        for (String f : new String[] {"results.json", "report.md", "report.html", "junit.xml", "thesis.tex"}) {
            Files.writeString(mixed.resolve(f), "old");
        }
        assertThrows(UserError.class,
                () -> SafeFiles.replaceDirectory(mixed, "report", true, d -> Files.writeString(d.resolve("a"), "x")));
        assertEquals("old", Files.readString(mixed.resolve("thesis.tex")));
    }

    @Test
    void aPlainFileIsNeverReplacedByADirectoryNorADirectoryByAFile() throws IOException {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "notes");
        UserError e = assertThrows(UserError.class,
                () -> SafeFiles.replaceDirectory(notes, "report", true, d -> Files.writeString(d.resolve("a"), "x")));
        assertEquals(Problem.OUT_IS_NOT_A_DIRECTORY, e.problem());
        assertEquals("notes", Files.readString(notes));
        Path folder = Files.createDirectories(dir.resolve("folder"));
        UserError f = assertThrows(UserError.class, () -> SafeFiles.requireWritable(folder, true));
        assertEquals(Problem.OUT_IS_A_DIRECTORY, f.problem());
    }

    @Test
    void staleStagingOfADeadOwnerIsCleanedAndALiveOnesIsKept() throws IOException {
        Path target = dir.resolve("out");
        // a pid that cannot be running (pids are below 2^22 on Linux) and this process's own tag
        Path dead = Files.createDirectories(dir.resolve(".out.staging.999999999-1-12345"));
        Files.writeString(dead.resolve("half.txt"), "x");
        Path untagged = Files.createDirectories(dir.resolve(".out.staging.98765"));
        Path alive = Files.createDirectories(dir.resolve(".out.staging." + SafeFiles.ownerTag() + "777"));
        Path unrelated = Files.createDirectories(dir.resolve(".other.staging.999999999-1-1"));
        SafeFiles.replaceDirectory(target, "report", false, d -> Files.writeString(d.resolve("a.txt"), "new"));
        assertTrue(!Files.exists(dead) && !Files.exists(untagged), "dead owners' staging directories are removed");
        assertTrue(Files.exists(alive), "a running owner's staging directory is kept");
        assertTrue(Files.exists(unrelated), "staging directories of other outputs are not touched");
    }

    @Test
    void aPreviousOutputSetAsideByAKilledSwapIsRestored() throws IOException {
        Path target = dir.resolve("out");
        Path old = Files.createDirectories(dir.resolve(".out.old.999999999-1-4242"));
        Files.writeString(old.resolve("results.json"), "{}");
        assertEquals(1, SafeFiles.cleanStale(dir, "out", target));
        assertEquals("{}", Files.readString(target.resolve("results.json")));
    }

    @Test
    void setAsideKeepsEveryBrokenCopy() throws IOException {
        Path f = dir.resolve("task.json");
        Files.writeString(f, "{\"trunc");
        Path a = SafeFiles.setAside(f);
        Files.writeString(f, "{\"again");
        Path b = SafeFiles.setAside(f);
        assertEquals("task.json.broken", a.getFileName().toString());
        assertEquals("task.json.broken-2", b.getFileName().toString());
        assertEquals("{\"trunc", Files.readString(a));
    }

    @Test
    void writeStringIsAtomicAndCreatesParents() throws IOException {
        Path f = dir.resolve("x/y/z.json");
        SafeFiles.writeString(f, "{}");
        assertEquals("{}", Files.readString(f));
    }
}
