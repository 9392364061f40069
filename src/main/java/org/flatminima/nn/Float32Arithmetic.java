package org.flatminima.nn;

import dev.ludovic.netlib.blas.BLAS;

/** {@link ArrayArithmetic} on {@code float[]}, with products by BLAS {@code sgemm}. */
public final class Float32Arithmetic implements ArrayArithmetic<float[]> {
    private final BLAS blas = Blas.instance();

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public float[] allocate(int length) {
        return new float[length];
    }

    @Override
    public int length(float[] a) {
        return a.length;
    }

    @Override
    public void copyFromDoubles(double[] src, int srcOff, float[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = (float) src[srcOff + i];
        }
    }

    @Override
    public void copyToDoubles(float[] src, int srcOff, double[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = src[srcOff + i];
        }
    }

    @Override
    public void copy(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    public void zero(float[] a, int off, int len) {
        java.util.Arrays.fill(a, off, off + len, 0f);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, float[] a, int aOff,
            int lda, float[] b, int bOff, int ldb, double beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        blas.sgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, (float) alpha, a, aOff, lda, b, bOff, ldb, (float) beta, c, cOff,
                ldc);
    }

    @Override
    public void addToColumns(float[] z, int zOff, int rows, int cols, float[] b, int bOff) {
        for (int c = 0; c < cols; c++) {
            int base = zOff + c * rows;
            for (int r = 0; r < rows; r++) {
                z[base + r] += b[bOff + r];
            }
        }
    }

    @Override
    public void addColumnSums(float[] g, int gOff, int rows, int cols, float[] out, int outOff) {
        for (int c = 0; c < cols; c++) {
            int base = gOff + c * rows;
            for (int r = 0; r < rows; r++) {
                out[outOff + r] += g[base + r];
            }
        }
    }

    @Override
    public void relu(float[] z, int off, int len) {
        // Math.max compiles to vector max instructions; a compare-and-select compiled to a branch that
        // mispredicted on random signs and ran 10x slower. NaN stays NaN (as in PyTorch's relu).
        for (int i = off, end = off + len; i < end; i++) {
            z[i] = Math.max(z[i], 0f);
        }
    }

    @Override
    public void maskNotPositive(float[] g, int gOff, float[] a, int aOff, int len) {
        // Selection on the bit pattern, which the JIT vectorises: the int bits of a float are positive
        // exactly when the float is positive (or a NaN with the sign bit clear, whose signal is kept so
        // that the NaN propagates); -0.0, +0.0 and negatives give an all-zero mask.
        for (int i = 0; i < len; i++) {
            int bits = Float.floatToRawIntBits(a[aOff + i]);
            int keep = (-bits & ~bits) >> 31;
            g[gOff + i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[gOff + i]) & keep);
        }
    }

    @Override
    public double residual(float[] f, int fOff, float[] y, int yOff, int len, double factor, float[] g, int gOff) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            float r = f[fOff + i] - y[yOff + i];
            sum += (double) r * r;
            g[gOff + i] = (float) (factor * r);
        }
        return sum;
    }

    @Override
    public void scale(float[] x, int off, int len, double s) {
        float f = (float) s; // a float32 product, as the working precision implies (and vectorised)
        for (int i = off, end = off + len; i < end; i++) {
            x[i] *= f;
        }
    }

    @Override
    public void axpy(int len, double alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public double sumOfSquares(float[] x, int off, int len) {
        double s = 0;
        for (int i = off, end = off + len; i < end; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }

    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, int len, double step, double beta1,
            double beta2, double eps, double bias1, double bias2) {
        for (int i = 0; i < len; i++) {
            double gi = g[i];
            double mi = beta1 * m[i] + (1 - beta1) * gi;
            double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
            m[i] = (float) mi;
            v[i] = (float) vi;
            p[i] -= step * (mi / bias1) / (Math.sqrt(vi / bias2) + eps);
        }
    }

    @Override
    public boolean allFinite(float[] x, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }
}
