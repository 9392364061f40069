package org.flatminima.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flatminima.data.Dataset;

/**
 * The float path's benchmark workloads on a fully connected ReLU network without biases (He
 * initialisation, Gaussian data): the full-batch loss and gradient, one Hessian-vector product at
 * fresh weights (including the activation cache it builds), and 20 power iterations (cache, then
 * one product per iteration). Each is timed {@code repeats} times; the best and median are kept.
 */
public final class FloatBenchmark {
    private FloatBenchmark() {}

    /** Best and median seconds of one workload. */
    public record Timing(String workload, double bestSeconds, double medianSeconds, int repeats) {}

    /** Runs the workloads in {@code precision} and returns their timings by workload name. */
    public static Map<String, Timing> run(int width, int depth, int samples, int powerIterations, int repeats,
            Precision precision) {
        Network net = Network.uniform(width, depth, Activation.RELU, false);
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[samples * width];
        double[] y = new double[samples * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = rnd.nextGaussian();
        }
        Dataset data = new Dataset(samples, width, width, x, y, "benchmark", Map.of());
        double[] params = net.heParameters(3);
        return time(new TrainingLoss<>(net, data, precision, LossScale.SAMPLE, TrainingLoss.DEFAULT_BLOCK), params,
                powerIterations, repeats);
    }

    private static <A> Map<String, Timing> time(TrainingLoss<A> loss, double[] params, int iterations, int repeats) {
        A p = loss.parameters(params);
        A g = loss.arithmetic().allocate(params.length);
        double[] v = Spectrum.randomUnit(params.length, 5);
        double[] hv = new double[params.length];
        Map<String, double[]> t = new LinkedHashMap<>();
        t.put("gradient", new double[repeats]);
        t.put("hvp", new double[repeats]);
        t.put("power" + iterations, new double[repeats]);
        loss.valueAndGradient(p, g); // warm-up: class loading and JIT of the element loops
        loss.hessian(p).apply(v, hv);
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            loss.valueAndGradient(p, g);
            t.get("gradient")[r] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            loss.hessian(p).apply(v, hv);
            t.get("hvp")[r] = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            PowerIteration.dominant(loss.hessian(p), 0, iterations, 0, 11, Spectrum.Listener.NONE, 0);
            t.get("power" + iterations)[r] = (System.nanoTime() - s) / 1e9;
        }
        Map<String, Timing> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : t.entrySet()) {
            double[] s = e.getValue().clone();
            Arrays.sort(s);
            out.put(e.getKey(), new Timing(e.getKey(), s[0], s[s.length / 2], repeats));
        }
        return out;
    }
}
