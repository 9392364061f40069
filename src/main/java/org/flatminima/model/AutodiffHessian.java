package org.flatminima.model;

import java.util.Arrays;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Arithmetic;

/**
 * The loss's gradient and Hessian by exact second-order automatic differentiation, sharing no formula
 * with {@link Loss#hessian} or with Lemma 3: a second, independent way to the same N x N matrix.
 *
 * <p>The loss is evaluated as eq. (2) is written, as the empirical mean of ||y - P x||^2 expanded in the
 * data's second moments (Sigma_yx = T Sigma_x by eq. (3)):
 * <pre>
 *   l(w) = tr(Sigma_y) - 2 tr(P Sigma_xy) + tr(P Sigma_x P^T),     Sigma_xy = Sigma_x T^T,
 * </pre>
 * with P = W_m ... W_1 multiplied out entry by entry. tr(Sigma_y) does not depend on w and is left out
 * (it changes neither gradient nor Hessian). Every elementary step (a sum of products of two values, or
 * a sum of values with constant coefficients) is recorded on a tape with its local partial derivatives.
 *
 * <p>Derivatives are taken forward-over-reverse: the reverse sweep of the tape runs on dual numbers
 * a + b eps whose eps part is seeded with a direction v on the parameters (forward mode). The real part of
 * the adjoints is the gradient, the eps part is H v. Column i of H is the pass with v = e_i, so the full
 * Hessian costs N passes, each a small multiple of one loss evaluation (O(m d^3) operations), and any
 * single product H v costs one pass. Over exact rationals every entry is the true value; nothing is
 * symmetrised, so the symmetry of the result is itself a check.
 */
public final class AutodiffHessian<T> {
    private final Arithmetic<T> ar;
    private final int parameters;
    private final int output;
    /** Tape: node values (real part); parents and, per parent, the local partial (a node, or a constant). */
    private final T[] value;
    private final int[][] parents;
    /** partialNode[n][k] &gt;= 0: d node_n / d parent_k is the value of that node; -1: the constant below. */
    private final int[][] partialNode;
    private final T[][] partialConstant;
    /** Real parts of the adjoints: the gradient on the first {@code parameters} nodes. */
    private final T[] adjoint;

    private AutodiffHessian(LinearNetwork<T> net) {
        this.ar = net.arithmetic();
        Builder<T> b = new Builder<>(ar);
        this.parameters = net.parameterCount();
        this.output = recordLoss(net, b);
        this.value = Arrays.copyOf(b.value, b.size);
        this.parents = Arrays.copyOf(b.parents, b.size);
        this.partialNode = Arrays.copyOf(b.partialNode, b.size);
        this.partialConstant = Arrays.copyOf(b.partialConstant, b.size);
        this.adjoint = reverseReal();
    }

    /** The tape of the loss at {@code net}'s parameters (evaluated once; reuse it for several products). */
    public static <T> AutodiffHessian<T> at(LinearNetwork<T> net) {
        return new AutodiffHessian<>(net);
    }

    /** The full N x N Hessian of the loss at {@code net}, column by column. */
    public static <T> Matrix<T> hessian(LinearNetwork<T> net) {
        return at(net).hessian();
    }

    /** The loss value without the constant tr(Sigma_y), as recorded on the tape. */
    public T lossWithoutConstant() {
        return value[output];
    }

    /** The gradient in the parameter order of {@link LinearNetwork#parameters()}. */
    public T[] gradient() {
        T[] g = ar.newArray(parameters);
        for (int i = 0; i < parameters; i++) {
            g[i] = orZero(adjoint[i]);
        }
        return g;
    }

    /** The full Hessian: column i is {@link #times} e_i. */
    public Matrix<T> hessian() {
        Object[][] h = new Object[parameters][];
        T[] e = ar.newArray(parameters);
        for (int i = 0; i < parameters; i++) {
            Arrays.fill(e, null);
            e[i] = ar.one();
            T[] col = times(e);
            h[i] = col;
        }
        return Matrix.build(ar, parameters, parameters, (r, c) -> {
            @SuppressWarnings("unchecked")
            T v = (T) h[c][r];
            return v;
        });
    }

    /** H v for a direction v (length N; null entries count as zero). */
    public T[] times(T[] v) {
        if (v.length != parameters) {
            throw new IllegalArgumentException("expected a direction of length " + parameters + ", got " + v.length);
        }
        int size = value.length;
        // Forward mode: the eps part of every node along v (null = zero).
        T[] tangent = ar.newArray(size);
        for (int i = 0; i < parameters; i++) {
            tangent[i] = v[i] == null || ar.signum(v[i]) == 0 ? null : v[i];
        }
        for (int n = parameters; n < size; n++) {
            T t = null;
            int[] ps = parents[n];
            for (int k = 0; k < ps.length; k++) {
                T tp = tangent[ps[k]];
                if (tp != null) {
                    t = plus(t, ar.multiply(partialValue(n, k), tp));
                }
            }
            tangent[n] = t;
        }
        // Reverse sweep of the eps part of the adjoints: d(adj_p) = adj_n * d(partial) + d(adj_n) * partial.
        T[] adjointTangent = ar.newArray(size);
        for (int n = size - 1; n >= parameters; n--) {
            T a = adjoint[n];
            T at = adjointTangent[n];
            if (a == null && at == null) {
                continue;
            }
            int[] ps = parents[n];
            for (int k = 0; k < ps.length; k++) {
                T d = null;
                int pn = partialNode[n][k];
                if (a != null && pn >= 0 && tangent[pn] != null) {
                    d = ar.multiply(a, tangent[pn]);
                }
                if (at != null) {
                    d = plus(d, ar.multiply(at, partialValue(n, k)));
                }
                if (d != null) {
                    adjointTangent[ps[k]] = plus(adjointTangent[ps[k]], d);
                }
            }
        }
        T[] out = ar.newArray(parameters);
        for (int i = 0; i < parameters; i++) {
            out[i] = orZero(adjointTangent[i]);
        }
        return out;
    }

    /** Number of tape nodes (for cost reports). */
    public int tapeSize() {
        return value.length;
    }

    private T[] reverseReal() {
        int size = value.length;
        T[] adj = ar.newArray(size);
        adj[output] = ar.one();
        for (int n = size - 1; n >= parameters; n--) {
            T a = adj[n];
            if (a == null) {
                continue;
            }
            int[] ps = parents[n];
            for (int k = 0; k < ps.length; k++) {
                adj[ps[k]] = plus(adj[ps[k]], ar.multiply(a, partialValue(n, k)));
            }
        }
        return adj;
    }

    private T partialValue(int n, int k) {
        int pn = partialNode[n][k];
        return pn >= 0 ? value[pn] : partialConstant[n][k];
    }

    private T plus(T a, T b) {
        return a == null ? b : ar.add(a, b);
    }

    private T orZero(T a) {
        return a == null ? ar.zero() : a;
    }

    /** Records eq. (2) (without tr(Sigma_y)) on the tape; returns the output node. */
    private static <T> int recordLoss(LinearNetwork<T> net, Builder<T> b) {
        int m = net.depth();
        int[] d = net.dims();
        // The parameters, in the order of LinearNetwork.parameters(): vec(W_1), ..., vec(W_m), columns stacked.
        int[][][] w = new int[m + 1][][];
        for (int k = 1; k <= m; k++) {
            Matrix<T> wk = net.layer(k);
            w[k] = new int[d[k]][d[k - 1]];
            for (int c = 0; c < d[k - 1]; c++) {
                for (int r = 0; r < d[k]; r++) {
                    w[k][r][c] = b.variable(wk.get(r, c));
                }
            }
        }
        // P = W_m ( ... (W_2 W_1)), every entry a sum of products.
        int[][] p = w[1];
        for (int k = 2; k <= m; k++) {
            int[][] next = new int[d[k]][d[0]];
            for (int r = 0; r < d[k]; r++) {
                for (int c = 0; c < d[0]; c++) {
                    int[] xs = new int[d[k - 1]];
                    int[] ys = new int[d[k - 1]];
                    for (int s = 0; s < d[k - 1]; s++) {
                        xs[s] = w[k][r][s];
                        ys[s] = p[s][c];
                    }
                    next[r][c] = b.sumOfProducts(xs, ys);
                }
            }
            p = next;
        }
        int dy = d[m];
        int dx = d[0];
        Matrix<T> sx = net.sigmaX();
        Matrix<T> sxy = sx.multiply(net.target().transpose()); // E[x y^T] = Sigma_x T^T
        // tr(P Sigma_x P^T) = sum_{a,c} P[a,c] (P Sigma_x)[a,c]
        int[] pEntries = new int[dy * dx];
        int[] psEntries = new int[dy * dx];
        T[] crossCoefficients = b.ar.newArray(dy * dx);
        for (int a = 0; a < dy; a++) {
            for (int c = 0; c < dx; c++) {
                T[] coefs = b.ar.newArray(dx);
                for (int s = 0; s < dx; s++) {
                    coefs[s] = sx.get(s, c);
                }
                int idx = a * dx + c;
                pEntries[idx] = p[a][c];
                psEntries[idx] = b.linear(p[a], coefs);
                crossCoefficients[idx] = sxy.get(c, a); // tr(P Sigma_xy) = sum_{a,c} P[a,c] Sigma_xy[c,a]
            }
        }
        int quadratic = b.sumOfProducts(pEntries, psEntries);
        int cross = b.linear(pEntries, crossCoefficients);
        T[] outer = b.ar.newArray(2);
        outer[0] = b.ar.one();
        outer[1] = b.ar.of(-2);
        return b.linear(new int[] {quadratic, cross}, outer);
    }

    /** Appends nodes; values are computed as they are recorded. */
    private static final class Builder<T> {
        final Arithmetic<T> ar;
        int size;
        T[] value;
        int[][] parents = new int[16][];
        int[][] partialNode = new int[16][];
        Object[][] partialConstantRaw = new Object[16][];
        T[][] partialConstant;

        @SuppressWarnings("unchecked")
        Builder(Arithmetic<T> ar) {
            this.ar = ar;
            this.value = ar.newArray(16);
            this.partialConstant = (T[][]) partialConstantRaw;
        }

        int variable(T v) {
            return add(v, new int[0], new int[0], null);
        }

        /** sum_k x_k y_k: the partial along x_k is y_k and along y_k is x_k. */
        int sumOfProducts(int[] xs, int[] ys) {
            int n = xs.length;
            int[] ps = new int[2 * n];
            int[] pn = new int[2 * n];
            T v = ar.zero();
            for (int k = 0; k < n; k++) {
                ps[2 * k] = xs[k];
                pn[2 * k] = ys[k];
                ps[2 * k + 1] = ys[k];
                pn[2 * k + 1] = xs[k];
                v = ar.add(v, ar.multiply(value[xs[k]], value[ys[k]]));
            }
            return add(v, ps, pn, null);
        }

        /** sum_k c_k x_k for constants c_k (zero coefficients dropped). */
        int linear(int[] xs, T[] coefs) {
            int kept = 0;
            for (T c : coefs) {
                if (ar.signum(c) != 0) {
                    kept++;
                }
            }
            int[] ps = new int[kept];
            int[] pn = new int[kept];
            T[] pc = ar.newArray(kept);
            T v = ar.zero();
            int j = 0;
            for (int k = 0; k < xs.length; k++) {
                if (ar.signum(coefs[k]) == 0) {
                    continue;
                }
                ps[j] = xs[k];
                pn[j] = -1;
                pc[j] = coefs[k];
                v = ar.add(v, ar.multiply(coefs[k], value[xs[k]]));
                j++;
            }
            return add(v, ps, pn, pc);
        }

        @SuppressWarnings("unchecked")
        private int add(T v, int[] ps, int[] pn, T[] pc) {
            if (size == parents.length) {
                int cap = 2 * size;
                value = Arrays.copyOf(value, cap);
                parents = Arrays.copyOf(parents, cap);
                partialNode = Arrays.copyOf(partialNode, cap);
                partialConstantRaw = Arrays.copyOf(partialConstantRaw, cap);
                partialConstant = (T[][]) partialConstantRaw;
            }
            value[size] = v;
            parents[size] = ps;
            partialNode[size] = pn;
            partialConstantRaw[size] = pc;
            return size++;
        }
    }
}
