package org.flatminima.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flatminima.io.Json;
import org.flatminima.numbers.Rational;

/**
 * An {@link ExactNetwork} as a self-contained case file: {@code layers}, {@code sigma_x} and {@code target}
 * as rows of exact strings ("p/q" or integers), plus a {@code generator} object recording how it was made
 * (family, seed, widths, and the construction's claims), so the case replays and documents itself.
 */
public final class CaseJson {
    private CaseJson() {}

    /** The case as a JSON object (a new tree; the network is not modified). */
    public static ObjectNode of(ExactNetwork n) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode layers = root.putArray("layers");
        for (Rational[][] w : n.layers()) {
            layers.add(matrix(w));
        }
        root.set("sigma_x", matrix(n.sigmaX()));
        root.set("target", matrix(n.target()));
        ObjectNode g = root.putObject("generator");
        g.put("family", n.family());
        g.put("seed", n.seed());
        ArrayNode dims = g.putArray("dims");
        for (int d : n.dims()) {
            dims.add(d);
        }
        g.put("flattest_by_construction", n.flattestByConstruction());
        g.put("meets_a1", n.meetsA1());
        g.put("meets_a2", n.meetsA2());
        if (n.sigmaMaxT() == null) {
            g.putNull("sigma_max_t");
        } else {
            g.put("sigma_max_t", n.sigmaMaxT().toString());
        }
        if (n.sigmaMaxRoot() == null) {
            g.putNull("sigma_max_root");
        } else {
            g.put("sigma_max_root", n.sigmaMaxRoot().toString());
        }
        return root;
    }

    /** A matrix as rows of exact strings. */
    public static ArrayNode matrix(Rational[][] a) {
        ArrayNode rows = Json.mapper().createArrayNode();
        for (Rational[] row : a) {
            ArrayNode r = rows.addArray();
            for (Rational x : row) {
                r.add(x.toString());
            }
        }
        return rows;
    }
}
