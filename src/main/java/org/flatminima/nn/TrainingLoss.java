package org.flatminima.nn;

import org.flatminima.data.Dataset;

/**
 * The training loss l(theta) = s * sum_i ||y_i - f_theta(x_i)||^2 of a {@link Network} on a
 * {@link Dataset}, computed in one {@link Precision}, with its gradient (backpropagation) and exact
 * Hessian-vector products (Pearlmutter's R-operator: forward-over-reverse differentiation).
 *
 * <p>Samples are processed in blocks of at most {@code blockSize}, one sample per column, so that
 * every product is one BLAS gemm and memory does not grow with per-sample Jacobians. Parameters are
 * flat arrays in the layout of {@link Network}. Not thread-safe: it owns scratch buffers.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
public final class TrainingLoss<A> {
    private final Network net;
    private final ArrayArithmetic<A> ar;
    private final LossScale lossScale;
    private final Dataset data;
    private final int n;
    private final int m;
    private final int[] d;
    private final A x;
    private final A y;
    private final int blockSize;
    private final boolean relu;
    private final A[] act;
    private final A[] sig;
    private final A batchX;
    private final A batchY;

    /**
     * @param net the architecture; its input and output dimensions must match the data
     * @param data the samples (copied into the working precision)
     * @param precision float32 or float64
     * @param lossScale the normalisation of the squared error
     * @param blockSize samples per block (at least 1)
     */
    public TrainingLoss(Network net, Dataset data, Precision precision, LossScale lossScale, int blockSize) {
        this(net, data, ArrayArithmetic.of(precision), lossScale, blockSize);
    }

    /** As the public constructor, in a given arithmetic (tests count its calls). */
    TrainingLoss(Network net, Dataset data, ArrayArithmetic<A> arithmetic, LossScale lossScale, int blockSize) {
        if (net.inputDim() != data.inputDim() || net.outputDim() != data.outputDim()) {
            throw new IllegalArgumentException("network is " + net.inputDim() + " -> " + net.outputDim()
                    + " but the data are " + data.inputDim() + " -> " + data.outputDim());
        }
        this.net = net;
        this.ar = arithmetic;
        this.lossScale = lossScale;
        this.data = data;
        this.n = data.n();
        this.m = net.depth();
        this.d = net.widths();
        this.blockSize = Math.max(1, Math.min(blockSize, n));
        this.relu = net.activation() == Activation.RELU;
        this.x = ar.allocate(data.inputs().length);
        ar.copyFromDoubles(data.inputs(), 0, x, 0, data.inputs().length);
        this.y = ar.allocate(data.targets().length);
        ar.copyFromDoubles(data.targets(), 0, y, 0, data.targets().length);
        this.act = newLayerArrays(this.blockSize);
        this.sig = newLayerArrays(this.blockSize);
        this.batchX = ar.allocate(d[0] * this.blockSize);
        this.batchY = ar.allocate(d[m] * this.blockSize);
    }

    /** Default block size: 2048 samples. */
    public static final int DEFAULT_BLOCK = 2048;

    public Network network() {
        return net;
    }

    public Dataset data() {
        return data;
    }

    public ArrayArithmetic<A> arithmetic() {
        return ar;
    }

    public Precision precision() {
        return ar.precision();
    }

    public LossScale lossScale() {
        return lossScale;
    }

    public int samples() {
        return n;
    }

    /** The parameters rounded to the working precision (a new array). */
    public A parameters(double[] params) {
        A p = ar.allocate(params.length);
        ar.copyFromDoubles(params, 0, p, 0, params.length);
        return p;
    }

    /** The parameters widened to double (a new array). */
    public double[] toDoubles(A params) {
        double[] out = new double[ar.length(params)];
        ar.copyToDoubles(params, 0, out, 0, out.length);
        return out;
    }

    @SuppressWarnings("unchecked")
    private A[] newLayerArrays(int columns) {
        Object[] arrays = new Object[m + 1];
        for (int j = 1; j <= m; j++) {
            arrays[j] = ar.allocate(d[j] * columns);
        }
        return (A[]) arrays;
    }

    /** The loss at {@code params} over all samples. */
    public double value(A params) {
        double sum = 0;
        for (int start = 0; start < n; start += blockSize) {
            int nb = Math.min(blockSize, n - start);
            forward(params, x, start * d[0], nb, act);
            sum += ar.residual(act[m], 0, y, start * d[m], nb * d[m], 0, sig[m], 0);
        }
        return lossScale.factor(n, d[m]) * sum;
    }

    /** The loss over all samples; writes its gradient into {@code gradient} (modified). */
    public double valueAndGradient(A params, A gradient) {
        ar.zero(gradient, 0, ar.length(gradient));
        double s = lossScale.factor(n, d[m]);
        double sum = 0;
        for (int start = 0; start < n; start += blockSize) {
            int nb = Math.min(blockSize, n - start);
            sum += block(params, x, start * d[0], y, start * d[m], nb, 2 * s, gradient);
        }
        return s * sum;
    }

    /**
     * The loss over the samples {@code order[from..to)} (a mini-batch, normalised by its own size);
     * writes its gradient into {@code gradient} (modified).
     */
    public double batchValueAndGradient(A params, int[] order, int from, int to, A gradient) {
        ar.zero(gradient, 0, ar.length(gradient));
        int count = to - from;
        double s = lossScale.factor(count, d[m]);
        double sum = 0;
        for (int start = from; start < to; start += blockSize) {
            int nb = Math.min(blockSize, to - start);
            for (int c = 0; c < nb; c++) {
                int i = order[start + c];
                ar.copy(x, i * d[0], batchX, c * d[0], d[0]);
                ar.copy(y, i * d[m], batchY, c * d[m], d[m]);
            }
            sum += block(params, batchX, 0, batchY, 0, nb, 2 * s, gradient);
        }
        return s * sum;
    }

    /** Forward pass of {@code nb} samples at {@code xs[xOff..]} into {@code out[1..m]} (modified). */
    private void forward(A p, A xs, int xOff, int nb, A[] out) {
        for (int j = 1; j <= m; j++) {
            A in = j == 1 ? xs : out[j - 1];
            int inOff = j == 1 ? xOff : 0;
            ar.gemm(true, false, d[j], nb, d[j - 1], 1, p, net.weightOffset(j), d[j - 1], in, inOff, d[j - 1], 0,
                    out[j], 0, d[j]);
            if (net.biases()) {
                ar.addToColumns(out[j], 0, d[j], nb, p, net.biasOffset(j));
            }
            if (relu && j < m) {
                ar.relu(out[j], 0, d[j] * nb);
            }
        }
    }

    /**
     * Backward signals g_j = dl/dz_j of a block whose forward pass is in {@code a}: g_m =
     * factor (f - y), then g_{j-1} = s'(z_{j-1}) (W_j^T g_j); into {@code g[1..m]} (modified).
     * Returns the block's sum of squared residuals.
     */
    private double signals(A p, A ys, int yOff, int nb, double factor, A[] a, A[] g) {
        double sum = ar.residual(a[m], 0, ys, yOff, nb * d[m], factor, g[m], 0);
        for (int j = m; j > 1; j--) {
            ar.gemm(false, false, d[j - 1], nb, d[j], 1, p, net.weightOffset(j), d[j - 1], g[j], 0, d[j], 0,
                    g[j - 1], 0, d[j - 1]);
            if (relu) {
                ar.maskNotPositive(g[j - 1], 0, a[j - 1], 0, d[j - 1] * nb);
            }
        }
        return sum;
    }

    /** Forward and backward over one block; adds the block's gradient to {@code grad} (modified). */
    private double block(A p, A xs, int xOff, A ys, int yOff, int nb, double factor, A grad) {
        forward(p, xs, xOff, nb, act);
        double sum = ar.residual(act[m], 0, ys, yOff, nb * d[m], factor, sig[m], 0);
        for (int j = m; j >= 1; j--) {
            A in = j == 1 ? xs : act[j - 1];
            int inOff = j == 1 ? xOff : 0;
            // dW_j^T (d_{j-1} x d_j, the stored layout) += a_{j-1} g_j^T
            ar.gemm(false, true, d[j - 1], d[j], nb, 1, in, inOff, d[j - 1], sig[j], 0, d[j], 1, grad,
                    net.weightOffset(j), d[j - 1]);
            if (net.biases()) {
                ar.addColumnSums(sig[j], 0, d[j], nb, grad, net.biasOffset(j));
            }
            if (j > 1) {
                ar.gemm(false, false, d[j - 1], nb, d[j], 1, p, net.weightOffset(j), d[j - 1], sig[j], 0, d[j], 0,
                        sig[j - 1], 0, d[j - 1]);
                if (relu) {
                    ar.maskNotPositive(sig[j - 1], 0, act[j - 1], 0, d[j - 1] * nb);
                }
            }
        }
        return sum;
    }

    /**
     * The Hessian of the loss at {@code params} (copied) as a linear operator. The forward
     * activations, ReLU masks and backward signals do not change between products at fixed
     * weights, so they are computed once here and kept when they fit in {@code cacheBytes};
     * otherwise each product recomputes them block by block.
     */
    public Hessian hessian(A params, long cacheBytes) {
        return new Hessian(params, cacheBytes);
    }

    /** {@link #hessian(Object, long)} with a cache budget of a third of the maximum heap. */
    public Hessian hessian(A params) {
        return hessian(params, Runtime.getRuntime().maxMemory() / 3);
    }

    /** The exact Hessian of the training loss at fixed parameters, by the R-operator. */
    public final class Hessian implements LinearOperator {
        private final A p;
        private final int blocks;
        private final A[][] cachedAct;
        private final A[][] cachedSig;
        private final double factor;
        private final double value;
        private final A v;
        private final A out;
        private final A[] ra;
        private final A rgA;
        private final A rgB;
        private long products;

        @SuppressWarnings("unchecked")
        private Hessian(A params, long cacheBytes) {
            int count = ar.length(params);
            this.p = ar.allocate(count);
            ar.copy(params, 0, p, 0, count);
            this.blocks = (n + blockSize - 1) / blockSize;
            this.factor = 2 * lossScale.factor(n, d[m]);
            long perSample = 0;
            for (int j = 1; j <= m; j++) {
                perSample += 2L * d[j];
            }
            boolean cache = perSample * n * ar.precision().bytes() <= cacheBytes;
            double sum = 0;
            if (cache) {
                cachedAct = (A[][]) new Object[blocks][];
                cachedSig = (A[][]) new Object[blocks][];
                for (int b = 0; b < blocks; b++) {
                    int start = b * blockSize;
                    int nb = Math.min(blockSize, n - start);
                    cachedAct[b] = newLayerArrays(nb);
                    cachedSig[b] = newLayerArrays(nb);
                    forward(p, x, start * d[0], nb, cachedAct[b]);
                    sum += signals(p, y, start * d[m], nb, factor, cachedAct[b], cachedSig[b]);
                }
                this.value = lossScale.factor(n, d[m]) * sum;
            } else {
                cachedAct = null;
                cachedSig = null;
                this.value = TrainingLoss.this.value(p);
            }
            int maxWidth = 0;
            for (int w : d) {
                maxWidth = Math.max(maxWidth, w);
            }
            this.v = ar.allocate(count);
            this.out = ar.allocate(count);
            this.ra = newLayerArrays(blockSize);
            this.rgA = ar.allocate(maxWidth * blockSize);
            this.rgB = ar.allocate(maxWidth * blockSize);
        }

        /** True if activations and signals are kept between products. */
        public boolean cached() {
            return cachedAct != null;
        }

        /** The loss at the point where this Hessian is taken. */
        public double lossValue() {
            return value;
        }

        /** How many products have been computed. */
        public long products() {
            return products;
        }

        @Override
        public int dimension() {
            return ar.length(p);
        }

        @Override
        public double unitRoundoff() {
            return ar.precision().unitRoundoff();
        }

        @Override
        public void apply(double[] vector, double[] result) {
            ar.copyFromDoubles(vector, 0, v, 0, vector.length);
            applyInPrecision(v, out);
            ar.copyToDoubles(out, 0, result, 0, result.length);
        }

        @Override
        public boolean single() {
            return ar instanceof Float32Arithmetic;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void applyFloat(float[] vector, float[] result) {
            if (single()) {
                applyInPrecision((A) vector, (A) result);
            } else {
                LinearOperator.super.applyFloat(vector, result);
            }
        }

        /** result = H vec in the working precision ({@code result} modified). */
        public void applyInPrecision(A vec, A result) {
            products++;
            ar.zero(result, 0, ar.length(result));
            for (int b = 0; b < blocks; b++) {
                int start = b * blockSize;
                int nb = Math.min(blockSize, n - start);
                A[] a;
                A[] g;
                if (cachedAct != null) {
                    a = cachedAct[b];
                    g = cachedSig[b];
                } else {
                    forward(p, x, start * d[0], nb, act);
                    signals(p, y, start * d[m], nb, factor, act, sig);
                    a = act;
                    g = sig;
                }
                productBlock(vec, result, x, start * d[0], nb, a, g);
            }
        }

        private void productBlock(A vec, A res, A xs, int xOff, int nb, A[] a, A[] g) {
            // R-forward: R(z_j) = V_j a_{j-1} + W_j R(a_{j-1}) + c_j; R(a_j) = s'(z_j) R(z_j).
            for (int j = 1; j <= m; j++) {
                A in = j == 1 ? xs : a[j - 1];
                int inOff = j == 1 ? xOff : 0;
                ar.gemm(true, false, d[j], nb, d[j - 1], 1, vec, net.weightOffset(j), d[j - 1], in, inOff, d[j - 1],
                        0, ra[j], 0, d[j]);
                if (j > 1) {
                    ar.gemm(true, false, d[j], nb, d[j - 1], 1, p, net.weightOffset(j), d[j - 1], ra[j - 1], 0,
                            d[j - 1], 1, ra[j], 0, d[j]);
                }
                if (net.biases()) {
                    ar.addToColumns(ra[j], 0, d[j], nb, vec, net.biasOffset(j));
                }
                if (relu && j < m) {
                    ar.maskNotPositive(ra[j], 0, a[j], 0, d[j] * nb);
                }
            }
            // R-backward: R(g_m) = factor R(f); R(dW_j) = R(g_j) a_{j-1}^T + g_j R(a_{j-1})^T;
            // R(g_{j-1}) = s'(z_{j-1}) (V_j^T g_j + W_j^T R(g_j)).
            A rg = rgA;
            A next = rgB;
            ar.copy(ra[m], 0, rg, 0, d[m] * nb);
            ar.scale(rg, 0, d[m] * nb, factor);
            for (int j = m; j >= 1; j--) {
                A in = j == 1 ? xs : a[j - 1];
                int inOff = j == 1 ? xOff : 0;
                int w = net.weightOffset(j);
                ar.gemm(false, true, d[j - 1], d[j], nb, 1, in, inOff, d[j - 1], rg, 0, d[j], 1, res, w, d[j - 1]);
                if (j > 1) {
                    ar.gemm(false, true, d[j - 1], d[j], nb, 1, ra[j - 1], 0, d[j - 1], g[j], 0, d[j], 1, res, w,
                            d[j - 1]);
                }
                if (net.biases()) {
                    ar.addColumnSums(rg, 0, d[j], nb, res, net.biasOffset(j));
                }
                if (j > 1) {
                    ar.gemm(false, false, d[j - 1], nb, d[j], 1, vec, w, d[j - 1], g[j], 0, d[j], 0, next, 0,
                            d[j - 1]);
                    ar.gemm(false, false, d[j - 1], nb, d[j], 1, p, w, d[j - 1], rg, 0, d[j], 1, next, 0, d[j - 1]);
                    if (relu) {
                        ar.maskNotPositive(next, 0, a[j - 1], 0, d[j - 1] * nb);
                    }
                    A t = rg;
                    rg = next;
                    next = t;
                }
            }
        }
    }
}
