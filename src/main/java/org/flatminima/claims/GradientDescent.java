package org.flatminima.claims;

import org.flatminima.exact.ExactAlgebra;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Arithmetic;
import org.flatminima.numbers.Rational;

/**
 * Plain gradient descent w &lt;- w - eta grad l(w) on the network's loss, in any arithmetic (the checker
 * runs it at D digits). The iterates are approximations; claims built on them are at most NUMERICAL.
 */
public final class GradientDescent {
    private GradientDescent() {}

    /**
     * The result of a run.
     *
     * @param last the final iterate
     * @param steps steps taken
     * @param losses the loss before each step and after the last (length steps + 1)
     * @param distances ||w_t - w_ref||^2 for each iterate when a reference was given, else empty
     */
    public record Run<T>(LinearNetwork<T> last, int steps, List<Double> losses, List<Double> distances) {}

    /**
     * Runs from {@code start} (not modified) with step {@code eta} until the loss is at most {@code stopLoss}
     * or {@code maxSteps} steps were taken, or, when {@code reference} is given, until ||w - reference||^2
     * exceeds {@code escapeSquared}.
     */
    public static <T> Run<T> run(LinearNetwork<T> start, T eta, int maxSteps, T stopLoss,
            LinearNetwork<T> reference, T escapeSquared) {
        Arithmetic<T> ar = start.arithmetic();
        LinearNetwork<T> w = start;
        List<Double> losses = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        int step = 0;
        while (true) {
            T loss = Loss.value(w);
            losses.add(ar.toDouble(loss));
            if (reference != null) {
                T dist = distanceSquared(w, reference);
                distances.add(ar.toDouble(dist));
                if (ar.compare(dist, escapeSquared) > 0) {
                    break;
                }
            }
            if ((stopLoss != null && ar.compare(loss, stopLoss) <= 0) || step >= maxSteps) {
                break;
            }
            if (stopLoss != null && losses.size() > 200 && losses.get(losses.size() - 1) >= losses.get(losses.size() - 101)) {
                break; // no progress in 100 steps: the working precision's floor
            }
            List<Matrix<T>> g = Loss.gradientBlocks(w);
            List<Matrix<T>> next = new ArrayList<>();
            for (int k = 0; k < g.size(); k++) {
                next.add(w.layer(k + 1).subtract(g.get(k).scale(eta)));
            }
            w = w.withLayers(next);
            step++;
        }
        return new Run<>(w, step, losses, distances);
    }

    /** ||w - v||^2 over all parameters. */
    public static <T> T distanceSquared(LinearNetwork<T> a, LinearNetwork<T> b) {
        Arithmetic<T> ar = a.arithmetic();
        T s = ar.zero();
        for (int k = 1; k <= a.depth(); k++) {
            s = ar.add(s, a.layer(k).subtract(b.layer(k)).frobeniusSquared());
        }
        return s;
    }

    /** The exact rational value of a D-digit number (its decimal expansion, exactly). */
    public static Rational exactValue(Apfloat a) {
        return a.signum() == 0 ? Rational.ZERO : Rational.of(new BigDecimal(a.toString(true)));
    }

    /** The exact network whose entries are the exact binary values of a double network's entries. */
    public static LinearNetwork<Rational> exactImageOfDoubles(LinearNetwork<Double> net, LinearNetwork<Rational> like) {
        List<Matrix<Rational>> ls = new ArrayList<>();
        for (Matrix<Double> w : net.layers()) {
            ls.add(w.map(ExactAlgebra.Q, Rational::ofExactDouble));
        }
        return like.withLayers(ls);
    }
}
