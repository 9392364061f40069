package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.errors.UserError;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class MainTest extends QuietTest {
    @Test
    void versionNamesTheTool() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("flatminima "), r.out());
        assertTrue(!r.out().contains("unknown"), "version must come from the build: " + r.out());
    }

    @Test
    void helpListsUsage() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Usage: flatminima"), r.out());
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("--no-such-option");
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine(), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine(), r.err());
    }
}
