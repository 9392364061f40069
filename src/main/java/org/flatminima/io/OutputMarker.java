package org.flatminima.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The marker file {@code .flatminima} that every output directory of the tool carries: a small JSON
 * object {@code {"tool": "flatminima", "kind": KIND, "version": V}}. {@code --force} replaces a
 * directory only when it carries this marker (or is empty), so a directory the user made is never
 * deleted. The kinds are the commands' outputs: {@code report}, {@code derivations},
 * {@code experiment}, {@code flatness}, {@code margin-flatness}, {@code regression-sweep}, ...
 */
public final class OutputMarker {
    /** The marker's file name inside an output directory. */
    public static final String FILE_NAME = ".flatminima";

    /** Markers are tiny; a larger file of that name is not one. */
    private static final long MAX_BYTES = 4096;

    /** What a marker says. */
    public record Marker(String kind, String version) {}

    private OutputMarker() {}

    /** Writes the marker of {@code kind} into {@code dir} (which must exist). */
    public static void write(Path dir, String kind) throws IOException {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("tool", "flatminima");
        m.put("kind", kind);
        m.put("version", version());
        m.put("note", "written by flatminima; --force may replace this directory whole");
        Files.writeString(dir.resolve(FILE_NAME), Json.mapper().writeValueAsString(m) + "\n");
    }

    /** The marker of {@code dir}, or empty when it has none (or a file of that name that is not one). */
    public static Optional<Marker> read(Path dir) {
        Path f = dir.resolve(FILE_NAME);
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) > MAX_BYTES) {
                return Optional.empty();
            }
            JsonNode n = Json.mapper().readTree(Files.readString(f));
            if (n == null || !n.isObject() || !"flatminima".equals(n.path("tool").asText())
                    || !n.path("kind").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Marker(n.get("kind").asText(), n.path("version").asText("unknown")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The files of a report directory as versions before markers wrote it. */
    private static final java.util.Set<String> LEGACY_REPORT = java.util.Set.of("results.json", "report.md",
            "report.html", "junit.xml", "report.tex", "figures");

    /**
     * True if {@code dir} is a report directory written before the tool marked its outputs: it holds
     * results.json, report.md, report.html and junit.xml and nothing but report.tex and figures/ besides.
     */
    public static boolean isUnmarkedReport(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            java.util.Set<String> names = new java.util.HashSet<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            return names.containsAll(java.util.List.of("results.json", "report.md", "report.html", "junit.xml"))
                    && LEGACY_REPORT.containsAll(names);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The build's version (from {@code version.properties}), or {@code unknown}. */
    static String version() {
        try (InputStream in = OutputMarker.class.getResourceAsStream("/org/flatminima/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
