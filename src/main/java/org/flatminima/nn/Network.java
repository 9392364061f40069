package org.flatminima.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.NpyArray;

/**
 * A fully connected network f(x) = W_m s(... s(W_1 x + b_1) ...) + b_m with activation s after
 * every layer but the last, and its flat parameter layout: for j = 1..m, the entries of W_j
 * (d_j x d_{j-1}, row-major, as NumPy stores it) followed by b_j (d_j entries) when biases are on.
 *
 * @param widths d_0 (input), d_1, ..., d_m (output); at least two entries
 * @param activation the activation between layers
 * @param biases whether the layers have biases
 */
public record Network(int[] widths, Activation activation, boolean biases) {
    public Network {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs an input and at least one layer");
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("widths must be positive: " + Arrays.toString(widths));
            }
        }
        widths = widths.clone();
    }

    /** A network of {@code depth} layers, all {@code width} wide (input and output included). */
    public static Network uniform(int width, int depth, Activation activation, boolean biases) {
        int[] w = new int[depth + 1];
        Arrays.fill(w, width);
        return new Network(w, activation, biases);
    }

    /** The number of layers m. */
    public int depth() {
        return widths.length - 1;
    }

    /** d_{j} for j = 0..m. */
    public int width(int j) {
        return widths[j];
    }

    public int inputDim() {
        return widths[0];
    }

    public int outputDim() {
        return widths[widths.length - 1];
    }

    /** Offset of W_j (j = 1..m) in the flat parameter vector. */
    public int weightOffset(int j) {
        int off = 0;
        for (int k = 1; k < j; k++) {
            off += widths[k] * widths[k - 1] + (biases ? widths[k] : 0);
        }
        return off;
    }

    /** Offset of b_j (j = 1..m); meaningful only with biases. */
    public int biasOffset(int j) {
        return weightOffset(j) + widths[j] * widths[j - 1];
    }

    /** The number of parameters. */
    public int parameterCount() {
        return weightOffset(widths.length);
    }

    /** A copy of {@code widths}. */
    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** Identity initialisation: W_j = I (ones on the diagonal of rectangular layers), biases zero. */
    public double[] identityParameters() {
        double[] p = new double[parameterCount()];
        for (int j = 1; j <= depth(); j++) {
            int off = weightOffset(j);
            int cols = widths[j - 1];
            for (int r = 0; r < Math.min(widths[j], cols); r++) {
                p[off + r * cols + r] = 1;
            }
        }
        return p;
    }

    /** He initialisation: W_j entries N(0, 2 / d_{j-1}) from a generator seeded with {@code seed}, biases zero. */
    public double[] heParameters(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] p = new double[parameterCount()];
        for (int j = 1; j <= depth(); j++) {
            int off = weightOffset(j);
            double sd = Math.sqrt(2.0 / widths[j - 1]);
            for (int i = 0; i < widths[j] * widths[j - 1]; i++) {
                p[off + i] = sd * rnd.nextGaussian();
            }
        }
        return p;
    }

    /** The parameters as NumPy arrays {@code W1..Wm} (d_j x d_{j-1}) and {@code b1..bm}. */
    public Map<String, NpyArray> toArrays(double[] parameters) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (int j = 1; j <= depth(); j++) {
            int off = weightOffset(j);
            out.put("W" + j, NpyArray.matrix(widths[j], widths[j - 1],
                    Arrays.copyOfRange(parameters, off, off + widths[j] * widths[j - 1])));
        }
        if (biases) {
            for (int j = 1; j <= depth(); j++) {
                int off = biasOffset(j);
                out.put("b" + j, new NpyArray(new int[] {widths[j]}, "<f8",
                        Arrays.copyOfRange(parameters, off, off + widths[j])));
            }
        }
        return out;
    }
}
