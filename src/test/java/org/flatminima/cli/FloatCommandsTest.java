package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.data.Npz;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.NetworkWeights;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloatCommandsTest extends QuietTest {
    @TempDir
    Path dir;

    Path x;
    Path y;
    Path w;

    @BeforeEach
    void writeInputs() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 20;
        double[] xs = new double[n * 4];
        double[] ys = new double[n * 3];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = rnd.nextGaussian();
        }
        x = dir.resolve("X.npy");
        y = dir.resolve("Y.npy");
        Npy.write(x, NpyArray.matrix(n, 4, xs), false);
        Npy.write(y, NpyArray.matrix(n, 3, ys), false);
        Network net = new Network(new int[] {4, 5, 3}, Activation.RELU, true);
        w = dir.resolve("W.npz");
        new NetworkWeights(net, net.heParameters(2)).write(w, false);
    }

    @Test
    void sharpnessPrintsJsonWithLanczosAndPowerAgreeing() throws Exception {
        CliRun l = CliRun.of("sharpness", "--weights", w.toString(), "--inputs", x.toString(), "--targets", y.toString(),
                "--quiet", "--iterations", "200", "--tol", "1e-10");
        assertEquals(0, l.exit(), l.err());
        assertTrue(l.err().contains("BLAS:"), l.err());
        JsonNode a = Json.mapper().readTree(l.out());
        CliRun p = CliRun.of("sharpness", "--weights", w.toString(), "--inputs", x.toString(), "--targets", y.toString(),
                "--quiet", "--method", "power", "--iterations", "20000", "--tol", "1e-12");
        assertEquals(0, p.exit(), p.err());
        JsonNode b = Json.mapper().readTree(p.out());
        double top = a.get("lambda_max").asDouble();
        assertEquals(top, b.get("lambda_max").asDouble(), 1e-5 * Math.abs(top));
        for (String field : new String[] {"lambda_min", "method", "iterations", "residual", "blas", "time_s"}) {
            assertTrue(a.has(field), field);
        }
        assertEquals("lanczos", a.get("method").asText());
        assertTrue(a.get("biases").asBoolean());
    }

    @Test
    void malformedNumpyFilesAreOneLineErrors() throws Exception {
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy");
        CliRun r = CliRun.of("sharpness", "--weights", w.toString(), "--inputs", bad.toString(), "--targets",
                y.toString(), "--quiet");
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine() && r.err().contains("bad.npy"), r.err());

        Path wrongShape = dir.resolve("Y5.npy");
        Npy.write(wrongShape, NpyArray.matrix(20, 5, new double[100]), false);
        r = CliRun.of("sharpness", "--weights", w.toString(), "--inputs", x.toString(), "--targets",
                wrongShape.toString(), "--quiet");
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine(), r.err());

        Path chain = dir.resolve("chain.npz");
        Npz.write(chain, Map.of("W1", NpyArray.matrix(5, 4, new double[20]), "W2", NpyArray.matrix(3, 6, new double[18])),
                false);
        r = CliRun.of("sharpness", "--weights", chain.toString(), "--inputs", x.toString(), "--targets", y.toString(),
                "--quiet");
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine() && r.err().contains("W2"), r.err());

        r = CliRun.of("sharpness", "--weights", dir.resolve("none.npz").toString(), "--inputs", x.toString(),
                "--targets", y.toString());
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.errIsOneLine(), r.err());
    }

    @Test
    void trainSavesWeightsAndLogAndRefusesToOverwrite() throws Exception {
        Path out = dir.resolve("trained.npz");
        CliRun r = CliRun.of("train", "--inputs", x.toString(), "--targets", y.toString(), "--depth", "3", "--width", "6",
                "--biases", "--step", "0.01", "--batch", "5", "--epochs", "3", "--dtype", "float64", "--out",
                out.toString(), "--quiet", "--sharpness-iterations", "10");
        assertEquals(0, r.exit(), r.err());
        JsonNode log = Json.mapper().readTree(dir.resolve("trained.json").toFile());
        assertEquals(12, log.get("loss_per_step").size());
        assertEquals(4, log.get("loss_per_epoch").size());
        assertTrue(log.get("sharpness").has("lambda_max"));
        NetworkWeights back = NetworkWeights.read(out, Activation.RELU);
        assertEquals(3, back.network().depth());
        CliRun again = CliRun.of("train", "--inputs", x.toString(), "--targets", y.toString(), "--step", "0.01",
                "--out", out.toString(), "--quiet");
        assertEquals(UserError.EXIT_CODE, again.exit());
        assertTrue(again.errIsOneLine() && again.err().contains("--force"), again.err());
    }

    @Test
    void divergenceIsAnOutcomeNotAnError() throws Exception {
        Path out = dir.resolve("div.npz");
        CliRun r = CliRun.of("train", "--inputs", x.toString(), "--targets", y.toString(), "--depth", "3", "--step",
                "100", "--activation", "linear", "--epochs", "20", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("diverged"), r.out() + r.err());
        JsonNode log = Json.mapper().readTree(dir.resolve("div.json").toFile());
        assertTrue(log.get("diverged").asBoolean());
    }

    @Test
    void trainAndSharpnessRunOnTheNpmMnistSubset() throws Exception {
        Path mnist = org.flatminima.data.NpmMnist.defaultDirectory();
        org.junit.jupiter.api.Assumptions.assumeTrue(org.flatminima.data.NpmMnist.present(mnist),
                "scripts/setup has not fetched the MNIST subset into " + mnist);
        Path out = dir.resolve("mnist.npz");
        CliRun t = CliRun.of("train", "--samples", "200", "--side", "7", "--depth", "3", "--step", "0.05", "--batch", "50",
                "--epochs", "3", "--out", out.toString(), "--quiet", "--sharpness-iterations", "5");
        assertEquals(0, t.exit(), t.err());
        JsonNode log = Json.mapper().readTree(dir.resolve("mnist.json").toFile());
        assertEquals(1.25, log.get("data_provenance").get("noise_std").asDouble());
        assertTrue(log.get("loss_per_epoch").get(3).asDouble() < log.get("loss_per_epoch").get(0).asDouble());
        CliRun s = CliRun.of("sharpness", "--weights", out.toString(), "--samples", "200", "--side", "7", "--subset",
                "100", "--quiet", "--dtype", "float32");
        assertEquals(0, s.exit(), s.err());
        JsonNode j = Json.mapper().readTree(s.out());
        assertTrue(j.get("data").asText().startsWith("fixed subset: first 100 of 200"), j.get("data").asText());
        assertTrue(j.get("lambda_max").asDouble() > 0);
    }

    @Test
    void benchFloatWithoutTorchSaysSoAndPrintsOurTimes() {
        CliRun r = CliRun.of("bench", "float", "--width", "8", "--depth", "2", "--samples", "10", "--iterations", "2",
                "--rounds", "1", "--repeats", "1", "--no-torch", "--dtype", "float64");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("PyTorch: absent, not requested (--no-torch); flatminima times only"), r.out());
        assertTrue(r.out().matches("(?s).*float64\\s+power2\\s+\\d+\\.\\d+\\s+-\\s+-.*"), r.out());
        assertTrue(r.out().contains("flatminima BLAS: "), r.out());
    }
}
