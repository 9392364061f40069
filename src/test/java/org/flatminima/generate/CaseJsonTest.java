package org.flatminima.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.io.Json;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class CaseJsonTest extends QuietTest {
    private static Rational[][] read(JsonNode rows) {
        Rational[][] a = new Rational[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            a[i] = new Rational[rows.get(i).size()];
            for (int j = 0; j < a[i].length; j++) {
                a[i][j] = Rational.parse(rows.get(i).get(j).asText());
            }
        }
        return a;
    }

    @Test
    void casesRoundTripExactlyAndReplayFromTheirGenerator() {
        Property.forAll("caseRoundTrip", 10, 301L, rnd -> {
            Family f = Family.values()[rnd.nextInt(Family.values().length)];
            ExactNetwork n = f.generate(rnd.nextLong(), 3, 3);
            try {
                String text = Json.mapper().writeValueAsString(CaseJson.of(n));
                JsonNode root = Json.mapper().readTree(text);
                List<Rational[][]> layers = new ArrayList<>();
                root.get("layers").forEach(w -> layers.add(read(w)));
                assertEquals(n.depth(), layers.size());
                for (int j = 0; j < layers.size(); j++) {
                    assertTrue(RationalMatrices.equals(n.layers().get(j), layers.get(j)));
                }
                assertTrue(RationalMatrices.equals(n.target(), read(root.get("target"))));
                assertTrue(RationalMatrices.equals(n.sigmaX(), read(root.get("sigma_x"))));
                JsonNode g = root.get("generator");
                int[] dims = new int[g.get("dims").size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = g.get("dims").get(i).asInt();
                }
                ExactNetwork replayed = Family.byLabel(g.get("family").asText()).generate(g.get("seed").asLong(), dims);
                assertEquals(n, replayed);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
