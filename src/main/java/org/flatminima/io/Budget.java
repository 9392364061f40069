package org.flatminima.io;

import java.util.Locale;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * Resource estimates made before a job allocates: a job whose estimate exceeds the Java heap, or a
 * network with more parameters than {@code --max-parameters} allows, is refused with one line that
 * names the size and how to allow it, instead of ending in an {@link OutOfMemoryError} or a run
 * that never ends.
 */
public final class Budget {
    /** The default of {@code --max-parameters}: N above this is refused unless the user raises it. */
    public static final long DEFAULT_MAX_PARAMETERS = 4096;

    /** The share of the free heap a single allocation may take. */
    private static final double HEAP_SHARE = 0.8;

    private Budget() {}

    /** Bytes the heap can still grow by: the maximum heap less what is in use now. */
    public static long availableHeapBytes() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /** Refuses {@code what} when it needs more than {@code bytes} of the available heap. */
    public static void requireHeap(Object what, long bytes) {
        long avail = (long) (availableHeapBytes() * HEAP_SHARE);
        if (bytes < 0 || bytes > avail) {
            throw new UserError(Problem.TOO_LARGE, what, bytes(bytes < 0 ? Long.MAX_VALUE : bytes),
                    "the " + bytes(avail) + " of Java heap available",
                    "give Java a larger heap through FLATMINIMA_JAVA_OPTS (e.g. FLATMINIMA_JAVA_OPTS=-Xmx16g)");
        }
    }

    /** Refuses a network of {@code n} parameters when {@code n > max}; {@code what} names the input. */
    public static void requireParameters(Object what, long n, long max) {
        if (n > max) {
            throw new UserError(Problem.TOO_MANY_PARAMETERS, what, n, max, n);
        }
    }

    /** {@code a * b}, or {@link Long#MAX_VALUE} when that overflows (sizes saturate instead of wrapping). */
    public static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code a + b}, saturating at {@link Long#MAX_VALUE}. */
    public static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A byte count for people: {@code 3.0 GiB}, {@code 512 MiB}, {@code 900 bytes}. */
    public static String bytes(long b) {
        if (b == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (b < 1024) {
            return b + " bytes";
        }
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
