package org.flatminima.certificates;

import org.flatminima.exact.CertificateLog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flatminima.generate.CaseJson;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.numbers.Rational;

/**
 * Writes certificates as JSON (format {@code flatminima-certificates}, schema in docs/certificates.md):
 * every exact number is a string "p/q" or an integer, every case is embedded in the case-file format
 * (layers, sigma_x, target), so a certificate re-checks with nothing but itself.
 */
public final class CertificateWriter {
    /** The file name {@code check} writes beside results.json. */
    public static final String FILE_NAME = "certificates.json";
    /** Version of the certificate schema. */
    public static final int SCHEMA_VERSION = 1;

    private CertificateWriter() {}

    /** The JSON document of a list of certificates. */
    public static ObjectNode toJson(List<Certificate> certificates) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", "flatminima-certificates");
        root.put("schema_version", SCHEMA_VERSION);
        int complete = 0;
        for (Certificate c : certificates) {
            complete += c.isComplete() ? 1 : 0;
        }
        ObjectNode counts = root.putObject("counts");
        counts.put("certificates", certificates.size());
        counts.put("complete", complete);
        counts.put("unsupported", certificates.size() - complete);
        ArrayNode list = root.putArray("certificates");
        for (Certificate c : certificates) {
            list.add(toJson(c));
        }
        return root;
    }

    /** One certificate as JSON. */
    public static ObjectNode toJson(Certificate c) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("claim", c.claim());
        o.put("family", c.family());
        o.put("seed", Long.toUnsignedString(c.seed()));
        o.put("verdict", c.verdict());
        o.put("method", c.method());
        o.put("status", c.isComplete() ? "complete" : "unsupported");
        ArrayNode reasons = o.putArray("unsupported");
        c.unsupported().forEach(reasons::add);
        o.set("case", CaseFile.toJson(c.network(), true, true));
        ObjectNode w = o.putObject("witness");
        for (Map.Entry<String, Object> e : c.witness().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Rational[] vec) {
                ArrayNode a = w.putArray(e.getKey());
                for (Rational x : vec) {
                    a.add(x.toString());
                }
            } else if (v instanceof Rational[][] mat) {
                w.set(e.getKey(), CaseJson.matrix(mat));
            } else {
                w.put(e.getKey(), String.valueOf(v));
            }
        }
        ArrayNode facts = o.putArray("facts");
        for (CertificateLog.InertiaFact f : c.facts()) {
            facts.add(toJson(f));
        }
        return o;
    }

    /** One inertia fact: "the inertia of shift I - M is (neg, zero, pos)", with P, L and D. */
    public static ObjectNode toJson(CertificateLog.InertiaFact f) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", "inertia");
        o.put("matrix", f.matrix() != null ? f.matrix() : "explicit");
        if (f.explicit() != null) {
            o.set("entries", CaseJson.matrix(f.explicit()));
        }
        o.put("shift", f.shift().toString());
        ArrayNode in = o.putArray("inertia");
        for (int x : f.inertia()) {
            in.add(x);
        }
        ArrayNode p = o.putArray("permutation");
        for (int x : f.ldl().permutation()) {
            p.add(x);
        }
        o.set("lower", CaseJson.matrix(f.ldl().lower()));
        ArrayNode blocks = o.putArray("blocks");
        for (Rational[][] b : f.ldl().blocks()) {
            blocks.add(CaseJson.matrix(b));
        }
        return o;
    }

    /** Writes the certificates beside the results in {@code dir} (atomically). */
    public static Path write(Path dir, List<Certificate> certificates) {
        return write(dir.resolve(FILE_NAME), toJson(certificates));
    }

    /** Writes a certificate document to {@code file} (atomically). */
    public static Path write(Path file, ObjectNode document) {
        try {
            SafeFiles.writeString(file, Json.mapper().writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(document) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }
}
