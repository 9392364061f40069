package org.flatminima.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flatminima.claims.CheckSettings;
import org.flatminima.claims.Claim;
import org.flatminima.claims.ClaimRegistry;
import org.flatminima.claims.Instance;
import org.flatminima.claims.Outcome;
import org.flatminima.data.Dataset;
import org.flatminima.inspect.Inspection;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.Precision;
import org.flatminima.nn.Sharpness;
import org.flatminima.nn.Spectrum;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;

/**
 * The library's entry point: decide a claim of the paper on your network, inspect your network, measure the
 * sharpness of your trained weights. Every method returns a record; nothing is printed or written.
 *
 * <p>Exact networks are built from rational entries ({@link #network}); a verdict on them is exact or
 * certified wherever the claim allows, and says so in {@link ClaimDecision#method()}. Bad input (a layer that
 * does not chain, an unknown claim id) throws {@link IllegalArgumentException} or
 * {@link org.flatminima.errors.UserError} with a one-line message.
 */
public final class Flatminima {
    private static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    private Flatminima() {}

    /**
     * A deep linear network W_m...W_1 with Sigma_x = I, at the global minimum of its own product (T = W_m...W_1).
     *
     * @param layers W_1..W_m, each a list of rows of {@code p/q} or decimal strings ({@code "0.1"} is 1/10)
     */
    public static LinearNetwork<Rational> network(String[][]... layers) {
        return network(null, List.of(layers));
    }

    /**
     * A deep linear network with the given target T (null: the product of the layers) and Sigma_x = I.
     *
     * @param target T as rows of {@code p/q} or decimal strings, or null
     * @param layers W_1..W_m as rows of {@code p/q} or decimal strings
     */
    public static LinearNetwork<Rational> network(String[][] target, List<String[][]> layers) {
        List<Matrix<Rational>> ws = new ArrayList<>();
        for (String[][] w : layers) {
            ws.add(matrix(w));
        }
        return new LinearNetwork<>(Q, ws, null, target == null ? null : matrix(target));
    }

    /** The ids of every claim {@link #decide} accepts (statements of the paper and negative controls). */
    public static List<String> claimIds() {
        return ClaimRegistry.standard().all().stream().map(Claim::id).toList();
    }

    /**
     * Decides claim {@code claimId} (e.g. {@code theorem1.sharpness}) on {@code network} with the checker's
     * default settings (30 digits for enclosures of irrational closed forms).
     */
    public static ClaimDecision decide(String claimId, LinearNetwork<Rational> network) {
        Claim claim = ClaimRegistry.standard().get(claimId);
        Outcome o = claim.decide(new Instance("given", 0L, network), claim.limits(CheckSettings.DEFAULT));
        return new ClaimDecision(claim.id(), claim.statement(), o.verdict(), o.method(), o.margin(), o.tolerance(),
                o.details());
    }

    /**
     * Everything {@code inspect} says about {@code network}: loss, spectrum at {@code digits} digits, exact
     * inertia, certified lambda_max, and whether it is a global and a flattest minimum.
     */
    public static NetworkInspection inspect(LinearNetwork<Rational> network, int digits) {
        CaseFile.Case c = new CaseFile.Case(null, network, null, null, Json.mapper().createObjectNode());
        return NetworkInspection.of(Inspection.run(c, digits, false));
    }

    /**
     * The sharpness (top Hessian eigenvalue of the training loss (1/n) sum_i ||y_i - f(x_i)||^2) of a fully
     * connected network without biases, in float64.
     *
     * @param layers W_1..W_m, W_j of shape d_j x d_{j-1} as rows
     * @param activation {@link Activation#RELU} after every layer but the last, or {@link Activation#LINEAR}
     * @param inputs the samples x_i as rows (n x d_0)
     * @param targets the targets y_i as rows (n x d_m)
     */
    public static SharpnessMeasurement sharpness(List<double[][]> layers, Activation activation, double[][] inputs,
            double[][] targets) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0)[0].length;
        for (int j = 1; j <= layers.size(); j++) {
            double[][] w = layers.get(j - 1);
            if (w[0].length != widths[j - 1]) {
                throw new IllegalArgumentException("layer W" + j + " has " + w[0].length + " columns, expected "
                        + widths[j - 1]);
            }
            widths[j] = w.length;
        }
        Network net = new Network(widths, activation, false);
        double[] params = new double[net.parameterCount()];
        for (int j = 1; j <= layers.size(); j++) {
            double[] flat = flatten(layers.get(j - 1), widths[j - 1], "W" + j);
            System.arraycopy(flat, 0, params, net.weightOffset(j), flat.length);
        }
        if (inputs.length != targets.length || inputs.length == 0) {
            throw new IllegalArgumentException("inputs and targets need the same, positive, number of rows");
        }
        Dataset data = new Dataset(inputs.length, widths[0], widths[widths.length - 1],
                flatten(inputs, widths[0], "inputs"), flatten(targets, widths[widths.length - 1], "targets"),
                "given by the caller", Map.of());
        Sharpness.Result r = Sharpness.measure(net, params, data, Sharpness.Options.defaults(Precision.FLOAT64),
                Spectrum.Listener.NONE);
        Spectrum s = r.spectrum();
        return new SharpnessMeasurement(s.lambdaMax(), s.lambdaMin(), s.residualMax(), s.converged(), r.loss(),
                String.valueOf(r.toMap().get("how")));
    }

    private static Matrix<Rational> matrix(String[][] rows) {
        Rational[][] v = new Rational[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            v[i] = new Rational[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                v[i][j] = Rational.parse(rows[i][j]);
            }
        }
        return Matrix.of(Q, v);
    }

    private static double[] flatten(double[][] rows, int cols, String what) {
        double[] out = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + rows[i].length + " entries, expected "
                        + cols);
            }
            System.arraycopy(rows[i], 0, out, i * cols, cols);
        }
        return out;
    }
}
