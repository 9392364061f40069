package org.flatminima.flatness;

/**
 * A three-valued comparison of two Monte-Carlo estimates: which of two minima is flatter by one
 * measure, decided only when their intervals (estimate +- z standard errors, or given intervals) do not
 * overlap; UNDECIDED otherwise, and never a pass for either side.
 */
public enum Ordering {
    FIRST_FLATTER, SECOND_FLATTER, UNDECIDED;

    /**
     * Orders by a "sharper is larger" quantity (local energy, lambda_max) with standard errors.
     *
     * @param z the number of standard errors each side (e.g. 2)
     */
    public static Ordering bySharpness(double first, double firstError, double second, double secondError, double z) {
        if (first + z * firstError < second - z * secondError) {
            return FIRST_FLATTER;
        }
        if (second + z * secondError < first - z * firstError) {
            return SECOND_FLATTER;
        }
        return UNDECIDED;
    }

    /** Orders by a "flatter is larger" quantity (local entropy) given as intervals. */
    public static Ordering byFlatnessIntervals(double firstLow, double firstHigh, double secondLow, double secondHigh) {
        if (firstLow > secondHigh) {
            return FIRST_FLATTER;
        }
        if (secondLow > firstHigh) {
            return SECOND_FLATTER;
        }
        return UNDECIDED;
    }

    public String label() {
        return switch (this) {
            case FIRST_FLATTER -> "first flatter";
            case SECOND_FLATTER -> "second flatter";
            case UNDECIDED -> "undecided (intervals overlap)";
        };
    }
}
