package org.flatminima.nn;

import java.util.Locale;

/** The floating-point type a network computes in. */
public enum Precision {
    FLOAT32,
    FLOAT64;

    /** The unit roundoff u = 2^-p of this type (2^-24 for float32, 2^-53 for float64). */
    public double unitRoundoff() {
        return this == FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /** Bytes per element. */
    public int bytes() {
        return this == FLOAT32 ? 4 : 8;
    }

    /** The lower-case name used on the command line and in results ({@code float32}, {@code float64}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
