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
        Files.createDirectories(target);
        Files.writeString(target.resolve("stale.txt"), "old");
        SafeFiles.replaceDirectory(target, true, d -> Files.writeString(d.resolve("a.txt"), "new"));
        assertEquals("new", Files.readString(target.resolve("a.txt")));
        assertTrue(!Files.exists(target.resolve("stale.txt")));
    }

    @Test
    void writeStringIsAtomicAndCreatesParents() throws IOException {
        Path f = dir.resolve("x/y/z.json");
        SafeFiles.writeString(f, "{}");
        assertEquals("{}", Files.readString(f));
    }
}
