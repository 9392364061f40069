package org.flatminima.experiments;

import java.util.SplittableRandom;
import org.flatminima.nn.Blas;
import org.flatminima.nn.Network;

/**
 * The gains of Fig. 6: for a ReLU network without biases (positively homogeneous, so the gain
 * ||h_k(x)|| / ||x|| does not depend on the scale of x), the maximal gain from the input to the
 * representation h_k after layer k, estimated by ascent from random starts, and the intermediate
 * gains of the input with the largest end-to-end gain. Estimates from below (a local search), in
 * double precision.
 */
public final class Gains {
    private Gains() {}

    /**
     * Gains of one network.
     *
     * @param maxGain maxGain[k-1] is the best gain to layer k found (k = 1..m)
     * @param topSignalGain topSignalGain[k-1] is the gain to layer k of the input with the largest
     *     end-to-end gain found
     */
    public record Result(double[] maxGain, double[] topSignalGain) {}

    /**
     * Estimates the gains of {@code net} at {@code params} from {@code starts} random unit inputs,
     * each improved by {@code iterations} steps of x <- J_x^T h_k(x) / ||.|| (for a piecewise linear
     * map this is the power step on the local Jacobian J_x, an ascent step of infinite length).
     * Reads {@code params}; modifies nothing the caller holds.
     */
    public static Result estimate(Network net, double[] params, int starts, int iterations, long seed) {
        if (net.biases()) {
            throw new IllegalArgumentException("gains are scale-free only without biases");
        }
        int m = net.depth();
        double[] best = new double[m];
        double[] topEndToEnd = null;
        for (int k = 1; k <= m; k++) {
            double[] x = randomUnitColumns(net.inputDim(), starts, new SplittableRandom(seed * 1000003L + k));
            double[] bestX = x.clone();
            double[] bestVal = new double[starts];
            for (int it = 0; it <= iterations; it++) {
                double[][] h = forward(net, params, x, starts, k);
                double[] top = h[k];
                int dk = net.width(k);
                for (int s = 0; s < starts; s++) {
                    double g = Math.sqrt(sumSq(top, s * dk, dk)) / Math.sqrt(sumSq(x, s * net.inputDim(),
                            net.inputDim()));
                    if (g > bestVal[s]) {
                        bestVal[s] = g;
                        System.arraycopy(x, s * net.inputDim(), bestX, s * net.inputDim(), net.inputDim());
                    }
                }
                if (it == iterations) {
                    break;
                }
                x = backward(net, params, h, starts, k);
                normaliseColumns(x, net.inputDim(), starts, new SplittableRandom(seed + it));
            }
            int arg = 0;
            for (int s = 1; s < starts; s++) {
                if (bestVal[s] > bestVal[arg]) {
                    arg = s;
                }
            }
            best[k - 1] = bestVal[arg];
            if (k == m) {
                double[] xs = new double[net.inputDim()];
                System.arraycopy(bestX, arg * net.inputDim(), xs, 0, net.inputDim());
                topEndToEnd = xs;
            }
        }
        double[][] h = forward(net, params, topEndToEnd, 1, m);
        double nx = Math.sqrt(sumSq(topEndToEnd, 0, topEndToEnd.length));
        double[] along = new double[m];
        for (int k = 1; k <= m; k++) {
            along[k - 1] = Math.sqrt(sumSq(h[k], 0, net.width(k))) / nx;
        }
        return new Result(best, along);
    }

    private static double[] randomUnitColumns(int d, int count, SplittableRandom rnd) {
        double[] x = new double[d * count];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        normaliseColumns(x, d, count, rnd);
        return x;
    }

    /** Scales each column to unit norm (a zero column is replaced by a random one); modifies {@code x}. */
    private static void normaliseColumns(double[] x, int d, int count, SplittableRandom rnd) {
        for (int s = 0; s < count; s++) {
            double n = Math.sqrt(sumSq(x, s * d, d));
            if (!(n > 0) || !Double.isFinite(n)) {
                for (int i = 0; i < d; i++) {
                    x[s * d + i] = rnd.nextGaussian();
                }
                n = Math.sqrt(sumSq(x, s * d, d));
            }
            for (int i = 0; i < d; i++) {
                x[s * d + i] /= n;
            }
        }
    }

    private static double sumSq(double[] a, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += a[i] * a[i];
        }
        return s;
    }

    /** h[0] = x, h[j] = layer j's output (after ReLU for j < m), for j <= k; columns are samples. */
    static double[][] forward(Network net, double[] params, double[] x, int count, int k) {
        double[][] h = new double[k + 1][];
        h[0] = x;
        for (int j = 1; j <= k; j++) {
            int in = net.width(j - 1);
            int out = net.width(j);
            double[] w = java.util.Arrays.copyOfRange(params, net.weightOffset(j), net.weightOffset(j) + in * out);
            double[] y = new double[out * count];
            // Row-major W_j (out x in) read column-major is W_j^T (in x out); y = W_j h.
            Blas.instance().dgemm("T", "N", out, count, in, 1.0, w, in, h[j - 1], in, 0.0, y, out);
            if (j < net.depth() && net.activation() == org.flatminima.nn.Activation.RELU) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = Math.max(0, y[i]);
                }
            }
            h[j] = y;
        }
        return h;
    }

    /** J_x^T h_k for each column: back through the layers with the ReLU masks of the forward pass. */
    private static double[] backward(Network net, double[] params, double[][] h, int count, int k) {
        double[] delta = h[k].clone();
        for (int j = k; j >= 1; j--) {
            int in = net.width(j - 1);
            int out = net.width(j);
            if (j < net.depth() && net.activation() == org.flatminima.nn.Activation.RELU) {
                for (int i = 0; i < delta.length; i++) {
                    if (h[j][i] <= 0) {
                        delta[i] = 0;
                    }
                }
            }
            double[] w = java.util.Arrays.copyOfRange(params, net.weightOffset(j), net.weightOffset(j) + in * out);
            double[] back = new double[in * count];
            Blas.instance().dgemm("N", "N", in, count, out, 1.0, w, in, delta, out, 0.0, back, in);
            delta = back;
        }
        return delta;
    }
}
