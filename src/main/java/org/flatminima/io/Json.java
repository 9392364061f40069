package org.flatminima.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The project's one JSON configuration: exact decimals, no silent coercions, stable key order. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {}

    /**
     * A one-line description of a JSON error for the user: what is wrong and where (line and column),
     * without the library's internals (class names, feature switches, source dumps, reference chains).
     */
    public static String plain(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() != null
                && e.getCause().getMessage() != null) {
            m = e.getCause().getMessage();
        }
        m = m.replaceAll("\\s*\\([^()]*(Feature|feature|StreamReadConstraints|enable|disable)[^()]*\\)", "")
                .replaceAll("`?(java\\.|com\\.fasterxml\\.|org\\.flatminima\\.)[A-Za-z0-9_.$]*`?", "a value")
                .replace("`", "")
                .replaceAll("\\s*[\\r\\n]+\\s*", " ")
                .trim();
        if (m.length() > 200) {
            m = m.substring(0, 200) + "...";
        }
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            m += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return m;
    }

    /** The shared mapper (thread-safe once configured; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
