package org.flatminima.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.data.Dataset;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.flatness.FlatnessMeasurement;
import org.flatminima.flatness.FlatnessPlots;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.nn.Activation;
import org.flatminima.nn.LossScale;
import org.flatminima.nn.NetworkWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flatminima flatness}: Baldassi et al.'s flatness measures of saved minima, compared with lambda_max. */
@Command(name = "flatness", mixinStandardHelpOptions = true,
        description = {
            "Flatness of saved minima beyond lambda_max: the local energy dE(w, sigma) = E_z[L(w + sigma z * w)] - L(w)",
            "(multiplicative Gaussian noise) and the local entropy (log fraction of the sphere of relative radius d with",
            "loss <= factor * L(w)), Monte-Carlo with error bars, optionally the local free entropy. With several",
            "--weights, the first is compared with each other one by every measure. Prints JSON; --out also writes plots."
        })
public final class FlatnessCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "W.npz",
            description = "Weights (arrays W1..Wm, optionally b1..bm); repeat to compare minima on the same data.")
    List<Path> weights;

    @Option(names = "--label", paramLabel = "NAME", description = "A label per --weights, in order (default: file names).")
    List<String> labels = new ArrayList<>();

    @Mixin
    FloatDataOptions data = new FloatDataOptions();

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "relu|linear",
            description = "Activation between layers (default: ${DEFAULT-VALUE}).")
    Activation activation;

    @Option(names = "--loss-scale", defaultValue = "sample", paramLabel = "sample|element",
            description = "Normalise the loss by n or by n d_y (default: ${DEFAULT-VALUE})." + SharedOptions.LOSS_SCALE_NOTE)
    LossScale lossScale;

    @Option(names = "--sigmas", split = ",", defaultValue = "0.005,0.01,0.02,0.05,0.1", paramLabel = "S,...",
            description = "Relative noise levels of the local energy (default: ${DEFAULT-VALUE}).")
    double[] sigmas;

    @Option(names = "--distances", split = ",", defaultValue = "0.005,0.01,0.02,0.05,0.1", paramLabel = "D,...",
            description = "Relative radii of the local entropy (default: ${DEFAULT-VALUE}).")
    double[] distances;

    @Option(names = "--threshold-factor", defaultValue = "1.1", paramLabel = "F",
            description = "A point on the sphere counts when its loss is <= F * L(w) (default: ${DEFAULT-VALUE}).")
    double thresholdFactor;

    @Option(names = "--gammas", split = ",", paramLabel = "G,...",
            description = "Couplings of the local free entropy (default: not computed).")
    double[] gammas = new double[0];

    @Option(names = "--beta", defaultValue = "1", paramLabel = "B",
            description = "Inverse temperature of the local free entropy (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--draws", defaultValue = "64", paramLabel = "K",
            description = "Monte-Carlo draws per point (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--iterations", defaultValue = "40", paramLabel = "K",
            description = "Lanczos iterations for lambda_max; 0 skips it (default: ${DEFAULT-VALUE}).")
    int iterations;

    @picocli.CommandLine.Mixin
    SharedOptions.SeedOption seedOption = new SharedOptions.SeedOption();

    @Option(names = "--out", paramLabel = "DIR", description = "Write flatness.json and the plots into DIR.")
    Path out;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @picocli.CommandLine.Mixin
    SharedOptions.QuietOption quietOption = new SharedOptions.QuietOption();

    @Override
    public void run() {
        if (draws < 2) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--draws", "at least 2", draws);
        }
        if (iterations < 0) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--iterations", ">= 0", iterations);
        }
        if (!(thresholdFactor >= 1) || !Double.isFinite(thresholdFactor)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--threshold-factor", "a finite number >= 1", thresholdFactor);
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--beta", "a finite number > 0", beta);
        }
        positive("--sigmas", sigmas);
        positive("--distances", distances);
        positive("--gammas", gammas);
        if (!labels.isEmpty() && labels.size() != weights.size()) {
            throw new UserError(Problem.USAGE, "give one --label per --weights (" + weights.size() + "), got " + labels.size());
        }
        if (out != null) {
            SafeFiles.requireReplaceableDirectory(out, forceOption.force);
        }
        Dataset d = data.load();
        List<NetworkWeights> nets = new ArrayList<>();
        for (Path p : weights) {
            NetworkWeights w = NetworkWeights.read(p, activation);
            if (w.network().inputDim() != d.inputDim() || w.network().outputDim() != d.outputDim()) {
                throw new UserError(Problem.DATA_INVALID, p, "the network maps " + w.network().inputDim()
                        + " inputs to " + w.network().outputDim() + " outputs, but the data have " + d.inputDim()
                        + " inputs and " + d.outputDim() + " outputs");
            }
            nets.add(w);
        }
        FlatnessMeasurement.Settings s = new FlatnessMeasurement.Settings(sigmas, distances, thresholdFactor, gammas, beta,
                draws, iterations, seedOption.seed);
        PrintWriter err = spec.commandLine().getErr();
        List<FlatnessMeasurement.Result> results = new ArrayList<>();
        try (Progress progress = new Progress(err, "flatness", nets.size(), !quietOption.quiet)) {
            for (int i = 0; i < nets.size(); i++) {
                String label = labels.isEmpty() ? weights.get(i).getFileName().toString() : labels.get(i);
                progress.status("measuring " + label);
                results.add(FlatnessMeasurement.measure(label, nets.get(i).network(), nets.get(i).parameters(), d, lossScale, s));
                progress.step(1, "measured " + label);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", "Monte-Carlo in float64: local energy mean +- standard error (orderings need 2 standard errors "
                + "apart), local entropy with 95% Wilson intervals (orderings need disjoint intervals), lambda_max by Lanczos "
                + "with its residual ||Hv - lambda v|| as error; statistical, never exact");
        json.put("data_description", d.description());
        json.put("activation", activation.name().toLowerCase(Locale.ROOT));
        json.put("loss_scale", lossScale.name().toLowerCase(Locale.ROOT));
        json.put("threshold_factor", thresholdFactor);
        json.put("seed", seedOption.seed);
        json.put("minima", results.stream().map(FlatnessMeasurement.Result::toMap).toList());
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (int i = 1; i < results.size(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("first", results.get(0).label());
            c.put("second", results.get(i).label());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (FlatnessMeasurement.Comparison x : FlatnessMeasurement.compare(results.get(0), results.get(i))) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("measure", x.measure());
                r.put("at", Double.isFinite(x.at()) ? x.at() : null);
                r.put("ordering", x.ordering().label());
                rows.add(r);
            }
            c.put("orderings", rows);
            comparisons.add(c);
        }
        json.put("comparisons", comparisons);
        String text;
        try {
            text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (out != null) {
            SafeFiles.replaceDirectory(out, "flatness", forceOption.force, dir -> {
                SafeFiles.writeString(dir.resolve("flatness.json"), text + "\n");
                FlatnessPlots.write(results, dir);
                if (results.size() > 1) {
                    org.flatminima.results.ResultsIO.write(orderingResults(results, d.description()), dir.resolve("results.json"), true);
                }
            });
        }
        spec.commandLine().getOut().println(text);
    }

    /**
     * The verdict "the measure orders the pair as lambda_max does", per measure, in the results model (report
     * section "beyond"): NUMERICAL when every decided comparison agrees with lambda_max, REFUTED (a numerical
     * finding, never a proof) when one disagrees, UNDECIDED when lambda_max or every comparison is undecided.
     */
    org.flatminima.results.Results orderingResults(List<FlatnessMeasurement.Result> results, String dataDescription) {
        Map<String, String> other = new LinkedHashMap<>();
        other.put("data", dataDescription);
        other.put("draws", Integer.toString(draws));
        other.put("threshold_factor", Double.toString(thresholdFactor));
        org.flatminima.results.ResultsRecorder rec = org.flatminima.results.ResultsRecorder.start(List.of("flatness"),
                new org.flatminima.results.Settings(seedOption.seed, null, null, null, null, null, other));
        for (String measure : List.of("local_energy", "local_entropy")) {
            org.flatminima.results.ClaimRecorder c = new org.flatminima.results.ClaimRecorder("beyond.baldassi." + measure.replace('_', '-')
                    + "-orders-like-lambda-max", org.flatminima.results.ClaimKind.EXPERIMENT,
                    "Baldassi et al.'s " + measure.replace('_', ' ') + " orders minima as lambda_max does",
                    "for each pair: the flatter by " + measure.replace('_', ' ') + " is the flatter by lambda_max")
                    .section("beyond")
                    .provenance("measures from Baldassi et al. (wide flat minima); the comparison with lambda_max derived here")
                    .hypotheses("Monte-Carlo in float64 with " + draws + " draws; decided only when the intervals separate")
                    .family("saved-minima")
                    .figure("Local energy", "local-energy.png").figure("Local entropy", "local-entropy.png");
            for (int i = 1; i < results.size(); i++) {
                List<FlatnessMeasurement.Comparison> cmp = FlatnessMeasurement.compare(results.get(0), results.get(i));
                FlatnessMeasurement.Agreement ag = FlatnessMeasurement.agreesWithLambdaMax(cmp, measure);
                String pair = results.get(0).label() + " vs " + results.get(i).label();
                c.add(org.flatminima.results.InstanceResult.of(seedOption.seed, "saved-minima", List.of(results.get(0).energy().size()), ag.verdict(),
                        "Monte-Carlo (" + pair + "): lambda_max says " + ag.lambdaMax().label() + "; " + measure
                                + " agrees at " + ag.agree() + " and disagrees at " + ag.disagree()
                                + " decided points (a numerical finding)")
                        .withDetail("pair", pair)
                        .withDetail("lambda_max", results.get(0).lambdaMax() + " vs " + results.get(i).lambdaMax()));
            }
            rec.add(c.finish());
        }
        return rec.finish();
    }

    private static void positive(String option, double[] values) {
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, option, "finite numbers > 0", v);
            }
        }
    }
}
