package org.flatminima.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.io.Json;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.NetworkWeights;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sharpness reports convergence per end of the spectrum and never claims an end it has not converged. */
class SharpnessFlagsTest extends QuietTest {
    @TempDir
    Path dir;

    Path x;
    Path y;
    Path w;

    @BeforeEach
    void inputs() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 30;
        double[] xs = new double[n * 5];
        double[] ys = new double[n * 3];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = rnd.nextGaussian();
        }
        x = dir.resolve("X.npy");
        y = dir.resolve("Y.npy");
        Npy.write(x, NpyArray.matrix(n, 5, xs), false);
        Npy.write(y, NpyArray.matrix(n, 3, ys), false);
        Network net = new Network(new int[] {5, 6, 6, 3}, Activation.RELU, false);
        w = dir.resolve("W.npz");
        new NetworkWeights(net, net.heParameters(4)).write(w, false);
    }

    private JsonNode sharpness(String... extra) throws Exception {
        String[] base = {"sharpness", "--weights", w.toString(), "--inputs", x.toString(), "--targets", y.toString(),
            "--dtype", "float64", "--quiet"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        return Json.mapper().readTree(r.out());
    }

    @Test
    void eachEndHasItsOwnFlagAndBothEndsConvergesTheBottom() throws Exception {
        // 84 parameters: a Krylov space of full dimension gives the exact extreme eigenvalues
        JsonNode exact = sharpness("--iterations", "84", "--tol", "1e-14");
        double lambdaMin = exact.get("lambda_min").asDouble();
        double lambdaMax = exact.get("lambda_max").asDouble();
        assertTrue(lambdaMin < 0, "a ReLU network away from a minimum has negative curvature: " + lambdaMin);

        JsonNode quick = sharpness("--iterations", "6");
        assertTrue(quick.has("lambda_max_converged") && quick.has("lambda_min_converged"), quick.toString());
        assertEquals(quick.get("lambda_max_converged").asBoolean() && quick.get("lambda_min_converged").asBoolean(),
                quick.get("converged").asBoolean(), "converged claims both ends");
        if (quick.get("lambda_min_converged").asBoolean()) {
            assertEquals(lambdaMin, quick.get("lambda_min").asDouble(), 1e-3 * Math.abs(lambdaMax));
        } else {
            assertTrue(quick.get("lambda_min_rule").asText().contains("--both-ends"), quick.toString());
        }

        JsonNode both = sharpness("--iterations", "60", "--both-ends");
        assertTrue(both.get("lambda_min_converged").asBoolean(), both.toString());
        assertEquals(lambdaMin, both.get("lambda_min").asDouble(), 1e-4 * Math.abs(lambdaMax), both.toString());
        assertEquals(lambdaMax, both.get("lambda_max").asDouble(), 1e-4 * Math.abs(lambdaMax));
    }

    @Test
    void negativeControlAFewIterationsDoNotClaimTheBottom() throws Exception {
        JsonNode two = sharpness("--iterations", "2");
        assertFalse(two.get("converged").asBoolean(), two.toString());
        assertFalse(two.get("lambda_min_converged").asBoolean(), two.toString());
    }
}
