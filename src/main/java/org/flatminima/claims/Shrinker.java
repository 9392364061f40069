package org.flatminima.claims;

import org.flatminima.results.Verdict;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;

/**
 * Shrinks an instance on which a claim is REFUTED while it stays REFUTED: fewer layers (two neighbours
 * merged into their product), smaller widths (an index of a hidden, input or output space dropped),
 * smaller numbers (an entry replaced by 0, +-1, its nearest integer or a coarser fraction). When the
 * instance was a global minimum its target follows the product, so the shrunk case stays one. Greedy:
 * every accepted step restarts the passes; the work is bounded by a number of decisions and a time budget.
 */
public final class Shrinker {
    private static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    private Shrinker() {}

    /** The smallest still-refuted instance found (the input itself if nothing smaller fails). */
    public static Instance shrink(Claim claim, Instance start, CheckSettings settings, int maxDecisions, double maxSeconds) {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        int[] budget = {maxDecisions};
        Instance best = start;
        boolean progress = true;
        while (progress && budget[0] > 0 && System.nanoTime() < deadline) {
            progress = false;
            for (LinearNetwork<Rational> cand : candidates(best.network())) {
                if (budget[0]-- <= 0 || System.nanoTime() >= deadline) {
                    break;
                }
                Instance ci = new Instance(start.family() + "/shrunk", start.seed(), cand);
                if (stillRefuted(claim, ci, settings)) {
                    best = ci;
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }

    static boolean stillRefuted(Claim claim, Instance in, CheckSettings settings) {
        try {
            return claim.decide(in, settings).verdict() == Verdict.REFUTED;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Candidate smaller networks, cheapest reductions first. */
    static List<LinearNetwork<Rational>> candidates(LinearNetwork<Rational> net) {
        List<LinearNetwork<Rational>> out = new ArrayList<>();
        boolean tied = net.product().equals(net.target());
        int m = net.depth();
        int[] d = net.dims();
        for (int k = 1; k < m; k++) {
            List<Matrix<Rational>> ls = new ArrayList<>(net.layers());
            Matrix<Rational> merged = ls.get(k).multiply(ls.get(k - 1));
            ls.remove(k);
            ls.set(k - 1, merged);
            out.add(rebuild(net, ls, net.sigmaIsIdentity() ? null : net.sigmaX(), net.target(), tied));
        }
        for (int j = 0; j <= m; j++) {
            if (d[j] <= 1) {
                continue;
            }
            for (int i = 0; i < d[j]; i++) {
                out.add(dropIndex(net, j, i, tied));
            }
        }
        for (int k = 1; k <= m; k++) {
            Matrix<Rational> w = net.layer(k);
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    for (Rational x : simpler(w.get(r, c))) {
                        List<Matrix<Rational>> ls = new ArrayList<>(net.layers());
                        int rr = r;
                        int cc = c;
                        ls.set(k - 1, Matrix.build(Q, w.rows(), w.cols(), (i, j) -> i == rr && j == cc ? x : w.get(i, j)));
                        out.add(rebuild(net, ls, net.sigmaIsIdentity() ? null : net.sigmaX(), net.target(), tied));
                    }
                }
            }
        }
        return out;
    }

    /** Simpler values than x, simplest first (none when x is already 0 or +-1). */
    static List<Rational> simpler(Rational x) {
        List<Rational> out = new ArrayList<>();
        if (x.isZero()) {
            return out;
        }
        out.add(Rational.ZERO);
        if (!x.abs().equals(Rational.ONE)) {
            out.add(x.signum() > 0 ? Rational.ONE : Rational.ONE.negate());
        }
        BigInteger[] qr = x.numerator().divideAndRemainder(x.denominator());
        Rational nearest = Rational.of(qr[0]);
        if (!nearest.equals(x) && !out.contains(nearest)) {
            out.add(nearest);
        }
        if (!x.isInteger()) {
            Rational half = Rational.of(x.multiply(Rational.TWO).numerator().divide(x.multiply(Rational.TWO).denominator()), BigInteger.TWO);
            if (!half.equals(x) && !out.contains(half)) {
                out.add(half);
            }
        }
        return out;
    }

    /** The network with index i of space d_j removed (j = 0 input, j = m output, else hidden). */
    static LinearNetwork<Rational> dropIndex(LinearNetwork<Rational> net, int j, int i, boolean tied) {
        int m = net.depth();
        List<Matrix<Rational>> ls = new ArrayList<>(net.layers());
        if (j >= 1) {
            ls.set(j - 1, dropRow(ls.get(j - 1), i));
        }
        if (j < m) {
            ls.set(j, dropCol(ls.get(j), i));
        }
        Matrix<Rational> sigma = net.sigmaIsIdentity() ? null : net.sigmaX();
        Matrix<Rational> target = net.target();
        if (j == 0) {
            sigma = sigma == null ? null : dropCol(dropRow(sigma, i), i);
            target = dropCol(target, i);
        }
        if (j == m) {
            target = dropRow(target, i);
        }
        return rebuild(net, ls, sigma, target, tied);
    }

    static LinearNetwork<Rational> rebuild(LinearNetwork<Rational> net, List<Matrix<Rational>> ls, Matrix<Rational> sigma,
            Matrix<Rational> target, boolean tied) {
        LinearNetwork<Rational> n = new LinearNetwork<>(Q, ls, sigma, null);
        return tied ? n : new LinearNetwork<>(Q, ls, sigma, target);
    }

    static Matrix<Rational> dropRow(Matrix<Rational> a, int i) {
        return Matrix.build(Q, a.rows() - 1, a.cols(), (r, c) -> a.get(r < i ? r : r + 1, c));
    }

    static Matrix<Rational> dropCol(Matrix<Rational> a, int i) {
        return Matrix.build(Q, a.rows(), a.cols() - 1, (r, c) -> a.get(r, c < i ? c : c + 1));
    }
}
