package org.flatminima.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;

/**
 * Reads and writes results files. Every file read or written is validated against the JSON Schema
 * {@link #SCHEMA_RESOURCE} and then checked for consistency (counts match the instances, the stored
 * status and margins match the ones derived from them, claim ids are unique). A file that fails any
 * of this is reported as the one-line {@link Problem#RESULTS_INVALID}.
 */
public final class ResultsIO {
    /** The classpath location of the JSON Schema of results files. */
    public static final String SCHEMA_RESOURCE = "/org/flatminima/results/results.schema.json";

    private static final JsonSchema SCHEMA = loadSchema();

    private ResultsIO() {}

    /**
     * Writes {@code results} to {@code file} atomically. An existing file is replaced only with
     * {@code force}. Results that would not validate are a bug of the caller (IllegalStateException).
     */
    public static void write(Results results, Path file, boolean force) {
        SafeFiles.requireWritable(file, force);
        SafeFiles.writeString(file, toJson(results));
    }

    /** The validated JSON text of {@code results}. */
    public static String toJson(Results results) {
        String text;
        JsonNode node;
        try {
            text = Json.mapper().writeValueAsString(results) + "\n";
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> problems = problems(node, results);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("results do not validate: " + String.join("; ", problems));
        }
        return text;
    }

    /** Reads and validates the results file {@code file}. */
    public static Results read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(Problem.FILE_MISSING, file);
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, file, e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses and validates results from {@code text}; {@code source} names it in error messages. */
    public static Results parse(String text, String source) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(source, "malformed JSON: " + Json.plain(e));
        }
        if (node == null || !node.isObject()) {
            throw invalid(source, "expected a JSON object");
        }
        JsonNode version = node.get("schema_version");
        if (version == null) {
            throw invalid(source, "no \"schema_version\"");
        }
        if (!version.isIntegralNumber() || version.asInt() != Results.SCHEMA_VERSION) {
            throw invalid(source, "schema_version " + version + ", this build reads " + Results.SCHEMA_VERSION);
        }
        List<String> schemaProblems = schemaProblems(node);
        if (!schemaProblems.isEmpty()) {
            throw invalid(source, summary(schemaProblems));
        }
        Results results;
        try {
            results = Json.mapper().treeToValue(node, Results.class);
        } catch (JsonProcessingException e) {
            throw invalid(source, Json.plain(e));
        } catch (IllegalArgumentException e) {
            throw invalid(source, e.getMessage());
        }
        List<String> consistency = consistencyProblems(node, results);
        if (!consistency.isEmpty()) {
            throw invalid(source, summary(consistency));
        }
        return results;
    }

    /** The schema problems of a JSON tree, one line each; empty when it validates. */
    public static List<String> schemaProblems(JsonNode node) {
        Set<ValidationMessage> messages = SCHEMA.validate(node);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            out.add(m.getMessage());
        }
        out.sort(null);
        return out;
    }

    private static List<String> problems(JsonNode node, Results results) {
        List<String> out = schemaProblems(node);
        if (out.isEmpty()) {
            out.addAll(consistencyProblems(node, results));
        }
        return out;
    }

    /** Problems a schema cannot express: derived fields that disagree with what they derive from. */
    private static List<String> consistencyProblems(JsonNode node, Results results) {
        List<String> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode claimNodes = node.get("claims");
        for (int k = 0; k < results.claims().size(); k++) {
            ClaimResult c = results.claims().get(k);
            String where = "claim " + c.id();
            if (!ids.add(c.id())) {
                out.add(where + " appears twice");
            }
            Map<Verdict, Integer> tally = ClaimRecorder.tally(c.instances());
            if (!tally.equals(c.counts())) {
                out.add(where + ": counts " + c.counts() + " do not match its instances " + tally);
            }
            String stored = claimNodes.get(k).path("status").asText();
            if (!stored.equals(c.status().name())) {
                out.add(where + ": status " + stored + " but its counts give " + c.status());
            }
            List<BigDecimal> margins = ClaimRecorder.margins(c.instances());
            BigDecimal worst = margins.isEmpty() ? null : margins.get(0);
            if (!sameNumber(worst, c.worstMarginValue())) {
                out.add(where + ": worst_margin " + c.worstMargin() + " but its instances give " + worst);
            }
            BigDecimal median = ClaimRecorder.median(margins);
            if (!sameNumber(median, c.medianMarginValue())) {
                out.add(where + ": median_margin " + c.medianMargin() + " but its instances give " + median);
            }
        }
        return out;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String summary(List<String> problems) {
        String first = problems.get(0);
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }

    private static UserError invalid(String source, String why) {
        return new UserError(Problem.RESULTS_INVALID, source, why);
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = ResultsIO.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            JsonNode schemaNode = Json.mapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
