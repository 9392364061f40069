package org.flatminima.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flatminima.results.Verdict;
import org.flatminima.model.LinearNetwork;
import org.flatminima.nn.Activation;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** The example of docs/java-api.md runs here, and the document shows it verbatim. */
class JavaApiExampleTest extends QuietTest {
    static final Path DOC = Path.of("docs", "java-api.md");

    @Test
    void theDocumentedExampleRuns() {
        // example:start
        // W_2 W_1 with W_1 = W_2 = diag(2, 1): a balanced global minimum of T = diag(4, 1).
        LinearNetwork<Rational> net = Flatminima.network(
                new String[][] {{"2", "0"}, {"0", "1"}},
                new String[][] {{"2", "0"}, {"0", "1"}});

        // Theorem 1: lambda_max(H) = 2m sigma_max(T)^(2(1-1/m)) = 2 * 2 * 4 = 16 on a flattest minimum.
        ClaimDecision d = Flatminima.decide("theorem1.sharpness", net);
        assertEquals(Verdict.PROVED, d.verdict());

        NetworkInspection in = Flatminima.inspect(net, 30);
        assertTrue(in.onGlobalMinimum());
        assertEquals("16", in.flattestSharpness());
        assertEquals(Boolean.TRUE, in.flattest());

        // The float path: sharpness of weights you trained, here the scalar network w2 w1 at w1 = w2 = 1 on
        // one sample x = 1, y = 1, whose Hessian 2 [[1, 1], [1, 1]] has top eigenvalue 4.
        SharpnessMeasurement s = Flatminima.sharpness(
                List.of(new double[][] {{1}}, new double[][] {{1}}), Activation.LINEAR,
                new double[][] {{1}}, new double[][] {{1}});
        assertEquals(4.0, s.lambdaMax(), 1e-9);
        // example:end
        assertTrue(d.holds());
        assertTrue(s.converged());
    }

    @Test
    void aSharperMinimumIsNotFlattest() {
        // Negative control: W_1 = diag(4, 1), W_2 = I reach the same T = diag(4, 1) but are not balanced.
        LinearNetwork<Rational> net = Flatminima.network(
                new String[][] {{"4", "0"}, {"0", "1"}},
                new String[][] {{"1", "0"}, {"0", "1"}});
        NetworkInspection in = Flatminima.inspect(net, 30);
        assertTrue(in.onGlobalMinimum());
        assertEquals(Boolean.FALSE, in.flattest());
        assertNotEquals(in.flattestSharpness(), in.lambdaMaxLower());
        assertFalse(Flatminima.decide("control.theorem1.non-flattest", net).holds());
    }

    @Test
    void unknownClaimsAndBrokenChainsAreRejected() {
        LinearNetwork<Rational> net = Flatminima.network(new String[][] {{"1"}});
        assertThrows(RuntimeException.class, () -> Flatminima.decide("theorem99", net));
        assertThrows(IllegalArgumentException.class, () -> Flatminima.network(
                new String[][] {{"1", "0"}}, new String[][] {{"1", "0"}}));
        assertTrue(Flatminima.claimIds().contains("theorem1.sharpness"));
    }

    @Test
    void theDocumentShowsTheExampleVerbatim() throws IOException {
        String test = Files.readString(Path.of("src/test/java/org/flatminima/api/JavaApiExampleTest.java"),
                StandardCharsets.UTF_8);
        String region = test.substring(test.indexOf("// example:start\n") + "// example:start\n".length(),
                test.indexOf("        // example:end"));
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf("```java\n");
        assertTrue(start >= 0, DOC + " has no java code block");
        String block = doc.substring(start + "```java\n".length(), doc.indexOf("```", start + 7));
        assertEquals(dedent(region, 8), block.substring(block.indexOf("// W_2 W_1")),
                DOC + " must show the example of " + getClass().getSimpleName() + " verbatim");
    }

    static String dedent(String text, int n) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            b.append(line.length() >= n ? line.substring(n) : line.strip()).append('\n');
        }
        return b.substring(0, b.length() - 1);
    }
}
