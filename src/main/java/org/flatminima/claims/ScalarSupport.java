package org.flatminima.claims;

import java.util.ArrayList;
import java.util.List;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.Rational;

/** Helpers for the scalar network claims of Sec. 3: weights, tau and sigma_x^2 of a 1x1-layer network. */
final class ScalarSupport {
    private ScalarSupport() {}

    static boolean isScalar(Instance in) {
        for (int d : in.dims()) {
            if (d != 1) {
                return false;
            }
        }
        return true;
    }

    static Rational[] weights(LinearNetwork<Rational> net) {
        Rational[] w = new Rational[net.depth()];
        for (int k = 1; k <= w.length; k++) {
            w[k - 1] = net.layer(k).get(0, 0);
        }
        return w;
    }

    static Rational tau(LinearNetwork<Rational> net) {
        return net.target().get(0, 0);
    }

    static Rational sigma2(LinearNetwork<Rational> net) {
        return net.sigmaX().get(0, 0);
    }

    static LinearNetwork<Rational> withWeights(LinearNetwork<Rational> net, Rational[] w) {
        List<Matrix<Rational>> ls = new ArrayList<>();
        for (Rational x : w) {
            ls.add(Matrix.build(ExactAlgebra.Q, 1, 1, (i, j) -> x));
        }
        return net.withLayers(ls);
    }

    /** The scalar premise: all widths 1, a global minimum, all weights non-zero; null when met. */
    static Outcome premise(Instance in) {
        if (!isScalar(in)) {
            return Outcome.hypothesisNotMet("not a scalar network (dims " + in.shape() + ")");
        }
        if (!in.isGlobalMinimum()) {
            return Outcome.hypothesisNotMet("not a global minimum");
        }
        if (tau(in.network()).isZero()) {
            return Outcome.hypothesisNotMet("tau = 0");
        }
        return null;
    }
}
