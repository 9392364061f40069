package org.flatminima.report;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimStatus;
import org.flatminima.results.DecimalText;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flatminima.results.Verdict;
import org.flatminima.io.Json;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** The committed JSON Schema itself: a valid 2020-12 schema that agrees with the Java model. */
class ResultsSchemaTest extends QuietTest {
    private static JsonNode schema() throws Exception {
        try (InputStream in = ResultsIO.class.getResourceAsStream(ResultsIO.SCHEMA_RESOURCE)) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void schemaIsValidAgainstTheDraft202012MetaSchema() throws Exception {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertEquals(Set.of(), meta.validate(schema()));
        // Negative control: a broken schema is caught by the same check.
        com.fasterxml.jackson.databind.node.ObjectNode broken = (com.fasterxml.jackson.databind.node.ObjectNode) schema();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/properties/machine")).put("type", 5);
        assertTrue(!meta.validate(broken).isEmpty());
    }

    @Test
    void schemaEnumsMatchTheJavaEnums() throws Exception {
        JsonNode s = schema();
        assertEquals(names(Verdict.values()), texts(s.at("/$defs/verdict/enum")));
        assertEquals(names(ClaimKind.values()), texts(s.at("/$defs/claim/properties/kind/enum")));
        assertEquals(names(ClaimStatus.values()), texts(s.at("/$defs/claim/properties/status/enum")));
        assertEquals(names(Verdict.values()), texts(s.at("/$defs/claim/properties/counts/required")));
        assertEquals(Results.SCHEMA_VERSION, s.at("/properties/schema_version/const").asInt());
    }

    @Test
    void decimalPatternIsTheOneTheJavaCodeUses() throws Exception {
        String pattern = schema().at("/$defs/decimal/pattern").asText();
        assertEquals("^" + DecimalText.SYNTAX.pattern() + "$", pattern);
        for (String ok : List.of("0", "-1.5", "2.5E-30", "1e+5", "10")) {
            assertTrue(DecimalText.SYNTAX.matcher(ok).matches(), ok);
        }
        for (String bad : List.of("01", ".5", "1.", "NaN", "Infinity", "0x10", "1/2", "")) {
            assertTrue(!DecimalText.SYNTAX.matcher(bad).matches(), bad);
        }
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.name());
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
