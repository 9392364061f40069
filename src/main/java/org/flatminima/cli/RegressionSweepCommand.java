package org.flatminima.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.regression.GradientDescentRun;
import org.flatminima.regression.RegressionData;
import org.flatminima.regression.RegressionSweep;
import org.flatminima.regression.SweepVerdicts;
import org.flatminima.results.Results;
import org.flatminima.results.ResultsIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flatminima regression-sweep}: Marion and Chizat's step-size x depth sweep of gradient descent at small scale. */
@Command(name = "regression-sweep", mixinStandardHelpOptions = true,
        description = {
            "Gradient descent on univariate deep linear regression (W_1..W_(L-1) d x d, W_L 1 x d) from small-scale and",
            "residual initialisation, for every depth and step size: sharpness of the solution against 2/eta, Marion &",
            "Chizat's lower bound 2La||w*||^(2-2/L) and the constant 8L lambda_max(Sigma) of the authors' code; near-rank-one",
            "layers and alignment. Writes sweep.json, results.json (for 'flatminima report') and one plot per initialisation."
        })
public final class RegressionSweepCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--depths", split = ",", defaultValue = "2,4,8", paramLabel = "L,...", description = "Depths (default: ${DEFAULT-VALUE}).")
    int[] depths;

    @Option(names = "--etas", split = ",", defaultValue = "0.01,0.02,0.05,0.1,0.15,0.2,0.3,0.4", paramLabel = "ETA,...",
            description = "Step sizes (default: ${DEFAULT-VALUE}).")
    double[] etas;

    @Option(names = "--init", split = ",", defaultValue = "small,residual", paramLabel = "small|residual",
            description = "Initialisations (default: ${DEFAULT-VALUE}).")
    List<String> inits;

    @Option(names = "--init-scale", defaultValue = "0.2", paramLabel = "S",
            description = "Initialisation scale (small: entries N(0, S^2/d); residual: I + N(0, S^2/(L^2 d))) (default: ${DEFAULT-VALUE}).")
    double initScale;

    @Option(names = "--dim", defaultValue = "5", paramLabel = "D", description = "Input dimension d (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--samples", defaultValue = "50", paramLabel = "N", description = "Rows of X, n >= d (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--kappa", defaultValue = "4", paramLabel = "K", description = "Population condition number (default: ${DEFAULT-VALUE}).")
    double kappa;

    @Option(names = "--max-steps", defaultValue = "40000", paramLabel = "T", description = "Step budget per run (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--tol", defaultValue = "1e-12", paramLabel = "EPS", description = "Converged once the excess loss is <= EPS (default: ${DEFAULT-VALUE}).")
    double tol;

    @picocli.CommandLine.Mixin
    SharedOptions.SeedOption seedOption = new SharedOptions.SeedOption();

    @picocli.CommandLine.Mixin
    SharedOptions.OutDirOption outOption = new SharedOptions.OutDirOption();

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @picocli.CommandLine.Mixin
    SharedOptions.QuietOption quietOption = new SharedOptions.QuietOption();

    @Override
    public void run() {
        Path out = outOption.out;
        if (dim < 1 || samples < dim) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, dim < 1 ? "--dim" : "--samples", dim < 1 ? "at least 1" : "at least --dim", dim < 1 ? dim : samples);
        }
        for (int l : depths) {
            if (l < 2) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--depths", "at least 2 each", l);
            }
        }
        for (double e : etas) {
            if (!(e > 0) || !Double.isFinite(e)) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--etas", "finite numbers > 0", e);
            }
        }
        for (String i : inits) {
            if (!i.equals("small") && !i.equals("residual")) {
                throw new UserError(Problem.UNKNOWN_NAME, "initialisation", i, "small, residual");
            }
        }
        if (!(kappa >= 1) || !(initScale > 0) || maxSteps < 1 || !(tol > 0)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--kappa/--init-scale/--max-steps/--tol",
                    ">= 1, > 0, >= 1 and > 0", kappa + ", " + initScale + ", " + maxSteps + ", " + tol);
        }
        SafeFiles.requireReplaceableDirectory(out, forceOption.force);
        double[] sortedEtas = etas.clone();
        Arrays.sort(sortedEtas);
        RegressionData data = RegressionData.synthetic(dim, samples, kappa, seedOption.seed);
        RegressionSweep.Settings s = new RegressionSweep.Settings(dim, samples, kappa, depths, sortedEtas, inits, initScale,
                maxSteps, tol, seedOption.seed);
        PrintWriter err = spec.commandLine().getErr();
        List<GradientDescentRun> runs;
        long t0 = System.nanoTime();
        try (Progress p = new Progress(err, "regression-sweep", (long) inits.size() * depths.length * etas.length, !quietOption.quiet)) {
            runs = RegressionSweep.run(data, s, (r, done, total) -> p.step(1, String.format(Locale.ROOT,
                    "%s L=%d eta=%.3g: %s", r.init(), r.depth(), r.eta(), r.status())));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] ev = data.sigmaEigenvalues();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", data.description());
        json.put("a", data.a());
        json.put("sigma_lambda_max", ev[0]);
        json.put("sigma_lambda_min", ev[ev.length - 1]);
        json.put("sigma_condition_number", ev[0] / ev[ev.length - 1]);
        json.put("method", "double precision; sharpness = largest eigenvalue (EJML) of the full Hessian of the excess loss at the "
                + "GD solution; converged means excess loss <= " + tol);
        json.put("runs", runs);
        json.put("time_s", seconds);
        String text;
        try {
            text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Results results = SweepVerdicts.results(runs, data, s, seconds);
        SafeFiles.replaceDirectory(out, "regression-sweep", forceOption.force, dir -> {
            SafeFiles.writeString(dir.resolve("sweep.json"), text + "\n");
            for (String init : inits) {
                RegressionSweep.plot(runs, init, depths, sortedEtas, dir.resolve("gd-sharpness-" + init));
            }
            ResultsIO.write(results, dir.resolve("results.json"), true);
        });
        PrintWriter o = spec.commandLine().getOut();
        for (GradientDescentRun r : runs) {
            o.println(String.format(Locale.ROOT, "%-8s L=%-2d eta=%-6.3g %-9s steps=%-6d S=%-9.4g bound=%-8.4g S/bound=%-7.4g 2/eta=%-8.4g "
                    + "8L lmax(Sigma)=%-8.4g s2/s1=%-8.2g align=%.6f", r.init(), r.depth(), r.eta(), r.status(), r.steps(),
                    r.sharpness(), r.lowerBound(), r.sharpness() / r.lowerBound(), 2 / r.eta(), r.authorsConstant(),
                    r.maxRankRatio(), r.minAlignment()));
        }
        o.println("written to " + out);
    }
}
