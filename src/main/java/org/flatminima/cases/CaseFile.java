package org.flatminima.cases;

import org.flatminima.io.Budget;
import org.flatminima.io.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.linalg.GaussJordan;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;

/**
 * Reads and writes case files: one linear network with its problem, as JSON
 * <pre>
 *   {"layers": [W1, ..., Wm], "sigma_x": optional, "target": optional}
 * </pre>
 * or, instead of the moments, samples {@code "x"} (n input vectors) and {@code "y"} (n output
 * vectors), from which Sigma_x = (1/n) sum x x^T and T = Sigma_yx Sigma_x^{-1}. A matrix is a list of
 * rows; an entry is a JSON number, a decimal string or a rational string "p/q", always taken at its
 * exact value. Other top-level fields (e.g. "description", "family", "seed") are kept as metadata.
 * Every defect is reported as a one-line {@link UserError} naming the file, the field and the entry.
 */
public final class CaseFile {
    private static final Set<String> KNOWN = Set.of("layers", "sigma_x", "target", "x", "y");
    private static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    /** A case read from a file: the exact network, plus the samples when the file gave them. */
    public record Case(Path path, LinearNetwork<Rational> network, Matrix<Rational> samplesX,
                       Matrix<Rational> samplesY, ObjectNode metadata) {
        /** True if the moments were computed from samples. */
        public boolean fromSamples() {
            return samplesX != null;
        }
    }

    private CaseFile() {}

    /** Reads and validates a case file. */
    public static Case read(Path path) {
        String name = path.toString();
        String text;
        try {
            if (Files.isRegularFile(path)) {
                // the JSON tree and the exact numbers take tens of bytes per byte of text
                Budget.requireHeap(name, Budget.times(Files.size(path), 40));
            }
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new UserError(Problem.FILE_MISSING, name);
        } catch (IOException | SecurityException e) {
            throw new UserError(Problem.FILE_UNREADABLE, name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserError(Problem.JSON_MALFORMED, name, Json.plain(e));
        }
        if (root == null || !root.isObject()) {
            throw new UserError(Problem.FIELD_WRONG_TYPE, name, "(the top level)", "a JSON object");
        }
        return parse(name, path, (ObjectNode) root);
    }

    /** Validates an already parsed case object; {@code name} labels errors. */
    public static Case parse(String name, Path path, ObjectNode root) {
        JsonNode layersNode = root.get("layers");
        if (layersNode == null) {
            throw new UserError(Problem.FIELD_MISSING, name, "layers");
        }
        if (!layersNode.isArray()) {
            throw new UserError(Problem.FIELD_WRONG_TYPE, name, "\"layers\"", "a list of matrices");
        }
        if (layersNode.isEmpty()) {
            throw new UserError(Problem.NO_LAYERS, name);
        }
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (int k = 0; k < layersNode.size(); k++) {
            layers.add(matrix(name, "layer W" + (k + 1), layersNode.get(k)));
        }
        for (int k = 1; k < layers.size(); k++) {
            Matrix<Rational> prev = layers.get(k - 1);
            Matrix<Rational> cur = layers.get(k);
            if (cur.cols() != prev.rows()) {
                throw new UserError(Problem.LAYER_CHAIN_MISMATCH, name, k + 1, cur.rows(), cur.cols(), k, prev.rows(),
                        k + 1, prev.rows());
            }
        }
        int dx = layers.get(0).cols();
        int dy = layers.get(layers.size() - 1).rows();
        boolean hasSamples = root.has("x") || root.has("y");
        if (hasSamples && (root.has("sigma_x") || root.has("target"))) {
            throw new UserError(Problem.SAMPLES_INCONSISTENT, name,
                    "give either the moments (sigma_x, target) or the samples (x, y), not both");
        }
        Matrix<Rational> sigma = null;
        Matrix<Rational> target = null;
        Matrix<Rational> xs = null;
        Matrix<Rational> ys = null;
        if (hasSamples) {
            if (!root.has("x") || !root.has("y")) {
                throw new UserError(Problem.FIELD_MISSING, name, root.has("x") ? "y" : "x");
            }
            xs = matrix(name, "x", root.get("x"));
            ys = matrix(name, "y", root.get("y"));
            if (xs.rows() != ys.rows()) {
                throw new UserError(Problem.SAMPLES_INCONSISTENT, name,
                        "x has " + xs.rows() + " samples but y has " + ys.rows());
            }
            if (xs.cols() != dx) {
                throw new UserError(Problem.SAMPLES_INCONSISTENT, name,
                        "x samples have length " + xs.cols() + " but W1 takes inputs of length " + dx);
            }
            if (ys.cols() != dy) {
                throw new UserError(Problem.SAMPLES_INCONSISTENT, name,
                        "y samples have length " + ys.cols() + " but W" + layers.size() + " gives outputs of length " + dy);
            }
            Rational invN = Rational.of(1, xs.rows());
            sigma = xs.transpose().multiply(xs).scale(invN);
            Matrix<Rational> syx = ys.transpose().multiply(xs).scale(invN);
            Matrix<Rational> inv = GaussJordan.inverse(sigma);
            if (inv == null) {
                throw new UserError(Problem.SAMPLES_RANK_DEFICIENT, name, rank(sigma), dx);
            }
            target = syx.multiply(inv);
        } else {
            if (root.has("sigma_x") && !root.get("sigma_x").isNull()) {
                sigma = matrix(name, "sigma_x", root.get("sigma_x"));
                if (sigma.rows() != dx || sigma.cols() != dx) {
                    throw new UserError(Problem.SIGMA_NOT_SQUARE, name, sigma.rows(), sigma.cols(), dx, dx);
                }
                for (int i = 0; i < dx; i++) {
                    for (int j = i + 1; j < dx; j++) {
                        if (!sigma.get(i, j).equals(sigma.get(j, i))) {
                            throw new UserError(Problem.SIGMA_NOT_SYMMETRIC, name, i + 1, j + 1, sigma.get(i, j),
                                    j + 1, i + 1, sigma.get(j, i));
                        }
                    }
                }
                int bad = GaussJordan.firstNonPositivePivot(sigma);
                if (bad >= 0) {
                    throw new UserError(Problem.SIGMA_NOT_POSITIVE_DEFINITE, name,
                            "its leading " + (bad + 1) + "x" + (bad + 1) + " block is not positive definite");
                }
            }
            if (root.has("target") && !root.get("target").isNull()) {
                target = matrix(name, "target", root.get("target"));
                if (target.rows() != dy || target.cols() != dx) {
                    throw new UserError(Problem.TARGET_WRONG_SHAPE, name, target.rows(), target.cols(), dy, dx);
                }
            }
        }
        ObjectNode meta = Json.mapper().createObjectNode();
        Iterator<String> it = root.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                meta.set(f, root.get(f));
            }
        }
        LinearNetwork<Rational> net = new LinearNetwork<>(Q, layers, sigma, target);
        return new Case(path, net, xs, ys, meta);
    }

    private static int rank(Matrix<Rational> m) {
        Rational[][] a = m.toArray();
        int rank = 0;
        int rows = a.length;
        int cols = rows == 0 ? 0 : a[0].length;
        for (int c = 0; c < cols && rank < rows; c++) {
            int p = -1;
            for (int r = rank; r < rows; r++) {
                if (!a[r][c].isZero()) {
                    p = r;
                    break;
                }
            }
            if (p < 0) {
                continue;
            }
            Rational[] t = a[p];
            a[p] = a[rank];
            a[rank] = t;
            for (int r = rank + 1; r < rows; r++) {
                Rational f = a[r][c].divide(a[rank][c]);
                for (int j = c; j < cols; j++) {
                    a[r][j] = a[r][j].subtract(f.multiply(a[rank][j]));
                }
            }
            rank++;
        }
        return rank;
    }

    /** A matrix field: a non-empty list of equally long rows of exact numbers. */
    public static Matrix<Rational> matrix(String file, String what, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new UserError(Problem.FIELD_WRONG_TYPE, file, what, "a matrix (a list of rows)");
        }
        if (node.isEmpty()) {
            throw new UserError(Problem.MATRIX_EMPTY, file, what);
        }
        int rows = node.size();
        int cols = -1;
        Rational[][] out = new Rational[rows][];
        for (int i = 0; i < rows; i++) {
            JsonNode row = node.get(i);
            if (!row.isArray()) {
                throw new UserError(Problem.FIELD_WRONG_TYPE, file, what + " row " + (i + 1), "a list of numbers");
            }
            if (cols < 0) {
                cols = row.size();
                if (cols == 0) {
                    throw new UserError(Problem.MATRIX_EMPTY, file, what);
                }
            } else if (row.size() != cols) {
                throw new UserError(Problem.MATRIX_RAGGED, file, what, i + 1, row.size(), cols);
            }
            out[i] = new Rational[cols];
            for (int j = 0; j < cols; j++) {
                out[i][j] = number(file, what + " entry (" + (i + 1) + "," + (j + 1) + ")", row.get(j));
            }
        }
        return Matrix.of(Q, out);
    }

    /**
     * The largest decimal exponent accepted in an entry: {@code 1e1000} and {@code 1e-1000} are read,
     * {@code 1e100000000} is refused at once instead of expanding to a hundred million digits.
     */
    public static final int MAX_DECIMAL_EXPONENT = 1000;

    /** One exact number: a JSON number, a decimal string, or "p/q". */
    static Rational number(String file, String where, JsonNode v) {
        if (v.isNumber()) {
            if (v.isIntegralNumber()) {
                return Rational.of(v.bigIntegerValue());
            }
            return Rational.of(bounded(file, where, v.decimalValue(), v.toString()));
        }
        if (!v.isTextual()) {
            throw new UserError(Problem.NUMBER_MALFORMED, file, where, v.toString());
        }
        String s = v.asText().trim();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.matches("[-+]?(nan|inf|infinity)")) {
            throw new UserError(Problem.NUMBER_NOT_FINITE, file, where, s);
        }
        try {
            if (s.indexOf('/') < 0) {
                return Rational.of(bounded(file, where, new java.math.BigDecimal(s), s));
            }
            return Rational.parse(s);
        } catch (ArithmeticException e) {
            throw new UserError(Problem.ZERO_DENOMINATOR, file, where, s);
        } catch (NumberFormatException e) {
            throw new UserError(Problem.NUMBER_MALFORMED, file, where, "\"" + s + "\"");
        }
    }

    /** {@code d} if its decimal exponent is within {@link #MAX_DECIMAL_EXPONENT}, else a one-line error. */
    private static java.math.BigDecimal bounded(String file, String where, java.math.BigDecimal d, String text) {
        long exponent = (long) d.precision() - d.scale() - 1;
        if (d.signum() != 0 && (Math.abs(exponent) > MAX_DECIMAL_EXPONENT || Math.abs((long) d.scale()) > 100_000)) {
            throw new UserError(Problem.NUMBER_OUT_OF_RANGE, file, where, text.length() > 40
                    ? text.substring(0, 40) + "..." : text, MAX_DECIMAL_EXPONENT);
        }
        if (d.signum() == 0 && Math.abs((long) d.scale()) > 100_000) {
            return java.math.BigDecimal.ZERO;
        }
        return d;
    }

    /** The JSON form of an exact network, as {@link #read} accepts it (entries as exact strings). */
    public static ObjectNode toJson(LinearNetwork<Rational> net, boolean writeSigma, boolean writeTarget) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode layers = root.putArray("layers");
        for (Matrix<Rational> w : net.layers()) {
            layers.add(matrixJson(w));
        }
        if (writeSigma && !net.sigmaIsIdentity()) {
            root.set("sigma_x", matrixJson(net.sigmaX()));
        }
        if (writeTarget) {
            root.set("target", matrixJson(net.target()));
        }
        return root;
    }

    /** A matrix as rows of exact strings ("p/q" or integers). */
    public static ArrayNode matrixJson(Matrix<Rational> m) {
        ArrayNode rows = Json.mapper().createArrayNode();
        for (int i = 0; i < m.rows(); i++) {
            ArrayNode row = rows.addArray();
            for (int j = 0; j < m.cols(); j++) {
                row.add(m.get(i, j).toString());
            }
        }
        return rows;
    }
}
