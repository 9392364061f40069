package org.flatminima.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flatminima.claims.CheckRunner;
import org.flatminima.claims.CheckSettings;
import org.flatminima.claims.ClaimRegistry;
import org.flatminima.io.Json;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** The committed certificates schema is a valid 2020-12 schema and the writer's output conforms to it. */
class CertificatesSchemaTest extends QuietTest {
    private static JsonNode schemaNode() throws Exception {
        try (InputStream in = CertificatesSchemaTest.class.getResourceAsStream("/org/flatminima/certificates/certificates.schema.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void writtenCertificatesConformAndABrokenOneDoesNot() throws Exception {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertEquals(Set.of(), meta.validate(schemaNode()));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode());

        CheckRunner runner = new CheckRunner(new CheckSettings(30, 3, 3), 1, null).withCertificates(true);
        List<Certificate> certs = new ArrayList<>();
        for (String id : List.of("theorem1.lower-bound", "theorem2.ii", "scalar.eq12", "lemma4", "section5.lower-bound")) {
            runner.runClaim(ClaimRegistry.standard().get(id), 2, 3, Double.POSITIVE_INFINITY, null).runs().stream()
                    .map(CheckRunner.InstanceRun::certificate).filter(java.util.Objects::nonNull).forEach(certs::add);
        }
        assertFalse(certs.isEmpty());
        ObjectNode doc = CertificateWriter.toJson(certs);
        assertEquals(Set.of(), schema.validate(doc));

        ObjectNode broken = doc.deepCopy();
        ((ObjectNode) broken.get("certificates").get(0)).remove("facts");
        assertFalse(schema.validate(broken).isEmpty());
        ObjectNode badNumber = doc.deepCopy();
        ((ObjectNode) badNumber.get("certificates").get(0)).put("verdict", "NUMERICAL");
        assertTrue(!schema.validate(badNumber).isEmpty());
    }
}
