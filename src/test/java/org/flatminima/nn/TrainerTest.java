package org.flatminima.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Dataset;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest extends QuietTest {
    @TempDir
    Path dir;

    /** A denoising-like task: targets in [0, 1], inputs the targets plus noise. */
    static Dataset task(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * d];
        double[] y = new double[n * d];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextDouble();
            x[i] = y[i] + 0.3 * rnd.nextGaussian();
        }
        return new Dataset(n, d, d, x, y, "task", Map.of());
    }

    static TrainingConfig config(TrainingConfig.Optimiser opt, double step, int batch, int epochs) {
        return new TrainingConfig(new int[] {8, 8, 8, 8}, Activation.RELU, true, TrainingConfig.Initialisation.IDENTITY,
                opt, step, batch, epochs, 5, Precision.FLOAT64, LossScale.SAMPLE, 0, 1e3);
    }

    @Test
    void sgdAndAdamReduceTheLoss() {
        Dataset data = task(64, 8, 1);
        for (TrainingConfig.Optimiser opt : TrainingConfig.Optimiser.values()) {
            TrainingConfig cfg = config(opt, opt == TrainingConfig.Optimiser.SGD ? 0.05 : 1e-3, 16, 20);
            TrainingResult r = Trainer.train(cfg, data, null, null, Trainer.Listener.NONE);
            assertEquals(TrainingResult.Status.BUDGET, r.status(), r.reason());
            assertTrue(r.finalLoss() < 0.8 * r.epochLosses()[0],
                    opt + ": loss " + r.epochLosses()[0] + " -> " + r.finalLoss());
            assertEquals(20 * 4, r.steps());
        }
    }

    @Test
    void hugeStepIsReportedAsDivergedNotAnError() {
        Dataset data = task(32, 8, 2);
        TrainingResult r = Trainer.train(config(TrainingConfig.Optimiser.SGD, 50, 0, 50), data, null, null,
                Trainer.Listener.NONE);
        assertEquals(TrainingResult.Status.DIVERGED, r.status());
        assertTrue(r.reason().contains("loss"), r.reason());
        // Negative control: a small step on the same problem does not diverge.
        TrainingResult ok = Trainer.train(config(TrainingConfig.Optimiser.SGD, 0.01, 0, 50), data, null, null,
                Trainer.Listener.NONE);
        assertTrue(!ok.diverged(), ok.reason());
    }

    @Test
    void convergenceRuleStopsEarlyAndIsStated() {
        Dataset data = task(32, 8, 3);
        TrainingConfig cfg = new TrainingConfig(new int[] {8, 8, 8}, Activation.LINEAR, false,
                TrainingConfig.Initialisation.IDENTITY, TrainingConfig.Optimiser.SGD, 0.1, 0, 5000, 1, Precision.FLOAT64,
                LossScale.SAMPLE, 1e-6, 1e3);
        TrainingResult r = Trainer.train(cfg, data, null, null, Trainer.Listener.NONE);
        assertEquals(TrainingResult.Status.CONVERGED, r.status(), r.reason());
        assertTrue(r.epochs() < 5000);
        int e = r.epochs();
        assertTrue(Math.abs(r.epochLosses()[e] - r.epochLosses()[e - 1]) <= 1e-6 * r.epochLosses()[e - 1]);
        assertTrue(r.criterion().contains("1.00e-06"), r.criterion());
    }

    @Test
    void resumedRunEqualsUninterruptedRun() {
        Dataset data = task(40, 8, 4);
        for (TrainingConfig.Optimiser opt : TrainingConfig.Optimiser.values()) {
            double step = opt == TrainingConfig.Optimiser.SGD ? 0.05 : 1e-3;
            TrainingResult whole = Trainer.train(config(opt, step, 12, 6), data, null, null, Trainer.Listener.NONE);
            Path ck = dir.resolve(opt + ".npz");
            Trainer.Checkpointing c = new Trainer.Checkpointing(ck, 1, true);
            TrainingResult first = Trainer.train(config(opt, step, 12, 3), data, null, c, Trainer.Listener.NONE);
            assertEquals(3, first.epochs());
            TrainingResult resumed = Trainer.train(config(opt, step, 12, 6), data, null, c, Trainer.Listener.NONE);
            assertArrayEquals(whole.parameters(), resumed.parameters(), opt + ": parameters differ after resume");
            assertArrayEquals(whole.epochLosses(), resumed.epochLosses());
            assertArrayEquals(whole.stepLosses(), resumed.stepLosses());
            assertEquals(whole.steps(), resumed.steps());
        }
    }

    @Test
    void checkpointOfAnotherRunIsRejected() {
        Dataset data = task(20, 8, 5);
        Path ck = dir.resolve("c.npz");
        Trainer.Checkpointing c = new Trainer.Checkpointing(ck, 1, true);
        Trainer.train(config(TrainingConfig.Optimiser.SGD, 0.05, 10, 2), data, null, c, Trainer.Listener.NONE);
        UserError e = assertThrows(UserError.class, () -> Trainer.train(config(TrainingConfig.Optimiser.SGD, 0.06, 10, 4),
                data, null, c, Trainer.Listener.NONE));
        assertEquals(Problem.CHECKPOINT_MISMATCH, e.problem());
    }

    @Test
    void float32TrainingTracksFloat64() {
        Dataset data = task(32, 8, 6);
        TrainingConfig c64 = config(TrainingConfig.Optimiser.SGD, 0.05, 8, 5);
        TrainingConfig c32 = new TrainingConfig(c64.widths(), c64.activation(), c64.biases(), c64.init(),
                c64.optimiser(), c64.step(), c64.batch(), c64.epochs(), c64.seed(), Precision.FLOAT32, c64.lossScale(),
                c64.convergenceTol(), c64.divergenceFactor());
        TrainingResult a = Trainer.train(c64, data, null, null, Trainer.Listener.NONE);
        TrainingResult b = Trainer.train(c32, data, null, null, Trainer.Listener.NONE);
        assertEquals(a.finalLoss(), b.finalLoss(), 1e-4 * a.finalLoss());
    }
}
