package org.flatminima.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.cli.GenerateCommand;
import org.flatminima.generate.ExactNetwork;
import org.flatminima.generate.Family;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two spectrum paths of inspect, on the same small cases: every eigenvalue at D digits, or (beyond the limit)
 * lambda_max and lambda_min refined to D digits and the rest in double. Both must report the same extreme values and
 * the same verdicts, and each must say how its listed eigenvalues were computed.
 */
class InspectionSpectrumPathsTest extends QuietTest {
    @TempDir
    Path dir;

    private CaseFile.Case write(String name, String json) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return CaseFile.read(f);
    }

    private CaseFile.Case write(ExactNetwork n) throws IOException {
        return write(n.family() + "-" + n.seed() + ".json", Json.mapper().writeValueAsString(GenerateCommand.toCase(n)));
    }

    private static void assertClose(String a, String b, int digits, String what) {
        BigDecimal x = new BigDecimal(a);
        BigDecimal y = new BigDecimal(b);
        BigDecimal tol = x.abs().max(BigDecimal.ONE).movePointLeft(digits - 2);
        assertTrue(x.subtract(y).abs().compareTo(tol) <= 0, what + ": " + a + " vs " + b);
    }

    private static void assertSamePaths(CaseFile.Case c, int digits) {
        int n = c.network().parameterCount();
        ObjectNode full = Inspection.run(c, digits, Integer.MAX_VALUE);
        ObjectNode fast = Inspection.run(c, digits, 0);
        assertClose(full.get("lambda_max").asText(), fast.get("lambda_max").asText(), digits, "lambda_max");
        assertClose(full.get("lambda_min").asText(), fast.get("lambda_min").asText(), digits, "lambda_min");
        assertEquals(full.get("verdicts"), fast.get("verdicts"));
        assertEquals(full.get("is_flattest"), fast.get("is_flattest"));
        assertEquals(n, fast.get("hessian_eigenvalues").size());
        assertTrue(full.get("hessian_eigenvalues_method").asText().startsWith(digits + " digits"),
                full.get("hessian_eigenvalues_method").asText());
        assertTrue(fast.get("hessian_eigenvalues_method").asText().startsWith("double precision"),
                fast.get("hessian_eigenvalues_method").asText());
        for (int i = 0; i < n; i++) { // the double list agrees with the D-digit one to double accuracy
            double a = Double.parseDouble(full.get("hessian_eigenvalues").get(i).asText());
            double b = Double.parseDouble(fast.get("hessian_eigenvalues").get(i).asText());
            double scale = Math.max(1, Math.abs(Double.parseDouble(full.get("lambda_max").asText())));
            assertTrue(Math.abs(a - b) <= 1e-12 * scale, "eigenvalue " + i + ": " + a + " vs " + b);
        }
    }

    @Test
    void offAMinimumTheEnclosureIsCertifiedFromTheRayleighQuotientAndOneInertia() throws IOException {
        CaseFile.Case c = write(Family.RANDOM_TARGET.generate(1L, new int[] {3, 4, 3}));
        ObjectNode fast = Inspection.run(c, 40, 0);
        ObjectNode full = Inspection.run(c, 40, Integer.MAX_VALUE);
        assertTrue(fast.get("lambda_max_enclosure").get("method").asText().contains("Rayleigh quotient"),
                fast.get("lambda_max_enclosure").toString());
        BigDecimal lo = new BigDecimal(fast.get("lambda_max_enclosure").get("lower").asText());
        BigDecimal hi = new BigDecimal(fast.get("lambda_max_enclosure").get("upper").asText());
        BigDecimal top = new BigDecimal(full.get("lambda_max").asText());
        assertTrue(lo.compareTo(top) <= 0 && top.compareTo(hi) <= 0, lo + " <= " + top + " <= " + hi);
        assertTrue(hi.subtract(lo).compareTo(top.abs().add(BigDecimal.ONE).movePointLeft(30)) < 0, "width " + hi.subtract(lo));
    }

    @Test
    void theExactRayleighQuotientBoundsTheLargestEigenvalueFromBelow() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1; x = (1, 1) gives 3, x = (1, 0) gives 2, x = (1, -1) gives 1
        org.flatminima.numbers.Rational[][] a = {
            {org.flatminima.numbers.Rational.TWO, org.flatminima.numbers.Rational.ONE},
            {org.flatminima.numbers.Rational.ONE, org.flatminima.numbers.Rational.TWO}};
        assertEquals(org.flatminima.numbers.Rational.of(3), Inspection.rayleighQuotient(a,
                new org.flatminima.numbers.Rational[] {org.flatminima.numbers.Rational.ONE, org.flatminima.numbers.Rational.ONE}));
        assertEquals(org.flatminima.numbers.Rational.of(2), Inspection.rayleighQuotient(a,
                new org.flatminima.numbers.Rational[] {org.flatminima.numbers.Rational.ONE, org.flatminima.numbers.Rational.ZERO}));
    }

    @Test
    void bothPathsAgreeAtAFlattestAndANonFlattestMinimum() throws IOException {
        assertSamePaths(write(Family.FLATTEST_GAUGED.generate(3L, new int[] {3, 3, 3, 3})), 40);
        assertSamePaths(write(Family.NON_FLATTEST.generate(5L, new int[] {2, 3, 2})), 40);
    }

    @Test
    void bothPathsAgreeOffAMinimumWithNegativeEigenvalues() throws IOException {
        CaseFile.Case c = write("off.json", "{\"layers\": [[[1, 2], [0, 1]], [[1, 1]]], \"target\": [[\"1/2\", 3]]}");
        assertSamePaths(c, 60);
        assertTrue(new BigDecimal(Inspection.run(c, 60, 0).get("lambda_min").asText()).signum() < 0);
    }
}
