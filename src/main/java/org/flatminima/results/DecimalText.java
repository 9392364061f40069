package org.flatminima.results;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Decimal strings as results files store them (margins, tolerances): exact text, parsed to BigDecimal. */
public final class DecimalText {
    /** The accepted syntax; the JSON Schema uses the same pattern. */
    public static final Pattern SYNTAX = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private DecimalText() {}

    /** Parses {@code text}; throws IllegalArgumentException naming {@code what} if it is not a decimal. */
    public static BigDecimal parse(String text, String what) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " is not a decimal number: " + text);
        }
        return new BigDecimal(text);
    }

    /** The exact text of {@code value} (scientific notation for very small or large values), or null. */
    public static String text(BigDecimal value) {
        if (value == null) {
            return null;
        }
        // BigDecimal's own text (e.g. "1.5E-30", "1E+5") is exact and matches SYNTAX.
        return value.toString();
    }

    /** A short human-readable form with about {@code digits} significant digits, for tables. */
    public static String shortText(BigDecimal value, int digits) {
        if (value == null) {
            return "-";
        }
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal r = value.round(new java.math.MathContext(digits));
        int exponent = r.precision() - r.scale() - 1;
        if (exponent >= -3 && exponent < 6) {
            return r.stripTrailingZeros().toPlainString();
        }
        BigDecimal mantissa = r.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }
}
