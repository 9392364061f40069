package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.flatminima.results.Verdict;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsIOTest extends QuietTest {
    @TempDir
    Path dir;

    @Test
    void writtenResultsReadBackEqual() {
        Property.forAll("write then read is the identity", 20, 0x5EED_0001L, rnd -> {
            Results r = ResultsFixtures.random(rnd.nextLong());
            Path file = dir.resolve("r" + rnd.nextInt(1 << 30) + ".json");
            ResultsIO.write(r, file, false);
            assertEquals(r, ResultsIO.read(file));
        });
    }

    @Test
    void everyWrittenFileValidatesAgainstTheSchema() throws IOException {
        Property.forAll("written results validate", 20, 0x5EED_0002L, rnd -> {
            Results r = ResultsFixtures.random(rnd.nextLong());
            JsonNode node = tree(ResultsIO.toJson(r));
            assertEquals(java.util.List.of(), ResultsIO.schemaProblems(node));
            assertEquals(1, node.get("schema_version").asInt());
        });
    }

    @Test
    void existingFileIsNotOverwrittenWithoutForce() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "keep me");
        UserError e = assertThrows(UserError.class, () -> ResultsIO.write(ResultsFixtures.random(1), file, false));
        assertEquals(Problem.FILE_EXISTS, e.problem());
        assertEquals("keep me", Files.readString(file));
        ResultsIO.write(ResultsFixtures.random(1), file, true);
        assertEquals(ResultsFixtures.random(1), ResultsIO.read(file));
    }

    @Test
    void malformedJsonIsOneLineResultsInvalid() {
        assertInvalid("{\"schema_version\": 1, ", "malformed JSON");
        assertInvalid("[1, 2]", "expected a JSON object");
        assertInvalid("{\"name\": \"some other tool\"}", "schema_version");
    }

    @Test
    void foreignSchemaVersionIsRejected() {
        assertInvalid(edit(o -> o.put("schema_version", 2)), "schema_version 2");
    }

    @Test
    void schemaViolationsAreRejected() {
        assertInvalid(edit(o -> o.remove("machine")), "machine");
        assertInvalid(edit(o -> o.put("unexpected", 1)), "unexpected");
        assertInvalid(edit(o -> instance(o).put("verdict", "MAYBE")), "verdict");
        assertInvalid(edit(o -> instance(o).put("margin", "0x1p-3")), "margin");
        assertInvalid(edit(o -> claim(o).put("kind", "AXIOM")), "kind");
        assertInvalid(edit(o -> ((ObjectNode) claim(o).get("counts")).put("PROVED", -1)), "PROVED");
        assertInvalid(edit(o -> claim(o).put("statement", "two\nlines")), "statement");
        assertInvalid(edit(o -> ((ObjectNode) o.get("tool")).put("name", "other")), "name");
    }

    @Test
    void countsThatDisagreeWithInstancesAreRejected() {
        assertInvalid(edit(o -> ((ObjectNode) claim(o).get("counts")).put("PROVED", 99)), "do not match");
    }

    @Test
    void storedStatusMustMatchTheCounts() {
        assertInvalid(edit(o -> claim(o).put("status", "FAIL")), "status FAIL");
    }

    @Test
    void storedMarginsMustMatchTheInstances() {
        assertInvalid(edit(o -> claim(o).put("worst_margin", "123")), "worst_margin 123");
        assertInvalid(edit(o -> claim(o).put("median_margin", "-5")), "median_margin -5");
    }

    @Test
    void duplicateClaimIdsAreRejected() {
        ClaimResult c = ResultsFixtures.claimWith("lemma-3", ClaimKind.LEMMA, 1, Verdict.PROVED);
        String json = ResultsIO.toJson(ResultsFixtures.results(c));
        ObjectNode o = (ObjectNode) tree(json);
        o.withArray("claims").add(o.withArray("claims").get(0).deepCopy());
        assertInvalid(o.toString(), "appears twice");
    }

    @Test
    void instanceSeedsAreWrittenUnsignedAndReadBackToTheSameBits() {
        ClaimResult c = new ClaimRecorder("lemma-3", ClaimKind.LEMMA, "Lemma 3", "s")
                .add(InstanceResult.of(-1L, "f", java.util.List.of(1, 1), Verdict.PROVED, "exact"))
                .add(InstanceResult.of(Long.MIN_VALUE, "f", java.util.List.of(1, 1), Verdict.PROVED, "exact")).finish();
        String json = ResultsIO.toJson(ResultsFixtures.results(c));
        assertTrue(json.contains("\"seed\" : 18446744073709551615,"), json);
        assertTrue(json.contains("\"seed\" : 9223372036854775808,"), json);
        Results back = ResultsIO.parse(json, "x.json");
        assertEquals(-1L, back.claims().get(0).instances().get(0).seed());
        assertEquals(Long.MIN_VALUE, back.claims().get(0).instances().get(1).seed());
    }

    @Test
    void seedsOutsideSixtyFourUnsignedBitsAreRejected() {
        assertInvalid(edit(o -> instance(o).put("seed", -1)), "seed");
        assertInvalid(edit(o -> instance(o).put("seed", new java.math.BigInteger("18446744073709551616"))), "seed");
    }

    @Test
    void missingFileIsFileMissing() {
        UserError e = assertThrows(UserError.class, () -> ResultsIO.read(dir.resolve("nope.json")));
        assertEquals(Problem.FILE_MISSING, e.problem());
    }

    private static ObjectNode claim(ObjectNode root) {
        return (ObjectNode) root.withArray("claims").get(0);
    }

    private static ObjectNode instance(ObjectNode root) {
        return (ObjectNode) claim(root).withArray("instances").get(0);
    }

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode o = (ObjectNode) tree(ResultsIO.toJson(ResultsFixtures.random(42)));
        change.accept(o);
        return o.toString();
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertInvalid(String json, String mentions) {
        UserError e = assertThrows(UserError.class, () -> ResultsIO.parse(json, "bad.json"));
        assertEquals(Problem.RESULTS_INVALID, e.problem());
        assertTrue(e.getMessage().startsWith("bad.json: not a results file of this tool"), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
