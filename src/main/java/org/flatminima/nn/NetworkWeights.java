package org.flatminima.nn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flatminima.data.NpyArray;
import org.flatminima.data.Npz;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * A network with its parameters, read from or written to a NumPy {@code .npz} holding
 * {@code W1..Wm} (each d_j x d_{j-1}, as {@code torch.nn.Linear.weight} stores it) and optionally
 * {@code b1..bm}.
 *
 * @param network the architecture
 * @param parameters the flat parameters in the layout of {@link Network}
 */
public record NetworkWeights(Network network, double[] parameters) {

    /** Reads {@code file}; biases are used when {@code b1} is present (then all of b1..bm must be). */
    public static NetworkWeights read(Path file, Activation activation) {
        Map<String, NpyArray> arrays = Npz.read(file);
        List<NpyArray> ws = new ArrayList<>();
        for (int j = 1; arrays.containsKey("W" + j); j++) {
            ws.add(arrays.get("W" + j));
        }
        if (ws.isEmpty()) {
            throw new UserError(Problem.NPZ_ARRAY_MISSING, file, "W1", String.join(", ", arrays.keySet()));
        }
        int m = ws.size();
        int[] widths = new int[m + 1];
        for (int j = 1; j <= m; j++) {
            NpyArray w = ws.get(j - 1);
            if (w.rank() != 2) {
                throw new UserError(Problem.ARRAY_WRONG_SHAPE, file, "W" + j, w.shapeText(), "a matrix (d_j, d_{j-1})");
            }
            if (j == 1) {
                widths[0] = w.cols();
            } else if (w.cols() != widths[j - 1]) {
                throw new UserError(Problem.ARRAY_WRONG_SHAPE, file, "W" + j, w.shapeText(),
                        "(" + w.rows() + ", " + widths[j - 1] + ") to follow W" + (j - 1));
            }
            widths[j] = w.rows();
        }
        boolean biases = arrays.containsKey("b1");
        Network net = new Network(widths, activation, biases);
        double[] p = new double[net.parameterCount()];
        for (int j = 1; j <= m; j++) {
            double[] v = ws.get(j - 1).values();
            checkFinite(file, "W" + j, v);
            System.arraycopy(v, 0, p, net.weightOffset(j), v.length);
            if (biases) {
                NpyArray b = Npz.require(arrays, "b" + j, file);
                if (b.values().length != widths[j] || b.rank() > 2) {
                    throw new UserError(Problem.ARRAY_WRONG_SHAPE, file, "b" + j, b.shapeText(), "(" + widths[j] + ",)");
                }
                checkFinite(file, "b" + j, b.values());
                System.arraycopy(b.values(), 0, p, net.biasOffset(j), widths[j]);
            }
        }
        return new NetworkWeights(net, p);
    }

    /** Writes the weights to {@code file} atomically, as float32 ({@code single}) or float64. */
    public void write(Path file, boolean single) {
        Npz.write(file, network.toArrays(parameters), single);
    }

    static void checkFinite(Path file, String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new UserError(Problem.ARRAY_NOT_FINITE, file, "array " + name, i);
            }
        }
    }
}
