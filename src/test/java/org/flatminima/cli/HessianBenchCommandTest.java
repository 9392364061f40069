package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.errors.UserError;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class HessianBenchCommandTest extends QuietTest {
    @Test
    void smallRunComparesTheTwoHessians() {
        CliRun r = CliRun.of("bench", "hessian", "--shapes", "2x2", "--repeats", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("N = 8, at a flattest minimum"), r.out());
        assertTrue(r.out().contains("N = 8, off the minimum"), r.out());
        assertTrue(r.out().contains("AD / closed form"), r.out());
        assertTrue(r.out().contains("equal true"), r.out());
    }

    @Test
    void badShapesAreOneLineUserErrors() {
        for (String bad : new String[] {"4", "0x3", "9x2", "axb"}) {
            CliRun r = CliRun.of("bench", "hessian", "--shapes", bad);
            assertEquals(UserError.EXIT_CODE, r.exit(), bad);
            assertTrue(r.errIsOneLine(), r.err());
            assertTrue(r.err().contains("--shapes"), r.err());
        }
    }
}
