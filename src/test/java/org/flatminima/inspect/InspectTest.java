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
        assertEquals("not decided", method(j));
        assertTrue(reason(j).startsWith("outside Theorem 1's hypotheses"), reason(j));
    }

    private JsonNode inspectJson(String name, String json) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        CliRun r = CliRun.of("inspect", "--format", "json", f.toString());
        assertEquals(0, r.exit(), r.err());
        return Json.mapper().readTree(r.out());
    }

    private static String reason(JsonNode j) {
        return j.get("verdicts").get("is_flattest").get("reason").asText();
    }

    private static String method(JsonNode j) {
        return j.get("verdicts").get("is_flattest").get("method").asText();
    }

    @Test
    void anExplicitIdentitySigmaIsWhiteData() throws IOException {
        String layers = "\"layers\": [[[2, 0], [0, 1]], [[2, 0], [0, 1]]]";
        JsonNode implicit = inspectJson("implicit.json", "{" + layers + "}");
        JsonNode explicit = inspectJson("explicit.json", "{" + layers + ", \"sigma_x\": [[1, 0], [0, 1]]}");
        assertTrue(explicit.get("is_flattest").asBoolean(), explicit.get("verdicts").toString());
        assertEquals("exact", method(explicit));
        assertEquals("16", explicit.get("flattest_sharpness_exact").asText());
        assertEquals(implicit.get("flattest_sharpness").asText(), explicit.get("flattest_sharpness").asText());
        assertEquals(reason(implicit), reason(explicit));
        assertEquals("identity (given)", explicit.get("sigma_x").asText());
    }

    @Test
    void offAGlobalMinimumIsNotFlattestWhateverSigma() throws IOException {
        JsonNode j = inspectJson("off-sigma.json", "{\"layers\": [[[1, 0], [0, 1]], [[2, 0], [0, 1]]],"
                + " \"sigma_x\": [[2, 1], [1, 2]], \"target\": [[1, 0], [0, 1]]}");
        assertFalse(j.get("on_global_minimum").asBoolean());
        assertFalse(j.get("is_flattest").isNull(), j.get("verdicts").toString());
        assertFalse(j.get("is_flattest").asBoolean());
        assertEquals("exact", method(j));
        assertTrue(reason(j).contains("subset of the global minima"), reason(j));
        assertTrue(j.get("flattest_sharpness").isNull());
    }

    /** Sigma_x = s I: H = s H_white, so lambda* = s 2m sigma_max(T)^(2(1-1/m)) and flatness is the white verdict. */
    @Test
    void anIsotropicSigmaIsDecidedByScaling() throws IOException {
        String flat = "\"layers\": [[[2, 0], [0, 1]], [[2, 0], [0, 1]]]";
        JsonNode j = inspectJson("iso.json", "{" + flat + ", \"sigma_x\": [[\"3/2\", 0], [0, \"3/2\"]]}");
        assertTrue(j.get("is_flattest").asBoolean(), j.get("verdicts").toString());
        assertEquals("exact", method(j));
        assertEquals("24", j.get("flattest_sharpness_exact").asText()); // (3/2) * 2*2 * 4
        assertEquals(0, new BigDecimal(j.get("lambda_max").asText()).compareTo(BigDecimal.valueOf(24)));
        assertEquals("3/2", j.get("verdicts").get("is_flattest").get("sigma_x_scale").asText());
        assertTrue(j.get("verdicts").get("is_flattest").get("scaling").asText().contains("H = s H_white"));
        // negative control: the unscaled lambda* (16) is not lambda_max, so a decision that forgot s would be wrong
        assertTrue(new BigDecimal(j.get("lambda_max").asText()).compareTo(BigDecimal.valueOf(16)) != 0);

        // not balanced: lambda_max exceeds s lambda* (sigma_max(W_2) = 4 != 2)
        JsonNode sharp = inspectJson("iso-sharp.json",
                "{\"layers\": [[[1, 0], [0, 1]], [[4, 0], [0, 1]]], \"sigma_x\": [[3, 0], [0, 3]]}");
        assertFalse(sharp.get("is_flattest").asBoolean(), sharp.get("verdicts").toString());
        assertEquals("exact", method(sharp));
        assertEquals("48", sharp.get("flattest_sharpness_exact").asText());

        // irrational lambda*: certified, scaled bracket
        JsonNode cert = inspectJson("iso-scalar.json", "{\"layers\": [[[1]], [[1]], [[2]]], \"sigma_x\": [[5]]}");
        assertFalse(cert.get("is_flattest").asBoolean(), cert.get("verdicts").toString());
        assertEquals("certified", method(cert));
        // eq. (10) scaled: lambda_max = 5 * 18
        assertEquals(0, new BigDecimal(cert.get("lambda_max").asText()).compareTo(BigDecimal.valueOf(90)));
    }

    /** On seeded generated minima, the verdict with Sigma_x = s I equals the white one and lambda* scales by s exactly. */
    @Test
    void scalingAgreesWithTheWhiteVerdictOnGeneratedMinima() throws IOException {
        long[] seeds = {21L, 22L, 23L, 24L};
        String[] scales = {"3/2", "1/3", "5", "7/4"};
        for (int i = 0; i < seeds.length; i++) {
            Family f = i % 2 == 0 ? Family.FLATTEST_GAUGED : Family.NON_FLATTEST;
            ExactNetwork n = f.generate(seeds[i], new int[] {2, 3, 2});
            com.fasterxml.jackson.databind.node.ObjectNode c = GenerateCommand.toCase(n);
            JsonNode white = inspectJson("w" + i + ".json", Json.mapper().writeValueAsString(c));
            int d0 = n.layers().get(0)[0].length;
            com.fasterxml.jackson.databind.node.ArrayNode sig = c.putArray("sigma_x");
            for (int r = 0; r < d0; r++) {
                com.fasterxml.jackson.databind.node.ArrayNode row = sig.addArray();
                for (int col = 0; col < d0; col++) {
                    row.add(r == col ? scales[i] : "0");
                }
            }
            JsonNode scaled = inspectJson("s" + i + ".json", Json.mapper().writeValueAsString(c));
            String where = f + " seed " + seeds[i] + " s " + scales[i];
            assertEquals(white.get("is_flattest").asBoolean(), scaled.get("is_flattest").asBoolean(), where);
            assertEquals(method(white), method(scaled), where);
            if (white.has("flattest_sharpness_exact")) {
                assertEquals(org.flatminima.numbers.Rational.parse(white.get("flattest_sharpness_exact").asText())
                                .multiply(org.flatminima.numbers.Rational.parse(scales[i])),
                        org.flatminima.numbers.Rational.parse(scaled.get("flattest_sharpness_exact").asText()), where);
            }
        }
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
