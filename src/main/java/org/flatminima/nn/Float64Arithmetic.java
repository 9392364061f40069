package org.flatminima.nn;

import dev.ludovic.netlib.blas.BLAS;

/** {@link ArrayArithmetic} on {@code double[]}, with products by BLAS {@code dgemm}. */
public final class Float64Arithmetic implements ArrayArithmetic<double[]> {
    private final BLAS blas = Blas.instance();

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public double[] allocate(int length) {
        return new double[length];
    }

    @Override
    public int length(double[] a) {
        return a.length;
    }

    @Override
    public void copyFromDoubles(double[] src, int srcOff, double[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    public void copyToDoubles(double[] src, int srcOff, double[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    public void copy(double[] src, int srcOff, double[] dst, int dstOff, int len) {
        System.arraycopy(src, srcOff, dst, dstOff, len);
    }

    @Override
    public void zero(double[] a, int off, int len) {
        java.util.Arrays.fill(a, off, off + len, 0.0);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff,
            int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        blas.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                ldc);
    }

    @Override
    public void addToColumns(double[] z, int zOff, int rows, int cols, double[] b, int bOff) {
        for (int c = 0; c < cols; c++) {
            int base = zOff + c * rows;
            for (int r = 0; r < rows; r++) {
                z[base + r] += b[bOff + r];
            }
        }
    }

    @Override
    public void addColumnSums(double[] g, int gOff, int rows, int cols, double[] out, int outOff) {
        for (int c = 0; c < cols; c++) {
            int base = gOff + c * rows;
            for (int r = 0; r < rows; r++) {
                out[outOff + r] += g[base + r];
            }
        }
    }

    @Override
    public void relu(double[] z, int off, int len) {
        // Math.max compiles to vector max instructions; a compare-and-select compiled to a branch that
        // mispredicted on random signs and ran 10x slower. NaN stays NaN (as in PyTorch's relu).
        for (int i = off, end = off + len; i < end; i++) {
            z[i] = Math.max(z[i], 0d);
        }
    }

    @Override
    public void maskNotPositive(double[] g, int gOff, double[] a, int aOff, int len) {
        // Selection on the bit pattern, which the JIT vectorises: the long bits of a double are positive
        // exactly when the double is positive (or a NaN with the sign bit clear, whose signal is kept so
        // that the NaN propagates); -0.0, +0.0 and negatives give an all-zero mask.
        for (int i = 0; i < len; i++) {
            long bits = Double.doubleToRawLongBits(a[aOff + i]);
            long keep = (-bits & ~bits) >> 63;
            g[gOff + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[gOff + i]) & keep);
        }
    }

    @Override
    public double residual(double[] f, int fOff, double[] y, int yOff, int len, double factor, double[] g, int gOff) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            double r = f[fOff + i] - y[yOff + i];
            sum += r * r;
            g[gOff + i] = factor * r;
        }
        return sum;
    }

    @Override
    public void scale(double[] x, int off, int len, double s) {
        for (int i = off, end = off + len; i < end; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void axpy(int len, double alpha, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public double sumOfSquares(double[] x, int off, int len) {
        double s = 0;
        for (int i = off, end = off + len; i < end; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    @Override
    public void adam(double[] p, double[] g, double[] m, double[] v, int len, double step, double beta1,
            double beta2, double eps, double bias1, double bias2) {
        for (int i = 0; i < len; i++) {
            double gi = g[i];
            double mi = beta1 * m[i] + (1 - beta1) * gi;
            double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= step * (mi / bias1) / (Math.sqrt(vi / bias2) + eps);
        }
    }

    @Override
    public boolean allFinite(double[] x, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }
}
