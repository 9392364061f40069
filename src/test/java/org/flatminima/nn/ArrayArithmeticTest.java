package org.flatminima.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The element-wise kernels of the float path, on the special values where bit-level selection
 * could go wrong (signed zeros, infinities, NaNs, subnormals) and on random data against the plain
 * comparison they replace.
 */
class ArrayArithmeticTest {
    private static final float[] SPECIAL_F = {1f, 0f, -0f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};

    @Test
    void float32MaskKeepsExactlyThePositiveEntries() {
        float[] g = new float[SPECIAL_F.length];
        java.util.Arrays.fill(g, 5f);
        new Float32Arithmetic().maskNotPositive(g, 0, SPECIAL_F, 0, g.length);
        assertArrayEquals(new float[] {5f, 0f, 0f, 0f, 5f, 5f, 0f, 5f, 0f, 5f, 0f}, g);
    }

    @Test
    void float64MaskKeepsExactlyThePositiveEntries() {
        double[] a = new double[SPECIAL_F.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = SPECIAL_F[i];
        }
        a[7] = Double.MIN_VALUE;
        a[8] = -Double.MIN_VALUE;
        double[] g = new double[a.length];
        java.util.Arrays.fill(g, -3.0);
        new Float64Arithmetic().maskNotPositive(g, 0, a, 0, g.length);
        assertArrayEquals(new double[] {-3, 0, 0, 0, -3, -3, 0, -3, 0, -3, 0}, g);
    }

    @Test
    void reluIsMaxWithZeroAndPropagatesNaN() {
        float[] z = SPECIAL_F.clone();
        new Float32Arithmetic().relu(z, 0, z.length);
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, 0f, Float.MIN_VALUE, 0f,
            Float.MAX_VALUE, 0f}, z);
        assertEquals(0, Float.floatToRawIntBits(z[2]), "relu(-0) is +0");
        double[] zd = {-2, -0.0, 0, 3, Double.NaN};
        new Float64Arithmetic().relu(zd, 0, zd.length);
        assertArrayEquals(new double[] {0, 0, 0, 3, Double.NaN}, zd);
        assertEquals(0L, Double.doubleToRawLongBits(zd[1]), "relu(-0) is +0");
    }

    @Test
    void masksAgreeWithTheComparisonOnRandomDataWithOffsets() {
        long seed = 20261206L;
        SplittableRandom rnd = new SplittableRandom(seed);
        int len = 1003;
        float[] a = new float[len + 7];
        float[] g = new float[len + 3];
        double[] ad = new double[len + 7];
        double[] gd = new double[len + 3];
        for (int i = 0; i < a.length; i++) {
            ad[i] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextGaussian();
            a[i] = (float) ad[i];
        }
        for (int i = 0; i < g.length; i++) {
            gd[i] = rnd.nextGaussian();
            g[i] = (float) gd[i];
        }
        float[] expected = g.clone();
        double[] expectedD = gd.clone();
        for (int i = 0; i < len; i++) {
            expected[3 + i] = a[7 + i] > 0 ? g[3 + i] : 0f;
            expectedD[3 + i] = ad[7 + i] > 0 ? gd[3 + i] : 0.0;
        }
        new Float32Arithmetic().maskNotPositive(g, 3, a, 7, len);
        new Float64Arithmetic().maskNotPositive(gd, 3, ad, 7, len);
        assertArrayEquals(expected, g, "seed " + seed);
        assertArrayEquals(expectedD, gd, "seed " + seed);
    }
}
