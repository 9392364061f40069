package org.flatminima.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.io.Json;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check writes a certificate per PROVED or CERTIFIED instance; inspect --certificate writes one, never over a file. */
class CertificateCommandsTest extends QuietTest {
    @TempDir
    Path tmp;

    @Test
    void checkWritesOneCertificatePerRigorousInstance() throws Exception {
        Path out = tmp.resolve("report");
        CliRun r = CliRun.of("check", "--claims", "theorem4,lemma3", "--instances", "2", "--max-dim", "2", "--max-depth", "3",
                "--quiet", "--out", out.toString(), "--counterexamples", tmp.resolve("cex").toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        int rigorous = 0;
        for (JsonNode c : results.get("claims")) {
            rigorous += c.at("/counts/PROVED").asInt() + c.at("/counts/CERTIFIED").asInt();
        }
        JsonNode certs = Json.mapper().readTree(out.resolve(CertificateWriter.FILE_NAME).toFile());
        assertTrue(rigorous > 0);
        assertEquals(rigorous, certs.get("certificates").size());
        assertEquals(rigorous, certs.at("/counts/complete").asInt());

        Path plain = tmp.resolve("plain");
        CliRun p = CliRun.of("check", "--claims", "lemma4", "--instances", "1", "--quiet", "--no-certificates",
                "--out", plain.toString(), "--counterexamples", tmp.resolve("cex").toString());
        assertEquals(0, p.exit(), p.err());
        assertFalse(Files.exists(plain.resolve(CertificateWriter.FILE_NAME)));
    }

    @Test
    void inspectCertifiesFlatnessUnderScaledWhiteData() throws Exception {
        // Sigma_x = 3 I: H and the flattest sharpness scale by 3; the checker re-derives that and rejects Sigma_x = 2 I
        JsonNode example = Json.mapper().readTree(Path.of("test-cases/examples/eq27-small.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode scaled = (com.fasterxml.jackson.databind.node.ObjectNode) example.deepCopy();
        scaled.set("sigma_x", Json.mapper().readTree("[[\"3\", \"0\"], [\"0\", \"3\"]]"));
        Path caseFile = tmp.resolve("scaled.json");
        Files.writeString(caseFile, Json.mapper().writeValueAsString(scaled));
        Path cert = tmp.resolve("c.json");
        CliRun r = CliRun.of("inspect", caseFile.toString(), "--certificate", cert.toString(), "--out", tmp.resolve("i.txt").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = Json.mapper().readTree(cert.toFile());
        JsonNode c = doc.get("certificates").get(0);
        assertEquals("complete", c.get("status").asText(), c.toString());
        assertEquals("true", c.at("/witness/is_flattest").asText());
        String python = IndependentCheckerTest.python();
        if (python != null) {
            StringBuilder out = new StringBuilder();
            assertEquals(0, IndependentCheckerTest.check(python, cert, out), out.toString());
            ((com.fasterxml.jackson.databind.node.ObjectNode) c.get("case")).set("sigma_x",
                    Json.mapper().readTree("[[\"2\", \"0\"], [\"0\", \"2\"]]"));
            Path tampered = CertificateWriter.write(tmp.resolve("tampered.json"), (com.fasterxml.jackson.databind.node.ObjectNode) doc);
            out.setLength(0);
            assertEquals(1, IndependentCheckerTest.check(python, tampered, out), out.toString());
        }
    }

    @Test
    void inspectWritesACertificateAndKeepsAnExistingFile() throws Exception {
        Path cert = tmp.resolve("c.json");
        CliRun r = CliRun.of("inspect", "test-cases/examples/eq27-small.json", "--certificate", cert.toString(),
                "--out", tmp.resolve("i.txt").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode c = Json.mapper().readTree(cert.toFile()).get("certificates").get(0);
        assertEquals("inspect", c.get("claim").asText());
        assertEquals("complete", c.get("status").asText());
        assertTrue(c.get("facts").size() >= 1);
        String python = IndependentCheckerTest.python();
        if (python != null) { // the independent checker accepts it, and rejects a flipped is_flattest verdict
            StringBuilder out = new StringBuilder();
            assertEquals(0, IndependentCheckerTest.check(python, cert, out), out.toString());
            JsonNode doc = Json.mapper().readTree(cert.toFile());
            com.fasterxml.jackson.databind.node.ObjectNode w =
                    (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("certificates").get(0).get("witness");
            assertEquals("true", w.get("is_flattest").asText());
            w.put("is_flattest", "false");
            Path flipped = CertificateWriter.write(tmp.resolve("flipped.json"), (com.fasterxml.jackson.databind.node.ObjectNode) doc);
            out.setLength(0);
            assertEquals(1, IndependentCheckerTest.check(python, flipped, out), out.toString());
        }

        Files.writeString(tmp.resolve("mine.json"), "mine");
        CliRun again = CliRun.of("inspect", "test-cases/examples/eq27-small.json", "--certificate", tmp.resolve("mine.json").toString());
        assertEquals(2, again.exit());
        assertTrue(again.errIsOneLine(), again.err());
        assertEquals("mine", Files.readString(tmp.resolve("mine.json")));
    }
}
