package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.errors.UserError;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class InertiaBenchCommandTest extends QuietTest {
    @Test
    void smallRunReportsTheInertiaOfALowRankGramMatrix() {
        CliRun r = CliRun.of("bench", "inertia", "--size", "12", "--rank", "3", "--repeats", "1");
        assertEquals(0, r.exit(), r.err());
        // 2 Phi Phi^T with Phi 12x3 of full column rank: 3 positive eigenvalues, 9 zero
        assertTrue(r.out().contains("= (0, 9, 3)"), r.out());
        assertTrue(r.out().contains("cpu median"), r.out());
    }

    @Test
    void outOfRangeOptionsAreOneLineUserErrors() {
        CliRun r = CliRun.of("bench", "inertia", "--size", "10", "--rank", "11");
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine(), r.err());
        assertTrue(r.err().contains("--rank"), r.err());
    }
}
