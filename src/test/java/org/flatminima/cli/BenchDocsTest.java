package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDocsTest {
    @Test
    void eachBenchmarkReplacesOnlyItsOwnSection(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("docs").resolve("benchmarks.md");
        BenchDocs.write(page, "a", "A", "flatminima bench a", "first a");
        BenchDocs.write(page, "b", "B", "flatminima bench b", "first b");
        String before = Files.readString(page);
        assertTrue(before.startsWith("# Benchmarks"));
        assertTrue(before.contains("first a") && before.contains("first b"));
        Files.writeString(page, before + "\nA note kept by hand.\n");
        BenchDocs.write(page, "a", "A", "flatminima bench a", "second a");
        String after = Files.readString(page);
        assertFalse(after.contains("first a"), "the old figures of a are replaced");
        assertTrue(after.contains("second a") && after.contains("first b") && after.contains("A note kept by hand."));
        assertEquals(1, after.split("<!-- bench:a begin -->", -1).length - 1, "one section per benchmark");
        assertTrue(after.contains("Command: `flatminima bench a`") && after.contains("UTC on ")
                && after.contains("load average"), "command, date, machine and load head the section");
    }
}
