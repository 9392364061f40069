package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class LimbDotTest extends QuietTest {

    @Test
    void limbDotProductEqualsTheBigIntegerDotProductExactly() {
        Property.forAll("limbDotExact", 300, 501L, rnd -> {
            int len = rnd.nextInt(1, rnd.nextBoolean() ? 8 : 400);
            int bitsA = rnd.nextInt(1, 4 * LimbDot.LIMB_BITS + 1);
            int bitsB = rnd.nextInt(1, 4 * LimbDot.LIMB_BITS + 1);
            BigInteger[] a = new BigInteger[len];
            BigInteger[] b = new BigInteger[len];
            BigInteger expected = BigInteger.ZERO;
            for (int k = 0; k < len; k++) {
                a[k] = random(rnd, bitsA);
                b[k] = random(rnd, bitsB);
                expected = expected.add(a[k].multiply(b[k]));
            }
            int la = LimbDot.limbsFor(LimbDot.maxBits(a));
            int lb = LimbDot.limbsFor(LimbDot.maxBits(b));
            long[] hi = new long[la + lb];
            long[] lo = new long[la + lb];
            BigInteger got = LimbDot.dot(LimbDot.split(a, la), 0, la, LimbDot.split(b, lb), 0, lb, len, hi, lo);
            assertEquals(expected, got, "len " + len + " bits " + bitsA + "/" + bitsB);
        });
    }

    @Test
    void extremeLimbsDoNotOverflowTheAccumulators() {
        // all limbs at their maximum, same sign, the longest supported sum
        int len = LimbDot.MAX_TERMS;
        int bits = 4 * LimbDot.LIMB_BITS;
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        for (BigInteger sb : new BigInteger[] {max, max.negate()}) {
            BigInteger[] a = new BigInteger[len];
            BigInteger[] b = new BigInteger[len];
            java.util.Arrays.fill(a, max);
            java.util.Arrays.fill(b, sb);
            BigInteger expected = max.multiply(sb).multiply(BigInteger.valueOf(len));
            long[] hi = new long[8];
            long[] lo = new long[8];
            assertEquals(expected, LimbDot.dot(LimbDot.split(a, 4), 0, 4, LimbDot.split(b, 4), 0, 4, len, hi, lo));
        }
    }

    private static BigInteger random(java.util.SplittableRandom rnd, int bits) {
        int k = rnd.nextInt(0, bits + 1);
        BigInteger v = new BigInteger(k, new java.util.Random(rnd.nextLong()));
        if (rnd.nextInt(5) == 0) {
            v = BigInteger.ZERO;
        }
        return rnd.nextBoolean() ? v.negate() : v;
    }
}
