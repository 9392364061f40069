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
 * one product per iteration). Each is timed {@code repeats} times (wall and process CPU time); the
 * best and median are kept.
 */
public final class FloatBenchmark {
    private FloatBenchmark() {}

    /**
     * Best and median wall-clock seconds of one workload, and the best process CPU seconds (on a shared
     * machine CPU time is the steadier measure of the work done; with one BLAS thread it is the same
     * work as wall time on an idle core).
     */
    public record Timing(String workload, double bestSeconds, double medianSeconds, double bestCpuSeconds, int repeats) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static long cpu() {
        return OS.getProcessCpuTime();
    }

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
        Map<String, double[]> c = new LinkedHashMap<>();
        for (String name : new String[] {"gradient", "hvp", "power" + iterations}) {
            t.put(name, new double[repeats]);
            c.put(name, new double[repeats]);
        }
        for (int warm = 0; warm < 2; warm++) { // warm-up: class loading and JIT of the element loops
            loss.valueAndGradient(p, g);
            loss.hessian(p).apply(v, hv);
        }
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            long u = cpu();
            loss.valueAndGradient(p, g);
            t.get("gradient")[r] = (System.nanoTime() - s) / 1e9;
            c.get("gradient")[r] = (cpu() - u) / 1e9;
            s = System.nanoTime();
            u = cpu();
            loss.hessian(p).apply(v, hv);
            t.get("hvp")[r] = (System.nanoTime() - s) / 1e9;
            c.get("hvp")[r] = (cpu() - u) / 1e9;
            s = System.nanoTime();
            u = cpu();
            PowerIteration.dominant(loss.hessian(p), 0, iterations, 0, 11, Spectrum.Listener.NONE, 0);
            t.get("power" + iterations)[r] = (System.nanoTime() - s) / 1e9;
            c.get("power" + iterations)[r] = (cpu() - u) / 1e9;
        }
        Map<String, Timing> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : t.entrySet()) {
            double[] s = e.getValue().clone();
            Arrays.sort(s);
            double[] cs = c.get(e.getKey()).clone();
            Arrays.sort(cs);
            out.put(e.getKey(), new Timing(e.getKey(), s[0], s[s.length / 2], cs[0], repeats));
        }
        return out;
    }
}
