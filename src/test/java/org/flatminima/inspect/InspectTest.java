package org.flatminima.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.cli.GenerateCommand;
import org.flatminima.generate.ExactNetwork;
import org.flatminima.generate.Family;
import org.flatminima.io.Json;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectTest extends QuietTest {
    @TempDir
    Path dir;

    private JsonNode inspect(ExactNetwork n, String... extra) throws IOException {
        Path f = dir.resolve(n.family() + "-" + n.seed() + ".json");
        Files.writeString(f, Json.mapper().writeValueAsString(GenerateCommand.toCase(n)));
        String[] args = new String[3 + extra.length];
        args[0] = "inspect";
        args[1] = "--format=json";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = f.toString();
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        return Json.mapper().readTree(r.out());
    }

    @Test
    void flattestAtFigure3SizeIsDecidedExactly() throws IOException {
        JsonNode r = inspect(Family.FLATTEST_GAUGED.generate(3L, new int[] {4, 4, 4, 4, 4, 4, 4}));
        assertEquals(96, r.get("parameters").asInt());
        assertTrue(r.get("on_global_minimum").asBoolean());
        assertTrue(r.get("is_flattest").asBoolean(), r.get("verdicts").toString());
        assertEquals("exact", r.get("verdicts").get("is_flattest").get("method").asText());
        assertEquals(r.get("flattest_sharpness").asText(), r.get("lambda_max").asText());
        // rank of the Hessian at a global minimum is at most d_x d_y = 16
        assertTrue(r.get("hessian_inertia").get("rank").asInt() <= 16);
        assertEquals(0, r.get("hessian_inertia").get("negative").asInt());
        assertEquals(96, r.get("hessian_eigenvalues").size());
    }

    @Test
    void nonFlattestMinimumIsRefutedExactly() throws IOException {
        JsonNode r = inspect(Family.NON_FLATTEST.generate(5L, new int[] {2, 3, 2}));
        assertTrue(r.get("on_global_minimum").asBoolean());
        assertFalse(r.get("is_flattest").asBoolean(), r.get("verdicts").toString());
        assertTrue(new BigDecimal(r.get("lambda_max").asText())
                .compareTo(new BigDecimal(r.get("flattest_sharpness").asText())) > 0);
    }

    @Test
    void exactHessianIsPrintedOnRequestAndMatchesTheEigenvalues() throws IOException {
        JsonNode r = inspect(Family.FLATTEST_EQ27.generate(7L, new int[] {2, 2, 2}), "--exact", "--digits", "30");
        JsonNode h = r.get("hessian");
        assertEquals(r.get("parameters").asInt(), h.size());
        // trace of H equals the sum of its eigenvalues (to the digits carried)
        BigDecimal trace = BigDecimal.ZERO;
        for (int i = 0; i < h.size(); i++) {
            trace = trace.add(org.flatminima.numbers.Rational.parse(h.get(i).get(i).asText()).toBigDecimal(40));
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode e : r.get("hessian_eigenvalues")) {
            sum = sum.add(new BigDecimal(e.asText()));
        }
        assertEquals(0, trace.round(new MathContext(25)).compareTo(sum.round(new MathContext(25))), trace + " vs " + sum);
    }

    @Test
    void offTheMinimumIsReportedAndNotFlattest() throws IOException {
        Path f = dir.resolve("off.json");
        Files.writeString(f, "{\"layers\": [[[1, 2], [0, 1]], [[1, 1]]], \"target\": [[\"1/2\", 3]]}");
        CliRun r = CliRun.of("inspect", "--format", "json", f.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertFalse(j.get("on_global_minimum").asBoolean());
        assertFalse(j.get("is_flattest").asBoolean());
        assertTrue(new BigDecimal(j.get("loss").asText()).signum() > 0);
    }

    @Test
    void progressGoesToStderrUnlessQuiet() throws IOException {
        // progress shows from InspectCommand.PROGRESS_FROM_PARAMETERS = 100 parameters on
        Path f = dir.resolve("progress.json");
        Files.writeString(f, Json.mapper().writeValueAsString(GenerateCommand.toCase(
                Family.NON_FLATTEST.generate(5L, new int[] {5, 10, 5}))));
        CliRun loud = CliRun.of("inspect", "--format", "json", f.toString());
        assertEquals(0, loud.exit(), loud.err());
        assertTrue(loud.err().contains("inspect [") && loud.err().contains("exact Hessian"), loud.err());
        CliRun quiet = CliRun.of("inspect", "--format", "json", "--quiet", f.toString());
        assertEquals(0, quiet.exit(), quiet.err());
        assertEquals("", quiet.err().strip());
        assertEquals(loud.out(), quiet.out(), "progress never reaches the result");
    }

    @Test
    void irrationalFlattestValueIsBracketedAndTheVerdictCertified() throws IOException {
        // a 3-layer scalar network with tau = 2: lambda* = 6 * 2^(4/3) is irrational
        Path f = dir.resolve("scalar.json");
        Files.writeString(f, "{\"layers\": [[[1]], [[1]], [[2]]]}");
        CliRun r = CliRun.of("inspect", "--format", "json", f.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        // (1, 1, 2) is not flattest: the |w_j| differ
        assertFalse(j.get("is_flattest").asBoolean(), j.get("verdicts").toString());
        assertEquals("certified", j.get("verdicts").get("is_flattest").get("method").asText());
        assertTrue(j.has("flattest_sharpness_enclosure"));
        // eq. (10): lambda_max = 2 tau^2 sum 1/w_j^2 = 8 (1 + 1 + 1/4) = 18
        assertEquals(0, new BigDecimal(j.get("lambda_max").asText()).compareTo(BigDecimal.valueOf(18)));
    }

    @Test
    void whiteDataIsRequiredForTheorem1() throws IOException {
        Path f = dir.resolve("sigma.json");
        Files.writeString(f, "{\"layers\": [[[1, 0], [0, 1]], [[2, 0], [0, 1]]], \"sigma_x\": [[2, 1], [1, 2]]}");
        CliRun r = CliRun.of("inspect", "--format", "json", f.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertTrue(j.get("is_flattest").isNull());
        assertTrue(j.get("flattest_sharpness").isNull());
    }

    @Test
    void textFormatSummarisesTheVerdicts() throws IOException {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"layers\": [[[2]], [[2]]]}");
        CliRun r = CliRun.of("inspect", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("flattest      true  [exact"), r.out());
    }
}
