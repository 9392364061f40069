package org.flatminima.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.linalg.DoubleEigen;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.DoubleArithmetic;

/**
 * The layers W_1..W_L (W_L a row) of a univariate deep linear network, as plain double arrays, with the
 * excess loss (w - w*)^T Sigma (w - w*), its gradient, and the analysis of a solution. Instances are
 * mutable: {@link #step} modifies this network.
 */
public final class DeepRegressionNetwork {
    private final double[][][] layers;
    private final int d;

    private DeepRegressionNetwork(double[][][] layers) {
        this.layers = layers;
        this.d = layers[0][0].length;
    }

    public int depth() {
        return layers.length;
    }

    /** A copy of layer k (1-based). */
    public double[][] layer(int k) {
        double[][] w = layers[k - 1];
        double[][] c = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }

    /** Small-scale initialisation: every entry N(0, scale^2 / d). */
    public static DeepRegressionNetwork smallScale(int d, int depth, double scale, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][][] w = new double[depth][][];
        for (int k = 0; k < depth; k++) {
            w[k] = RegressionData.gaussian(rnd, k == depth - 1 ? 1 : d, d);
            scale(w[k], scale / Math.sqrt(d));
        }
        return new DeepRegressionNetwork(w);
    }

    /**
     * Residual initialisation as read here: W_k = I + N(0, scale^2 / (L^2 d)) entries for k &lt; L, and
     * W_L with N(0, 1/d) entries (so the product stays of order one at any depth).
     */
    public static DeepRegressionNetwork residual(int d, int depth, double scale, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][][] w = new double[depth][][];
        for (int k = 0; k < depth - 1; k++) {
            w[k] = RegressionData.gaussian(rnd, d, d);
            scale(w[k], scale / (depth * Math.sqrt(d)));
            for (int i = 0; i < d; i++) {
                w[k][i][i] += 1;
            }
        }
        w[depth - 1] = RegressionData.gaussian(rnd, 1, d);
        scale(w[depth - 1], 1 / Math.sqrt(d));
        return new DeepRegressionNetwork(w);
    }

    /** The end-to-end row w^T = W_L ... W_1. */
    public double[] product() {
        double[] row = layers[depth() - 1][0].clone();
        for (int k = depth() - 2; k >= 0; k--) {
            row = rowTimes(row, layers[k]);
        }
        return row;
    }

    /** (w - w*)^T Sigma (w - w*). */
    public double loss(RegressionData data) {
        double[] r = residual(data);
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s += r[i] * data.sigma()[i][j] * r[j];
            }
        }
        return s;
    }

    private double[] residual(RegressionData data) {
        double[] p = product();
        for (int i = 0; i < d; i++) {
            p[i] -= data.wStar()[i];
        }
        return p;
    }

    /** One gradient step of size eta; modifies this network and returns the loss before the step. */
    public double step(RegressionData data, double eta) {
        int m = depth();
        double[] r = residual(data);
        double[] g = new double[d]; // 2 Sigma r, the gradient with respect to the product row
        double loss = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i] += 2 * data.sigma()[i][j] * r[j];
            }
            loss += r[i] * g[i] / 2;
        }
        // before[k] = W_k ... W_1 (rows d_k x d), after[k] = W_L ... W_(k+1) (a row), both 0-based in k
        double[][][] before = new double[m + 1][][];
        before[0] = identity(d);
        for (int k = 1; k < m; k++) {
            before[k] = multiply(layers[k - 1], before[k - 1]);
        }
        double[][] after = new double[m][];
        after[m - 1] = null;
        double[] row = null;
        for (int k = m - 1; k >= 0; k--) {
            after[k] = row;
            row = row == null ? layers[k][0].clone() : rowTimes(row, layers[k]);
        }
        double[][][] grads = new double[m][][];
        for (int k = 0; k < m; k++) {
            double[] bg = timesTransposed(before[k], g); // B_k g, length d_k
            double[] a = after[k] == null ? new double[] {1} : after[k];
            double[][] gk = new double[a.length][bg.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < bg.length; j++) {
                    gk[i][j] = a[i] * bg[j];
                }
            }
            grads[k] = gk;
        }
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < layers[k].length; i++) {
                for (int j = 0; j < layers[k][i].length; j++) {
                    layers[k][i][j] -= eta * grads[k][i][j];
                }
            }
        }
        return loss;
    }

    /** lambda_max of the full Hessian of the excess loss (from {@link Loss#hessian}, in double). */
    public double sharpness(RegressionData data) {
        DoubleArithmetic ar = DoubleArithmetic.INSTANCE;
        List<Matrix<Double>> ls = new ArrayList<>();
        for (double[][] w : layers) {
            ls.add(Matrix.build(ar, w.length, w[0].length, (i, j) -> w[i][j]));
        }
        Matrix<Double> sigma = Matrix.build(ar, d, d, (i, j) -> data.sigma()[i][j]);
        Matrix<Double> target = Matrix.build(ar, 1, d, (i, j) -> data.wStar()[j]);
        Matrix<Double> h = Loss.hessian(new LinearNetwork<>(ar, ls, sigma, target));
        double[][] a = new double[h.rows()][h.cols()];
        for (int i = 0; i < h.rows(); i++) {
            for (int j = 0; j < h.cols(); j++) {
                a[i][j] = h.get(i, j);
            }
        }
        return DoubleEigen.approxMax(a);
    }

    /** sigma_2 / sigma_1 of each layer k = 1..L-1 (0 for d = 1). */
    public double[] secondToFirstSingularValue() {
        double[] out = new double[depth() - 1];
        for (int k = 0; k < depth() - 1; k++) {
            double[] ev = DoubleEigen.approxSymmetric(multiply(transpose(layers[k]), layers[k])).values();
            out[k] = ev.length < 2 ? 0 : Math.sqrt(Math.max(0, ev[1]) / ev[0]);
        }
        return out;
    }

    /** |u_k . v_(k+1)| for k = 1..L-1: the top left singular vector of W_k against the top right one of W_(k+1). */
    public double[] alignment() {
        double[] out = new double[depth() - 1];
        for (int k = 0; k < depth() - 1; k++) {
            double[] u = topVector(multiply(layers[k], transpose(layers[k])));
            double[] v = topVector(multiply(transpose(layers[k + 1]), layers[k + 1]));
            double dot = 0;
            for (int i = 0; i < u.length; i++) {
                dot += u[i] * v[i];
            }
            out[k] = Math.abs(dot);
        }
        return out;
    }

    private static double[] topVector(double[][] sym) {
        double[][] vec = DoubleEigen.approxSymmetric(sym).vectors();
        double[] v = new double[sym.length];
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = vec[i][0];
            n += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= Math.sqrt(n);
        }
        return v;
    }

    static void scale(double[][] w, double s) {
        for (double[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= s;
            }
        }
    }

    static double[][] identity(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        return a;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double x = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += x * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** row^T a. */
    static double[] rowTimes(double[] row, double[][] a) {
        double[] out = new double[a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += row[i] * a[i][j];
            }
        }
        return out;
    }

    /** b g for b (r x d) and g (length d). */
    static double[] timesTransposed(double[][] b, double[] g) {
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < g.length; j++) {
                out[i] += b[i][j] * g[j];
            }
        }
        return out;
    }
}
