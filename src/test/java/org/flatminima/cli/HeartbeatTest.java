package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class HeartbeatTest extends QuietTest {
    @Test
    void aLongComputationShowsElapsedTimeOnStderrAndNothingWhenQuiet() throws Exception {
        StringWriter err = new StringWriter();
        try (Heartbeat h = new Heartbeat(new PrintWriter(err, true), "inspect", "N = 400 parameters", true)) {
            Thread.sleep(100);
        }
        assertTrue(err.toString().contains("inspect") && err.toString().contains("elapsed")
                && err.toString().contains("N = 400 parameters"), err.toString());
        StringWriter quiet = new StringWriter();
        try (Heartbeat h = new Heartbeat(new PrintWriter(quiet, true), "inspect", "x", false)) {
            Thread.sleep(50);
        }
        assertEquals("", quiet.toString());
    }

    @Test
    void resumeCommandDropsForceAndAddsResumeOnce() {
        assertEquals("flatminima experiment all --out 'my dir' --resume",
                InterruptNotice.resumeCommand(List.of("experiment", "all", "--out", "my dir", "--force"), "--resume"));
        assertEquals("flatminima train --resume --out w.npz",
                InterruptNotice.resumeCommand(List.of("train", "--resume", "--out", "w.npz"), "--resume"));
    }
}
