package org.flatminima.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Instance seeds are 64-bit values; results files and reports show them unsigned (0 to 2^64 - 1), the
 * same way saved case files name them, while Java code holds them in a {@code long}.
 */
public final class UnsignedSeed {
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);

    private UnsignedSeed() {}

    /** The seed as an unsigned decimal. */
    public static String text(long seed) {
        return Long.toUnsignedString(seed);
    }

    /** Writes a {@code long} as its unsigned value. */
    static final class Serializer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    /** Reads an integer in [0, 2^64) into a {@code long} with the same bits. */
    static final class Deserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigInteger b = p.getBigIntegerValue();
            if (b.signum() < 0 || b.compareTo(LIMIT) >= 0) {
                return (Long) ctxt.handleWeirdNumberValue(Long.class, b, "seed must be in [0, 2^64)");
            }
            return b.longValue();
        }
    }
}
