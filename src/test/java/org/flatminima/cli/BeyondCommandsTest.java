package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.io.Json;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.NetworkWeights;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contracts of {@code flatness} and {@code regression-sweep}: outputs written, bad input one line and exit 2. */
class BeyondCommandsTest extends QuietTest {
    @TempDir
    Path dir;

    @Test
    void regressionSweepWritesResultsTheReportCanRead() throws Exception {
        Path out = dir.resolve("sweep");
        CliRun r = CliRun.of("regression-sweep", "--depths", "2,3", "--etas", "0.05,0.1", "--dim", "3", "--samples", "10",
                "--init-scale", "0.05", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        Results res = ResultsIO.read(out.resolve("results.json"));
        assertEquals("beyond", res.claims().get(0).section());
        assertTrue(Files.exists(out.resolve("gd-sharpness-small.png")) && Files.exists(out.resolve("gd-sharpness-residual.svg")));
        JsonNode sweep = Json.mapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(8, sweep.get("runs").size());
        CliRun again = CliRun.of("regression-sweep", "--depths", "2", "--out", out.toString(), "--quiet");
        assertEquals(2, again.exit());
        assertTrue(again.errIsOneLine(), again.err());
        CliRun bad = CliRun.of("regression-sweep", "--depths", "1", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.errIsOneLine(), bad.err());
    }

    @Test
    void marginFlatnessRejectsASingleMarginInOneLine() {
        CliRun bad = CliRun.of("margin-flatness", "--kappas", "1", "--out", dir.resolve("m").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.errIsOneLine(), bad.err());
        assertTrue(!Files.exists(dir.resolve("m")));
    }

    @Test
    void flatnessComparesTwoMinimaAndWritesPlots() throws Exception {
        SplittableRandom rnd = new SplittableRandom(6601L);
        int n = 20;
        double[] x = new double[n * 3];
        double[] y = new double[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble() - 0.5;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextDouble() - 0.5;
        }
        Path xf = dir.resolve("x.npy");
        Path yf = dir.resolve("y.npy");
        Npy.write(xf, new NpyArray(new int[] {n, 3}, "<f8", x), false);
        Npy.write(yf, new NpyArray(new int[] {n, 2}, "<f8", y), false);
        Network net = new Network(new int[] {3, 3, 2}, Activation.LINEAR, false);
        double[] w = new double[net.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextDouble() - 0.5;
        }
        double[] sharp = w.clone();
        for (int i = 0; i < sharp.length; i++) {
            sharp[i] *= 3;
        }
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        new NetworkWeights(net, w).write(a, false);
        new NetworkWeights(net, sharp).write(b, false);
        Path out = dir.resolve("flat");
        CliRun r = CliRun.of("flatness", "--weights", a.toString(), "--weights", b.toString(), "--inputs", xf.toString(),
                "--targets", yf.toString(), "--activation", "linear", "--draws", "20", "--iterations", "12",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(2, j.get("minima").size());
        assertTrue(j.get("comparisons").get(0).get("orderings").size() >= 11);
        assertTrue(Files.exists(out.resolve("local-energy.png")) && Files.exists(out.resolve("local-entropy.svg")));
        Results verdicts = ResultsIO.read(out.resolve("results.json"));
        assertEquals(2, verdicts.claims().size());
        assertEquals("beyond", verdicts.claims().get(0).section());
        CliRun bad = CliRun.of("flatness", "--weights", a.toString(), "--inputs", xf.toString(), "--targets", yf.toString(),
                "--draws", "1");
        assertEquals(2, bad.exit());
        assertTrue(bad.errIsOneLine(), bad.err());
    }
}
