package org.flatminima.certificates;

import org.flatminima.exact.CertificateLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flatminima.claims.CheckRunner;
import org.flatminima.claims.CheckSettings;
import org.flatminima.claims.ClaimRegistry;
import org.flatminima.io.Json;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool's certificates pass the independent Python checker (checker/flatminima_check.py), and tampered
 * ones fail it. Skipped, saying so, where python3 is not installed.
 */
class IndependentCheckerTest extends QuietTest {
    private static final Path CHECKER = Path.of("checker", "flatminima_check.py");

    private static List<Certificate> certify(String... claims) {
        CheckRunner runner = new CheckRunner(new CheckSettings(30, 3, 3), 1, null).withCertificates(true);
        ClaimRegistry registry = ClaimRegistry.standard();
        List<Certificate> out = new ArrayList<>();
        for (String id : claims) {
            CheckRunner.ClaimRun run = runner.runClaim(registry.get(id), 3, 5, Double.POSITIVE_INFINITY, null);
            for (CheckRunner.InstanceRun r : run.runs()) {
                if (r.outcome().verdict().isRigorous()) {
                    assertNotNull(r.certificate(), id + ": a " + r.outcome().verdict() + " instance without a certificate");
                } else {
                    assertNull(r.certificate(), id + ": a certificate for " + r.outcome().verdict());
                }
                if (r.certificate() != null) {
                    out.add(r.certificate());
                }
            }
        }
        return out;
    }

    static String python() {
        for (String p : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process pr = new ProcessBuilder(p, "--version").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(20, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return p;
                }
            } catch (java.io.IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return null;
    }

    static int check(String python, Path file, StringBuilder out) throws Exception {
        Process p = new ProcessBuilder(python, CHECKER.toString(), file.toString()).redirectErrorStream(true).start();
        out.append(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the checker did not finish");
        return p.exitValue();
    }

    @Test
    void certificatesPassTheIndependentCheckerAndTamperedOnesFail(@TempDir Path dir) throws Exception {
        String python = python();
        Assumptions.assumeTrue(python != null, "skipped because python3 is not installed");
        List<Certificate> certs = certify("theorem1.sharpness", "theorem1.lower-bound", "theorem2.ii", "theorem3.i", "lemma3",
                "scalar.eq10", "section5.lower-bound");
        assertTrue(certs.size() >= 8, "too few certified instances: " + certs.size());
        ObjectNode doc = CertificateWriter.toJson(certs);
        Path good = CertificateWriter.write(dir.resolve("good.json"), doc);
        StringBuilder out = new StringBuilder();
        assertEquals(0, check(python, good, out), out.toString());
        assertTrue(out.toString().contains(certs.size() + " valid, 0 invalid, 0 unsupported, 0 missing"), out.toString());

        // a changed pivot sign in the Hessian's LDL^T
        ObjectNode signFlipped = doc.deepCopy();
        for (JsonNode c : signFlipped.get("certificates")) {
            for (JsonNode f : c.get("facts")) {
                if (f.get("matrix").asText().startsWith("hessian")) {
                    ArrayNode block = (ArrayNode) f.get("blocks").get(0).get(0);
                    String d = block.get(0).asText();
                    block.set(0, Json.mapper().getNodeFactory().textNode(d.startsWith("-") ? d.substring(1) : "-" + d));
                    break;
                }
            }
        }
        out.setLength(0);
        assertEquals(1, check(python, CertificateWriter.write(dir.resolve("sign.json"), signFlipped), out), out.toString());

        // a perturbed entry of the case: the checker's own Hessian no longer matches the witnesses
        ObjectNode perturbed = doc.deepCopy();
        ArrayNode row = (ArrayNode) perturbed.get("certificates").get(0).get("case").get("layers").get(0).get(0);
        row.set(0, Json.mapper().getNodeFactory().textNode(
                org.flatminima.numbers.Rational.parse(row.get(0).asText()).add(org.flatminima.numbers.Rational.of(1, 3)).toString()));
        out.setLength(0);
        assertEquals(1, check(python, CertificateWriter.write(dir.resolve("case.json"), perturbed), out), out.toString());
        assertTrue(out.toString().contains("invalid"), out.toString());
    }

    @Test
    void theClaimsMarkedCompleteAreTheOnesTheCheckerVerifies() throws Exception {
        String text = java.nio.file.Files.readString(CHECKER);
        String table = text.substring(text.indexOf("VERIFIERS = {"), text.indexOf("}", text.indexOf("VERIFIERS = {")));
        java.util.Set<String> verified = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([a-z0-9.-]+)\":").matcher(table);
        while (m.find()) {
            verified.add(m.group(1));
        }
        assertEquals(new java.util.TreeSet<>(Certificate.COMPLETE), verified);
    }

    @Test
    void everyStatementOfTheDefaultCheckHasAVerifierOrIsNumericalOnly() {
        // these decide by floating point or local search only (NUMERICAL / CONSISTENT), never PROVED or CERTIFIED
        java.util.Set<String> numericalOnly = java.util.Set.of("lemma1.i", "lemma1.ii", "stability", "conjecture.section5");
        for (org.flatminima.claims.Claim c : ClaimRegistry.standard().statements()) {
            assertTrue(Certificate.COMPLETE.contains(c.id()) || numericalOnly.contains(c.id()),
                    c.id() + ": a statement of the default check without a verifier in checker/flatminima_check.py");
        }
    }

    @Test
    void noCertificatesAreCollectedUnlessAsked() {
        CheckRunner runner = new CheckRunner(new CheckSettings(30, 3, 3), 1, null);
        CheckRunner.ClaimRun run = runner.runClaim(ClaimRegistry.standard().get("theorem4"), 2, 5, Double.POSITIVE_INFINITY, null);
        run.runs().forEach(r -> assertNull(r.certificate()));
        assertTrue(!CertificateLog.active());
    }

    @Test
    void certificatesOfUnsupportedFactsSayWhy() {
        CertificateLog log = CertificateLog.open();
        try {
            CertificateLog.unsupported("a step without a witness");
            Certificate c = Certificate.of("theorem4", "f", 1, "PROVED", "m",
null, log);
            assertTrue(!c.isComplete());
            assertEquals(List.of("a step without a witness"), c.unsupported());
            Certificate other = Certificate.of("not.a.claim", "f", 1, "PROVED", "m", null, log);
            assertTrue(other.unsupported().get(0).contains("no witness format for not.a.claim"));
        } finally {
            CertificateLog.close();
        }
    }
}
