package org.flatminima.generate;

import java.util.SplittableRandom;

/**
 * Random layer widths d_0..d_m. Assumption A1 of the paper asks that no hidden layer be narrower than
 * the smaller of the input and output widths, min_j d_j &gt;= min(d_0, d_m); {@link #meetingA1} draws
 * widths that meet it and {@link #bottleneck} widths that violate it. Methods that take a random source
 * advance (modify) it.
 */
public final class RandomDimensions {
    private RandomDimensions() {}

    /** True if min_j d_j &gt;= min(d_0, d_m). */
    public static boolean meetsA1(int[] dims) {
        int p = Math.min(dims[0], dims[dims.length - 1]);
        for (int d : dims) {
            if (d < p) {
                return false;
            }
        }
        return true;
    }

    /** m + 1 equal widths d. */
    public static int[] uniform(int d, int m) {
        if (d < 1 || m < 1) {
            throw new IllegalArgumentException("need d >= 1 and m >= 1");
        }
        int[] dims = new int[m + 1];
        java.util.Arrays.fill(dims, d);
        return dims;
    }

    /**
     * Widths meeting A1: depth m uniform in [minDepth, maxDepth], d_0 and d_m uniform in [1, maxDim], each
     * hidden width uniform in [min(d_0, d_m), maxDim].
     */
    public static int[] meetingA1(SplittableRandom rnd, int minDepth, int maxDepth, int maxDim) {
        if (minDepth < 1 || maxDepth < minDepth || maxDim < 1) {
            throw new IllegalArgumentException("need 1 <= minDepth <= maxDepth and maxDim >= 1");
        }
        int m = rnd.nextInt(minDepth, maxDepth + 1);
        int[] dims = new int[m + 1];
        dims[0] = rnd.nextInt(1, maxDim + 1);
        dims[m] = rnd.nextInt(1, maxDim + 1);
        int p = Math.min(dims[0], dims[m]);
        for (int j = 1; j < m; j++) {
            dims[j] = rnd.nextInt(p, maxDim + 1);
        }
        return dims;
    }

    /**
     * Widths violating A1: depth m in [2, maxDepth], d_0 and d_m in [2, maxDim], at least one hidden width
     * below min(d_0, d_m) and the others in [1, maxDim]. Needs maxDepth &gt;= 2 and maxDim &gt;= 2.
     */
    public static int[] bottleneck(SplittableRandom rnd, int maxDepth, int maxDim) {
        if (maxDepth < 2 || maxDim < 2) {
            throw new IllegalArgumentException("a bottleneck needs maxDepth >= 2 and maxDim >= 2");
        }
        int m = rnd.nextInt(2, maxDepth + 1);
        int[] dims = new int[m + 1];
        dims[0] = rnd.nextInt(2, maxDim + 1);
        dims[m] = rnd.nextInt(2, maxDim + 1);
        int p = Math.min(dims[0], dims[m]);
        for (int j = 1; j < m; j++) {
            dims[j] = rnd.nextInt(1, maxDim + 1);
        }
        dims[rnd.nextInt(1, m)] = rnd.nextInt(1, p);
        return dims;
    }

    /** The narrowest width, min_j d_j. */
    public static int narrowest(int[] dims) {
        int b = Integer.MAX_VALUE;
        for (int d : dims) {
            b = Math.min(b, d);
        }
        return b;
    }
}
