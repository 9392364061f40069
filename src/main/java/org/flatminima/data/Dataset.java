package org.flatminima.data;

import java.util.Map;

/**
 * A regression data set: {@code n} samples with inputs in R^{inputDim} and targets in R^{outputDim},
 * each stored sample after sample (row-major {@code n x d}, the layout of a NumPy {@code (n, d)}
 * array, which is column-major {@code d x n} with one sample per column).
 *
 * @param n number of samples
 * @param inputDim input dimension d_x
 * @param outputDim target dimension d_y
 * @param inputs {@code n * inputDim} values, sample {@code i} at {@code [i * inputDim, (i + 1) * inputDim)}
 * @param targets {@code n * outputDim} values, laid out likewise
 * @param description where the data came from, for logs and reports (e.g. source, noise and seed)
 * @param provenance machine-readable settings that made the data (source, n, noise_std, noise_seed, ...)
 */
public record Dataset(int n, int inputDim, int outputDim, double[] inputs, double[] targets, String description,
        Map<String, Object> provenance) {
    public Dataset {
        if ((long) n * inputDim != inputs.length || (long) n * outputDim != targets.length) {
            throw new IllegalArgumentException("data arrays do not match n=" + n + ", d_x=" + inputDim
                    + ", d_y=" + outputDim);
        }
        provenance = Map.copyOf(provenance);
    }

    /** The first {@code count} samples (a fixed subset, labelled as such in the description). */
    public Dataset firstSamples(int count) {
        if (count >= n) {
            return this;
        }
        double[] x = java.util.Arrays.copyOf(inputs, count * inputDim);
        double[] y = java.util.Arrays.copyOf(targets, count * outputDim);
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(provenance);
        p.put("subset", "first " + count + " of " + n);
        return new Dataset(count, inputDim, outputDim, x, y, description + ", subset: first " + count + " of " + n, p);
    }
}
