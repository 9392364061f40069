package org.flatminima.nn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.flatminima.data.Dataset;

/**
 * Sharpness of a network at given weights: the largest algebraic eigenvalue of the Hessian of the
 * training loss, with the smallest one, the top eigenvector and optionally Hutchinson's trace, from
 * exact Hessian-vector products ({@link TrainingLoss.Hessian}). Verdicts from here are numerical:
 * the products round in the working precision and the stopping rule bounds the iteration error.
 */
public final class Sharpness {
    private Sharpness() {}

    /** Eigenvalue methods. */
    public enum Method {
        LANCZOS,
        POWER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Settings of a sharpness measurement.
     *
     * @param method Lanczos (default) or shifted power iteration
     * @param maxIterations iteration limit (per phase for power iteration)
     * @param tol the stopping tolerance (see {@link Lanczos} and {@link PowerIteration})
     * @param seed seed of the random start vector and of Hutchinson's probes
     * @param precision float32 or float64 products
     * @param lossScale the loss normalisation
     * @param subset use only the first {@code subset} samples (0: the full training set)
     * @param traceSamples Hutchinson probes (0: no trace estimate)
     * @param blockSize samples per block
     */
    public record Options(Method method, int maxIterations, double tol, long seed, Precision precision,
            LossScale lossScale, int subset, int traceSamples, int blockSize) {
        /** Lanczos, 100 iterations, tol 1e-6 (float64) or 1e-4 (float32), full data, no trace. */
        public static Options defaults(Precision precision) {
            return new Options(Method.LANCZOS, 100, precision == Precision.FLOAT64 ? 1e-6 : 1e-4, 1, precision,
                    LossScale.SAMPLE, 0, 0, TrainingLoss.DEFAULT_BLOCK);
        }

        public Options withMethod(Method m) {
            return new Options(m, maxIterations, tol, seed, precision, lossScale, subset, traceSamples, blockSize);
        }

        public Options withIterations(int k) {
            return new Options(method, k, tol, seed, precision, lossScale, subset, traceSamples, blockSize);
        }

        public Options withTol(double t) {
            return new Options(method, maxIterations, t, seed, precision, lossScale, subset, traceSamples, blockSize);
        }

        public Options withLossScale(LossScale s) {
            return new Options(method, maxIterations, tol, seed, precision, s, subset, traceSamples, blockSize);
        }

        public Options withSubset(int s) {
            return new Options(method, maxIterations, tol, seed, precision, lossScale, s, traceSamples, blockSize);
        }

        public Options withTraceSamples(int s) {
            return new Options(method, maxIterations, tol, seed, precision, lossScale, subset, s, blockSize);
        }
    }

    /**
     * A measured sharpness.
     *
     * @param spectrum the eigenvalue estimates, vector, residual, iterations and stopping rule
     * @param trace Hutchinson's trace estimate, or null
     * @param loss the training loss at the weights
     * @param samples the samples the loss was taken over
     * @param dataLabel "full training set (n = ...)" or the subset used, labelled as such
     * @param precision the arithmetic of the products
     * @param blas the BLAS in use
     * @param timeSeconds compute time: Hessian set-up, products and eigen-solver
     */
    public record Result(Spectrum spectrum, Hutchinson.Estimate trace, double loss, int samples, String dataLabel,
            Precision precision, String blas, double timeSeconds, boolean lambdaMinConverged, String lambdaMinRule) {
        public double lambdaMax() {
            return spectrum.lambdaMax();
        }

        public double lambdaMin() {
            return spectrum.lambdaMin();
        }

        /** The fields a results file or the command line prints (no eigenvector). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lambda_max", spectrum.lambdaMax());
            m.put("lambda_min", spectrum.lambdaMin());
            m.put("method", spectrum.method());
            m.put("iterations", spectrum.iterations());
            m.put("hessian_vector_products", spectrum.products());
            m.put("residual", spectrum.residualMax());
            m.put("relative_residual", spectrum.residualMax() / Math.max(Math.abs(spectrum.lambdaMax()), Double.MIN_NORMAL));
            m.put("residual_min_estimate", spectrum.residualMinEstimate());
            // each end of the spectrum has its own convergence; "converged" claims both ends
            m.put("converged", spectrum.converged() && lambdaMinConverged);
            m.put("lambda_max_converged", spectrum.converged());
            m.put("lambda_min_converged", lambdaMinConverged);
            m.put("stopping_rule", spectrum.stoppingRule());
            m.put("lambda_min_rule", lambdaMinRule);
            m.put("how", "numerical: exact Hessian-vector products (R-operator) rounded in " + precision.label()
                    + " (unit roundoff " + precision.unitRoundoff() + "), iterative eigen-solver within its stopping rule");
            if (trace != null) {
                m.put("trace_hutchinson", trace.trace());
                m.put("trace_standard_error", trace.standardError());
                m.put("trace_samples", trace.samples());
            }
            m.put("loss", loss);
            m.put("samples", samples);
            m.put("data", dataLabel);
            m.put("dtype", precision.label());
            m.put("blas", blas);
            m.put("time_s", timeSeconds);
            return m;
        }
    }

    /** Measures the sharpness of {@code net} with parameters {@code params} on {@code data}. */
    public static Result measure(Network net, double[] params, Dataset data, Options options,
            Spectrum.Listener listener) {
        return measure(net, params, data, options, false, listener);
    }

    /**
     * As {@link #measure(Network, double[], Dataset, Options, Spectrum.Listener)}; with {@code bothEnds}
     * (Lanczos only) a second Lanczos run on -H converges lambda_min under the same stopping rule as
     * lambda_max, instead of reading it off the run that targets lambda_max, where it often has not
     * converged.
     */
    public static Result measure(Network net, double[] params, Dataset data, Options options, boolean bothEnds,
            Spectrum.Listener listener) {
        Dataset used = options.subset() > 0 && options.subset() < data.n() ? data.firstSamples(options.subset()) : data;
        String label = used == data ? "full training set (n = " + data.n() + ")"
                : "fixed subset: first " + used.n() + " of " + data.n() + " samples";
        long start = System.nanoTime();
        return measure(new TrainingLoss<>(net, used, options.precision(), options.lossScale(), options.blockSize()),
                params, options, bothEnds, listener, label, start);
    }

    private static <A> Result measure(TrainingLoss<A> loss, double[] params, Options options, boolean bothEnds,
            Spectrum.Listener listener, String label, long start) {
        TrainingLoss<A>.Hessian h = loss.hessian(loss.parameters(params));
        checkMemory(h.dimension(), options);
        Spectrum s = options.method() == Method.LANCZOS
                ? Lanczos.run(h, options.maxIterations(), options.tol(), options.seed(), listener)
                : PowerIteration.run(h, options.maxIterations(), options.tol(), options.seed(), listener);
        boolean minConverged;
        String minRule;
        if (bothEnds && options.method() == Method.LANCZOS) {
            LinearOperator negated = new LinearOperator() {
                @Override
                public int dimension() {
                    return h.dimension();
                }

                @Override
                public void apply(double[] v, double[] out) {
                    h.apply(v, out);
                    for (int i = 0; i < out.length; i++) {
                        out[i] = -out[i];
                    }
                }

                @Override
                public double unitRoundoff() {
                    return h.unitRoundoff();
                }
            };
            Spectrum low = Lanczos.run(negated, options.maxIterations(), options.tol(), options.seed() + 1,
                    Spectrum.Listener.NONE);
            s = new Spectrum(s.method() + " (second run on -H for lambda_min)", s.lambdaMax(), -low.lambdaMax(),
                    s.eigenvector(), s.residualMax(), low.residualMax(), s.products() + low.products(),
                    s.iterations() + low.iterations(), s.converged(), s.stoppingRule());
            minConverged = low.converged();
            minRule = "a second Lanczos run on -H, converged to its largest eigenvalue -lambda_min under the same "
                    + "rule as lambda_max";
        } else {
            double scale = Math.max(Math.abs(s.lambdaMin()), Math.abs(s.lambdaMax()));
            minConverged = s.residualMinEstimate() <= Math.sqrt(options.tol()) * scale;
            minRule = String.format(Locale.ROOT, "residual estimate %.3g <= %.3g max(|lambda_min|, |lambda_max|)%s",
                    s.residualMinEstimate(), Math.sqrt(options.tol()), minConverged ? ""
                            : "; not met: pass --both-ends to converge lambda_min in a second run");
        }
        Hutchinson.Estimate trace = options.traceSamples() > 0
                ? Hutchinson.estimate(h, options.traceSamples(), options.seed() + 7) : null;
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(s, trace, h.lossValue(), loss.samples(), label, options.precision(), Blas.description(),
                seconds, minConverged, minRule);
    }

    private static void checkMemory(int dimension, Options options) {
        if (options.method() == Method.LANCZOS) {
            long bytes = (long) options.maxIterations() * dimension * (options.precision() == Precision.FLOAT32 ? 4 : 8);
            long limit = Runtime.getRuntime().maxMemory() / 2;
            if (bytes > limit) {
                throw new org.flatminima.errors.UserError(org.flatminima.errors.Problem.OPTION_OUT_OF_RANGE,
                        "--iterations", "at most " + (limit / ((long) options.precision().bytes() * dimension))
                                + " for Lanczos with " + dimension + " parameters in this heap (it keeps every vector)",
                        options.maxIterations());
            }
        }
    }
}
