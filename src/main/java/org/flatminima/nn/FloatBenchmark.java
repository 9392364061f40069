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
 * best and median are kept. A fourth timing, {@code gemm}, is one (width x width)(width x samples)
 * BLAS product: the unit every workload is made of, so that the figures can be read against the
 * number of such products each one needs (the floor no implementation at this BLAS speed can beat).
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

    /**
     * How many (w x w)(w x n) products a workload needs on an m-layer network without biases whose widths are
     * all w, for flatminima or for PyTorch. A gradient is m forward + (m - 1) backward + m weight products. An
     * R-operator HVP at cached activations is 2m - 1 (R-forward) + 2(m - 1) (R-backward) + 2m - 1 (weight
     * products) = 6m - 4, the same count as PyTorch's double backward through a retained create_graph
     * gradient. An HVP from fresh weights adds flatminima's cache (forward and backward signals, 2m - 1) or
     * PyTorch's forward and create_graph backward (3m - 1). {@code power} is K iterations after one such start;
     * {@code powerRecompute} is PyTorch redoing forward and backward every iteration.
     */
    public static int products(String workload, boolean pytorch, int m, int iterations) {
        int hvp = 6 * m - 4;
        int start = pytorch ? 3 * m - 1 : 2 * m - 1;
        return switch (workload) {
            case "gradient" -> 3 * m - 1;
            case "hvp" -> start + hvp;
            case "power" -> start + iterations * hvp;
            case "powerRecompute" -> pytorch ? iterations * (3 * m - 1 + hvp) : start + iterations * hvp;
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
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

    /**
     * Wall and CPU seconds of one (w x w)(w x n) product in the loss's precision, the best of three batches (the
     * shape of every product in the workloads when all widths are w).
     */
    private static <A> double[] gemmSeconds(TrainingLoss<A> loss) {
        ArrayArithmetic<A> ar = loss.arithmetic();
        int w = loss.network().inputDim();
        int n = loss.samples();
        A a = ar.allocate(w * w);
        A b = ar.allocate(w * n);
        A c = ar.allocate(w * n);
        double[] ones = new double[w * n];
        java.util.Arrays.fill(ones, 0.5);
        ar.copyFromDoubles(ones, 0, b, 0, w * n);
        ar.copyFromDoubles(ones, 0, a, 0, w * w);
        ar.gemm(true, false, w, n, w, 1, a, 0, w, b, 0, w, 0, c, 0, w); // warms up the BLAS
        double bestWall = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        for (int batch = 0; batch < 3; batch++) {
            // batches of at least 0.2 s, since process CPU time ticks coarsely
            long s = System.nanoTime();
            long u = cpu();
            int count = 0;
            do {
                ar.gemm(true, false, w, n, w, 1, a, 0, w, b, 0, w, 0, c, 0, w);
                count++;
            } while (System.nanoTime() - s < 200_000_000L);
            bestWall = Math.min(bestWall, (System.nanoTime() - s) / 1e9 / count);
            bestCpu = Math.min(bestCpu, (cpu() - u) / 1e9 / count);
        }
        return new double[] {bestWall, bestCpu};
    }

    private static <A> Map<String, Timing> time(TrainingLoss<A> loss, double[] params, int iterations, int repeats) {
        A p = loss.parameters(params);
        A g = loss.arithmetic().allocate(params.length);
        double[] v = Spectrum.randomUnit(params.length, 5);
        double[] hv = new double[params.length];
        Map<String, double[]> t = new LinkedHashMap<>();
        Map<String, double[]> c = new LinkedHashMap<>();
        for (String name : new String[] {"gradient", "hvp", "power" + iterations, "gemm"}) {
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
            double[] gemm = gemmSeconds(loss);
            t.get("gemm")[r] = gemm[0];
            c.get("gemm")[r] = gemm[1];
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
