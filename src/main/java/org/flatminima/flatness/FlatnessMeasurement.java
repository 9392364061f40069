package org.flatminima.flatness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flatminima.results.Verdict;
import org.flatminima.data.Dataset;
import org.flatminima.nn.LossScale;
import org.flatminima.nn.Network;
import org.flatminima.nn.Precision;
import org.flatminima.nn.Sharpness;
import org.flatminima.nn.TrainingLoss;

/**
 * All flatness measures of one saved minimum on its data: lambda_max (Lanczos on exact Hessian-vector
 * products), the local energy curve, the local entropy curve and, when couplings are given, the local
 * free entropy. Float64 throughout; every Monte-Carlo figure carries its error.
 */
public final class FlatnessMeasurement {
    private FlatnessMeasurement() {}

    /**
     * What to measure.
     *
     * @param sigmas relative noise levels of the local energy
     * @param distances relative radii of the local entropy
     * @param thresholdFactor a perturbed point counts as inside when its loss is at most this times L(w)
     * @param gammas couplings of the local free entropy (may be empty)
     * @param beta inverse temperature of the local free entropy
     * @param draws Monte-Carlo draws per point
     * @param lanczosIterations Lanczos iterations for lambda_max (0 skips it)
     * @param seed seed of every draw
     */
    public record Settings(double[] sigmas, double[] distances, double thresholdFactor, double[] gammas, double beta,
            int draws, int lanczosIterations, long seed) {}

    /** The measures of one minimum. */
    public record Result(String label, double loss, double threshold, Double lambdaMax, Double lambdaResidual,
            List<LocalEnergy.Point> energy, List<LocalEntropy.Point> entropy, List<LocalEntropy.FreePoint> free,
            double seconds) {

        /** A JSON-ready map (non-finite numbers as null). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("loss", loss);
            m.put("entropy_threshold", threshold);
            m.put("lambda_max", lambdaMax);
            m.put("lambda_max_residual", lambdaResidual);
            List<Map<String, Object>> e = new ArrayList<>();
            for (LocalEnergy.Point p : energy) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("sigma", p.sigma());
                x.put("delta_e", p.mean());
                x.put("standard_error", p.standardError());
                x.put("draws", p.draws());
                e.add(x);
            }
            m.put("local_energy", e);
            List<Map<String, Object>> s = new ArrayList<>();
            for (LocalEntropy.Point p : entropy) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("distance", p.distance());
                x.put("inside", p.inside());
                x.put("draws", p.draws());
                x.put("log_fraction", finite(p.logFraction()));
                x.put("log_fraction_95_low", finite(p.logLow()));
                x.put("log_fraction_95_high", finite(p.logHigh()));
                s.add(x);
            }
            m.put("local_entropy", s);
            List<Map<String, Object>> f = new ArrayList<>();
            for (LocalEntropy.FreePoint p : free) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("gamma", p.gamma());
                x.put("free_entropy", finite(p.value()));
                x.put("standard_error", finite(p.standardError()));
                x.put("draws", p.draws());
                f.add(x);
            }
            m.put("local_free_entropy", f);
            m.put("time_s", seconds);
            return m;
        }
    }

    static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** The loss l(w) = (1/n) sum ||y - f(x)||^2 of {@code net} on {@code data} as an {@link Objective}. */
    public static Objective objective(Network net, Dataset data, LossScale scale) {
        TrainingLoss<double[]> loss = new TrainingLoss<>(net, data, Precision.FLOAT64, scale, TrainingLoss.DEFAULT_BLOCK);
        return p -> loss.value(loss.parameters(p));
    }

    /** Measures the minimum {@code params} (not modified) of {@code net} on {@code data}. */
    public static Result measure(String label, Network net, double[] params, Dataset data, LossScale scale, Settings s) {
        long start = System.nanoTime();
        Objective loss = objective(net, data, scale);
        double base = loss.value(params);
        Double lambda = null;
        Double residual = null;
        if (s.lanczosIterations() > 0) {
            Sharpness.Options o = Sharpness.Options.defaults(Precision.FLOAT64).withIterations(s.lanczosIterations())
                    .withLossScale(scale);
            Sharpness.Result r = Sharpness.measure(net, params, data, o, org.flatminima.nn.Spectrum.Listener.NONE);
            lambda = r.lambdaMax();
            residual = r.spectrum().residualMax();
        }
        double threshold = s.thresholdFactor() * base;
        List<LocalEnergy.Point> energy = LocalEnergy.estimate(loss, params, s.sigmas(), s.draws(), s.seed());
        List<LocalEntropy.Point> entropy = LocalEntropy.estimate(loss, params, s.distances(), threshold, s.draws(), s.seed() + 1);
        List<LocalEntropy.FreePoint> free = s.gammas().length == 0 ? List.of()
                : LocalEntropy.freeEntropy(loss, params, s.gammas(), s.beta(), s.draws(), s.seed() + 2);
        return new Result(label, base, threshold, lambda, residual, energy, entropy, free, (System.nanoTime() - start) / 1e9);
    }

    /** One measure's verdict on a pair, at one noise level or radius. */
    public record Comparison(String measure, double at, Ordering ordering) {}

    /**
     * Compares two minima: by lambda_max (as measured, Lanczos residual as its error), by the local energy at
     * each sigma (2 standard errors) and by the local entropy at each radius (95% intervals).
     */
    public static List<Comparison> compare(Result a, Result b) {
        List<Comparison> out = new ArrayList<>();
        if (a.lambdaMax() != null && b.lambdaMax() != null) {
            out.add(new Comparison("lambda_max", Double.NaN, Ordering.bySharpness(a.lambdaMax(), a.lambdaResidual(),
                    b.lambdaMax(), b.lambdaResidual(), 1)));
        }
        for (int i = 0; i < a.energy().size() && i < b.energy().size(); i++) {
            LocalEnergy.Point p = a.energy().get(i);
            LocalEnergy.Point q = b.energy().get(i);
            out.add(new Comparison("local_energy", p.sigma(), Ordering.bySharpness(p.mean(), p.standardError(), q.mean(),
                    q.standardError(), 2)));
        }
        for (int i = 0; i < a.entropy().size() && i < b.entropy().size(); i++) {
            LocalEntropy.Point p = a.entropy().get(i);
            LocalEntropy.Point q = b.entropy().get(i);
            out.add(new Comparison("local_entropy", p.distance(), Ordering.byFlatnessIntervals(p.logLow(), p.logHigh(),
                    q.logLow(), q.logHigh())));
        }
        return out;
    }

    /**
     * Whether {@code measure} orders a pair of minima as lambda_max does, over the points where both are decided:
     * REFUTED if it disagrees at any, NUMERICAL if it agrees at one or more and disagrees at none, UNDECIDED
     * otherwise (also when lambda_max itself does not separate the pair).
     *
     * @param lambdaMax the ordering by lambda_max
     * @param agree decided points where {@code measure} agrees
     * @param disagree decided points where it disagrees
     */
    public record Agreement(Verdict verdict, Ordering lambdaMax, int agree, int disagree) {}

    /** Decides {@link Agreement} for {@code measure} from the comparisons of one pair ({@link #compare}). */
    public static Agreement agreesWithLambdaMax(List<Comparison> comparisons, String measure) {
        Ordering lambda = comparisons.stream().filter(x -> x.measure().equals("lambda_max"))
                .map(Comparison::ordering).findFirst().orElse(Ordering.UNDECIDED);
        int agree = 0;
        int disagree = 0;
        for (Comparison x : comparisons) {
            if (x.measure().equals(measure) && x.ordering() != Ordering.UNDECIDED && lambda != Ordering.UNDECIDED) {
                if (x.ordering() == lambda) {
                    agree++;
                } else {
                    disagree++;
                }
            }
        }
        Verdict v = disagree > 0 ? Verdict.REFUTED : agree > 0 ? Verdict.NUMERICAL : Verdict.UNDECIDED;
        return new Agreement(v, lambda, agree, disagree);
    }
}
