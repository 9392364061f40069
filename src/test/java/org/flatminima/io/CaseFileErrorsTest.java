package org.flatminima.io;

import org.flatminima.cases.CaseFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.errors.UserError;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad case files: each gives exit 2 and one line naming the problem, never a stack trace. */
class CaseFileErrorsTest extends QuietTest {
    @TempDir
    Path dir;

    static final String GOOD = "{\"layers\": [[[\"1/2\", 0], [0, 2]], [[1, 1]]]}";

    /** Malformed files and a fragment each error line must contain. */
    static final List<String[]> CASES = List.of(
            new String[] {"{", "malformed JSON"},
            new String[] {"[]", "JSON object"},
            new String[] {"{}", "missing field \"layers\""},
            new String[] {"{\"layers\": 3}", "\"layers\""},
            new String[] {"{\"layers\": []}", "empty"},
            new String[] {"{\"layers\": [[]]}", "no entries"},
            new String[] {"{\"layers\": [[[1, 2], [3]]]}", "row 2 has 1 entries, expected 2"},
            new String[] {"{\"layers\": [[[1, 2]], [[1, 2]]]}", "layer W2 is 1x2 but W1 has 1 rows"},
            new String[] {"{\"layers\": [[[1, \"x\"]]]}", "not a number"},
            new String[] {"{\"layers\": [[[1, \"NaN\"]]]}", "not finite"},
            new String[] {"{\"layers\": [[[1, \"Infinity\"]]]}", "not finite"},
            new String[] {"{\"layers\": [[[1, \"3/0\"]]]}", "zero denominator"},
            new String[] {"{\"layers\": [[[1, true]]]}", "not a number"},
            new String[] {"{\"layers\": [[[1, 2]]], \"sigma_x\": [[1]]}", "sigma_x is 1x1, expected 2x2"},
            new String[] {"{\"layers\": [[[1, 2]]], \"sigma_x\": [[1, 2], [0, 5]]}", "not symmetric"},
            new String[] {"{\"layers\": [[[1, 2]]], \"sigma_x\": [[1, 2], [2, 1]]}", "not positive definite"},
            new String[] {"{\"layers\": [[[1, 2]]], \"target\": [[1, 2, 3]]}", "target is 1x3, expected 1x2"},
            new String[] {"{\"layers\": [[[1, 2]]], \"x\": [[1, 0]]}", "missing field \"y\""},
            new String[] {"{\"layers\": [[[1, 2]]], \"x\": [[1, 0]], \"y\": [[1], [2]]}", "x has 1 samples but y has 2"},
            new String[] {"{\"layers\": [[[1, 2]]], \"x\": [[1, 0, 1]], \"y\": [[1]]}", "length 3"},
            new String[] {"{\"layers\": [[[1, 2]]], \"x\": [[1, 1], [2, 2]], \"y\": [[1], [2]]}", "span only 1 of 2"},
            new String[] {"{\"layers\": [[[1, 2]]], \"x\": [[1, 0]], \"y\": [[1]], \"target\": [[1, 2]]}", "not both"});

    @Test
    void everyMalformedCaseGivesOneLineAndExitTwo() throws IOException {
        int i = 0;
        for (String[] c : CASES) {
            Path f = dir.resolve("bad" + i++ + ".json");
            Files.writeString(f, c[0]);
            CliRun r = CliRun.of("inspect", f.toString());
            assertEquals(UserError.EXIT_CODE, r.exit(), c[0] + " -> " + r.err());
            assertTrue(r.errIsOneLine(), c[0] + " -> " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + " -> " + r.err() + " (expected to mention: " + c[1] + ")");
            assertTrue(r.err().contains(f.toString()), "names the file: " + r.err());
        }
    }

    @Test
    void missingFileAndBadDigitsAreUserErrors() {
        CliRun r = CliRun.of("inspect", dir.resolve("nope.json").toString());
        assertEquals(UserError.EXIT_CODE, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
        CliRun d = CliRun.of("inspect", "--digits", "5", dir.resolve("nope.json").toString());
        assertEquals(UserError.EXIT_CODE, d.exit());
        assertTrue(d.errIsOneLine() && d.err().contains("--digits"), d.err());
    }

    @Test
    void fuzzedTruncationsAndMutationsNeverCrash() throws IOException {
        // random truncations and byte mutations of a good file: every outcome is exit 0 or a one-line exit 2
        Property.forAll("caseFileFuzz", 60, 21L, rnd -> {
            String text = mutate(rnd, GOOD);
            try {
                Path f = Files.createTempFile(dir, "fuzz", ".json");
                Files.writeString(f, text);
                CaseFile.read(f);
            } catch (UserError e) {
                assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String mutate(SplittableRandom rnd, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(4)) {
                case 0 -> sb.setLength(at);
                case 1 -> sb.deleteCharAt(at);
                case 2 -> sb.insert(at, "[]{},:\"-/0.e9xN".charAt(rnd.nextInt(15)));
                default -> sb.setCharAt(at, "[]{},:\"-/0.e9xN".charAt(rnd.nextInt(15)));
            }
        }
        return sb.toString();
    }

    @Test
    void readsNumbersAtTheirExactValue() throws IOException {
        Path f = dir.resolve("ok.json");
        Files.writeString(f, "{\"layers\": [[[0.1, \"1e-3\", \"-2/6\", 7]]]}");
        CaseFile.Case c = CaseFile.read(f);
        assertEquals("1/10", c.network().layer(1).get(0, 0).toString());
        assertEquals("1/1000", c.network().layer(1).get(0, 1).toString());
        assertEquals("-1/3", c.network().layer(1).get(0, 2).toString());
        assertEquals("7", c.network().layer(1).get(0, 3).toString());
    }
}
