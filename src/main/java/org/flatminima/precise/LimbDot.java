package org.flatminima.precise;

import java.math.BigInteger;

/**
 * Exact integer dot products on 56-bit limbs, the inner kernel of {@link FixedPointMatrix} products.
 *
 * <p>Each integer is split into L little-endian limbs of 56 bits that all carry its sign. A product of two limbs
 * is below 2^112 in magnitude and is formed exactly as a signed 128-bit (high, low) pair with
 * {@link Math#multiplyHigh}; the pairs are summed per limb position in 128-bit accumulators, which cannot overflow
 * while the number of terms times min(La, Lb) stays below 2^15 ({@link #MAX_TERMS}). The accumulators are then
 * carried into one two's-complement byte string and read back as a {@link BigInteger}. The result equals the
 * {@link BigInteger} dot product exactly, at a fraction of its cost (no allocation per multiply-add).
 */
final class LimbDot {
    static final int LIMB_BITS = 56;
    private static final long MASK = (1L << LIMB_BITS) - 1;
    /** Longest supported dot product (the accumulators' headroom: 2^127 / (2^112 * 4)). */
    static final int MAX_TERMS = 1 << 13;
    /** Most limbs per number for which the kernel is used (beyond it BigInteger's own algorithms win). */
    static final int MAX_LIMBS = 8;

    private LimbDot() {}

    /** Limbs needed for integers of at most {@code bits} bits (excluding sign). */
    static int limbsFor(int bits) {
        return Math.max(1, (bits + LIMB_BITS - 1) / LIMB_BITS);
    }

    /** The largest bit length among {@code m}. */
    static int maxBits(BigInteger[] m) {
        int b = 0;
        for (BigInteger v : m) {
            b = Math.max(b, v.bitLength());
        }
        return b;
    }

    /** The entries of {@code m} as {@code limbs} signed limbs each, entry e at {@code [e * limbs, (e+1) * limbs)}. */
    static long[] split(BigInteger[] m, int limbs) {
        long[] out = new long[m.length * limbs];
        for (int e = 0; e < m.length; e++) {
            BigInteger v = m[e];
            int sign = v.signum();
            if (sign == 0) {
                continue;
            }
            BigInteger abs = v.abs();
            for (int l = 0; l < limbs; l++) {
                long limb = abs.shiftRight(l * LIMB_BITS).longValue() & MASK;
                out[e * limbs + l] = sign < 0 ? -limb : limb;
            }
        }
        return out;
    }

    /**
     * The exact sum over k < len of a_k b_k, where a_k has limbs {@code a[aOff + k*la ...]} and b_k has limbs
     * {@code b[bOff + k*lb ...]}. {@code hi} and {@code lo} are scratch arrays of at least la + lb - 1 entries
     * (modified).
     */
    static BigInteger dot(long[] a, int aOff, int la, long[] b, int bOff, int lb, int len, long[] hi, long[] lo) {
        int positions = la + lb - 1;
        for (int t = 0; t < positions; t++) {
            hi[t] = 0;
            lo[t] = 0;
        }
        boolean any = false;
        for (int k = 0; k < len; k++) {
            int ak = aOff + k * la;
            int bk = bOff + k * lb;
            for (int p = 0; p < la; p++) {
                long x = a[ak + p];
                if (x == 0) {
                    continue;
                }
                for (int q = 0; q < lb; q++) {
                    long y = b[bk + q];
                    long pl = x * y;
                    long ph = Math.multiplyHigh(x, y);
                    int t = p + q;
                    long s = lo[t] + pl;
                    hi[t] += ph + (Long.compareUnsigned(s, pl) < 0 ? 1 : 0);
                    lo[t] = s;
                    any = true;
                }
            }
        }
        if (!any) {
            return BigInteger.ZERO;
        }
        return assemble(hi, lo, positions);
    }

    /** sum_t (hi_t 2^64 + lo_t) 2^(56 t) as a BigInteger, by carrying into 56-bit digits. */
    private static BigInteger assemble(long[] hi, long[] lo, int positions) {
        // digits: positions 56-bit digits then a 16-byte signed top; big-endian two's complement bytes
        int bytes = positions * 7 + 16;
        byte[] out = new byte[bytes];
        long carryHi = 0;
        long carryLo = 0;
        for (int t = 0; t < positions; t++) {
            long vLo = lo[t] + carryLo;
            long vHi = hi[t] + carryHi + (Long.compareUnsigned(vLo, carryLo) < 0 ? 1 : 0);
            long digit = vLo & MASK;
            // carry = v >> 56 (arithmetic, 128-bit)
            carryLo = (vLo >>> LIMB_BITS) | (vHi << (64 - LIMB_BITS));
            carryHi = vHi >> LIMB_BITS;
            int end = bytes - t * 7; // exclusive end of this digit's 7 bytes
            for (int i = 1; i <= 7; i++) {
                out[end - i] = (byte) (digit >>> (8 * (i - 1)));
            }
        }
        // the remaining carry, a signed 128-bit number
        for (int i = 0; i < 8; i++) {
            out[15 - i] = (byte) (carryLo >>> (8 * i));
            out[7 - i] = (byte) (carryHi >>> (8 * i));
        }
        return new BigInteger(out);
    }
}
