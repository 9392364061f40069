package org.flatminima.flatness;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.results.Verdict;
import org.flatminima.data.Digits;

/**
 * Baldassi et al.'s central claim at small scale: binary classifiers (MNIST 0 against 1) trained to larger
 * margins kappa sit in flatter regions, by the local energy and the local entropy of their training error.
 * Two models, both invariant to the scale of each unit's weights (so multiplicative noise and relative radii
 * are meaningful): a perceptron f(x) = w.x / ||w||, and one hidden layer of K tanh units with a fixed +-1
 * output layer, f(x) = K^(-1/2) sum_k c_k tanh(w_k.x / ||w_k||). Trained by gradient descent on
 * (1/n) sum_i max(0, kappa - y_i f(x_i))^2, every unit renormalised to norm sqrt(N) after each step.
 */
public final class MarginExperiment {
    private MarginExperiment() {}

    /** The classifier family. */
    public enum Model {
        PERCEPTRON(1), HIDDEN(5);

        final int units;

        Model(int units) {
            this.units = units;
        }
    }

    /**
     * Labelled inputs: x_i centred and scaled to norm sqrt(N), y_i = +1 for the digit 1 and -1 for 0.
     */
    public record Data(double[][] x, int[] y) {
        public int dimension() {
            return x[0].length;
        }

        /** The first n/2 zeros and n/2 ones of {@code digits} (downsampled to {@code side}). */
        public static Data zerosAgainstOnes(Digits digits, int side, int n) {
            Digits d = digits.downsample(side);
            int per = d.pixelsPerImage();
            List<double[]> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            int zeros = 0;
            int ones = 0;
            for (int i = 0; i < d.count() && zeros + ones < n; i++) {
                int label = d.labels()[i];
                if (label == 0 && zeros < n / 2 || label == 1 && ones < n - n / 2) {
                    double[] v = new double[per];
                    for (int j = 0; j < per; j++) {
                        v[j] = d.pixels()[i * per + j];
                    }
                    xs.add(v);
                    ys.add(label == 1 ? 1 : -1);
                    if (label == 0) {
                        zeros++;
                    } else {
                        ones++;
                    }
                }
            }
            double[] mean = new double[per];
            for (double[] v : xs) {
                for (int j = 0; j < per; j++) {
                    mean[j] += v[j] / xs.size();
                }
            }
            double[][] x = new double[xs.size()][];
            int[] y = new int[xs.size()];
            for (int i = 0; i < x.length; i++) {
                double[] v = xs.get(i);
                double norm = 0;
                for (int j = 0; j < per; j++) {
                    v[j] -= mean[j];
                    norm += v[j] * v[j];
                }
                double s = Math.sqrt(per / Math.max(norm, 1e-300));
                for (int j = 0; j < per; j++) {
                    v[j] *= s;
                }
                x[i] = v;
                y[i] = ys.get(i);
            }
            return new Data(x, y);
        }
    }

    /** f(x) for flat parameters (K rows of N weights); h_k = w_k.x / ||w_k||. */
    public static double output(Model model, double[] w, double[] x) {
        double f = 0;
        for (int k = 0; k < model.units; k++) {
            double h = preactivation(w, k, x);
            f += model == Model.PERCEPTRON ? h : sign(k) * Math.tanh(h);
        }
        return model == Model.PERCEPTRON ? f : f / Math.sqrt(model.units);
    }

    static double preactivation(double[] w, int k, double[] x) {
        int n = x.length;
        double dot = 0;
        double norm = 0;
        for (int j = 0; j < n; j++) {
            double v = w[k * n + j];
            dot += v * x[j];
            norm += v * v;
        }
        return dot / Math.sqrt(norm);
    }

    static double sign(int k) {
        return k % 2 == 0 ? 1 : -1;
    }

    /** The fraction of misclassified samples (y f(x) &lt;= 0). */
    public static double error(Model model, Data data, double[] w) {
        int wrong = 0;
        for (int i = 0; i < data.y().length; i++) {
            if (data.y()[i] * output(model, w, data.x()[i]) <= 0) {
                wrong++;
            }
        }
        return (double) wrong / data.y().length;
    }

    /** min_i y_i f(x_i). */
    public static double margin(Model model, Data data, double[] w) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < data.y().length; i++) {
            m = Math.min(m, data.y()[i] * output(model, w, data.x()[i]));
        }
        return m;
    }

    /**
     * Trains to margin {@code kappa} from a seeded random start by {@code steps} gradient steps of size
     * {@code eta} on the squared hinge loss; returns the weights.
     */
    public static double[] train(Model model, Data data, double kappa, int steps, double eta, long seed) {
        int n = data.dimension();
        int kUnits = model.units;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[kUnits * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextDouble() - 0.5;
        }
        normalise(w, kUnits, n);
        double[] grad = new double[w.length];
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < data.y().length; i++) {
                double[] x = data.x()[i];
                double gap = kappa - data.y()[i] * output(model, w, x);
                if (gap <= 0) {
                    continue;
                }
                // d/dw_k of gap^2 = -2 gap y df/dh_k x / sqrt(N) while ||w_k|| = sqrt(N) (kept by renormalising)
                for (int k = 0; k < kUnits; k++) {
                    double dfdh = 1;
                    if (model != Model.PERCEPTRON) {
                        double th = Math.tanh(preactivation(w, k, x));
                        dfdh = sign(k) * (1 - th * th) / Math.sqrt(kUnits);
                    }
                    double c = -2 * gap * data.y()[i] * dfdh / Math.sqrt(n) / data.y().length;
                    for (int j = 0; j < n; j++) {
                        grad[k * n + j] += c * x[j];
                    }
                }
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= eta * grad[i];
            }
            normalise(w, kUnits, n);
        }
        return w;
    }

    static void normalise(double[] w, int units, int n) {
        for (int k = 0; k < units; k++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += w[k * n + j] * w[k * n + j];
            }
            double f = Math.sqrt(n / s);
            for (int j = 0; j < n; j++) {
                w[k * n + j] *= f;
            }
        }
    }

    /** One trained classifier and its flatness. */
    public record Point(Model model, double kappa, double achievedMargin, double trainError, List<LocalEnergy.Point> energy,
            List<LocalEntropy.Point> entropy) {}

    /**
     * Trains one classifier per kappa and measures it: the local energy of the training error under
     * multiplicative noise, and the local entropy of the set with training error at most the solution's own.
     */
    public static List<Point> run(Model model, Data data, double[] kappas, int steps, double eta, double[] sigmas,
            double[] distances, int draws, long seed) {
        List<Point> out = new ArrayList<>();
        for (double kappa : kappas) {
            double[] w = train(model, data, kappa, steps, eta, seed);
            Objective err = p -> error(model, data, p);
            double e = err.value(w);
            out.add(new Point(model, kappa, margin(model, data, w), e, LocalEnergy.estimate(err, w, sigmas, draws, seed + 1),
                    LocalEntropy.estimate(err, w, distances, e, draws, seed + 2)));
        }
        return out;
    }

    /**
     * Whether flatness grows with kappa, by the local energy at each sigma, among the solutions (zero training
     * error): FIRST_FLATTER means the largest kappa is flatter than the smallest (2 standard errors apart),
     * SECOND_FLATTER the reverse, UNDECIDED also when fewer than two solutions were reached.
     */
    public static Ordering largestAgainstSmallest(List<Point> points, int sigmaIndex) {
        List<Point> solutions = points.stream().filter(p -> p.trainError() == 0).toList();
        if (solutions.size() < 2) {
            return Ordering.UNDECIDED;
        }
        LocalEnergy.Point hi = solutions.get(solutions.size() - 1).energy().get(sigmaIndex);
        LocalEnergy.Point lo = solutions.get(0).energy().get(sigmaIndex);
        return Ordering.bySharpness(hi.mean(), hi.standardError(), lo.mean(), lo.standardError(), 2);
    }

    /**
     * The verdict on "larger margins sit in flatter regions" for one model: REFUTED if the largest margin is
     * sharper (2 standard errors apart) at any noise level, NUMERICAL if it is flatter at one or more and sharper
     * at none, UNDECIDED otherwise (never a pass).
     *
     * @param flatter noise levels at which the largest margin is flatter
     * @param sharper noise levels at which it is sharper
     * @param levels the noise levels compared
     */
    public record Finding(Verdict verdict, int flatter, int sharper, int levels) {
        /** How the verdict was reached, for the results. */
        public String method() {
            return "Monte-Carlo: largest kappa flatter at " + flatter + " and sharper at " + sharper + " of " + levels
                    + " noise levels (a numerical finding)";
        }
    }

    /** Decides {@link Finding} over the first {@code levels} noise levels of {@code points}. */
    public static Finding largerMarginFlatter(List<Point> points, int levels) {
        int flatter = 0;
        int sharper = 0;
        for (int s = 0; s < levels; s++) {
            Ordering ord = largestAgainstSmallest(points, s);
            flatter += ord == Ordering.FIRST_FLATTER ? 1 : 0;
            sharper += ord == Ordering.SECOND_FLATTER ? 1 : 0;
        }
        Verdict v = sharper > 0 ? Verdict.REFUTED : flatter > 0 ? Verdict.NUMERICAL : Verdict.UNDECIDED;
        return new Finding(v, flatter, sharper, levels);
    }
}
