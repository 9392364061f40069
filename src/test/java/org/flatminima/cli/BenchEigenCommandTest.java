package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class BenchEigenCommandTest extends QuietTest {
    @Test
    void reportsTimesAndResidualsForASmallCase() {
        CliRun run = CliRun.of("bench", "eigen", "--n", "6", "--rank", "2", "--digits", "20", "--repeat", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("run 2:"), run.out());
        assertTrue(run.out().contains("eigen N=6 D=20 rank 2"), run.out());
        assertTrue(run.out().contains("||AV-V Lambda||_F"), run.out());
    }

    @Test
    void outOfRangeOptionsAreOneLineErrors() {
        for (String[] args : new String[][] {
            {"bench", "eigen", "--n", "0"},
            {"bench", "eigen", "--digits", "0"},
            {"bench", "eigen", "--n", "4", "--rank", "5"},
            {"bench", "eigen", "--repeat", "0"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exit(), String.join(" ", args));
            assertTrue(run.errIsOneLine(), run.err());
        }
    }
}
