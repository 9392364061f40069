package org.flatminima.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.inspect.Inspection;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.numbers.DigitsArithmetic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flatminima inspect CASE.json}: one network's loss, Hessian spectrum, flatness and layer structure. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Inspects one linear network: loss, gradient, Hessian spectrum, whether it is a global minimum and a",
            "flattest one (Theorem 1), and its layers through Theorems 2 and 3.",
            "Decisions are exact where the input is rational (always, for case files); spectra are at D digits."
        })
public final class InspectCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { json, text }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.json", description = "The case file (format: docs/case-files.md).")
    Path file;

    @picocli.CommandLine.Mixin
    SharedOptions.DigitsOption digitsOption = new SharedOptions.DigitsOption(40);

    @Option(names = "--exact", description = "Also print the exact rational Hessian.")
    boolean exact;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "json or text (default ${DEFAULT-VALUE}).")
    Format format;

    @picocli.CommandLine.Mixin
    SharedOptions.OutFileOption outOption = new SharedOptions.OutFileOption();

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @picocli.CommandLine.Mixin
    MaxParametersOption limit = new MaxParametersOption();

    @picocli.CommandLine.Mixin
    SharedOptions.QuietOption quietOption = new SharedOptions.QuietOption();

    /** From this many parameters on, inspect shows a progress line while it computes. */
    static final int PROGRESS_FROM_PARAMETERS = 100;

    @Option(names = "--certificate", paramLabel = "FILE",
            description = "Also write the certificate of the exact and certified verdicts (re-checked by checker/flatminima_check.py).")
    Path certificate;

    @Override
    public Integer call() {
        Path out = outOption.out;
        int digits = digitsOption.value();
        if (out != null) {
            SafeFiles.requireWritable(out, forceOption.force);
        }
        if (certificate != null) {
            SafeFiles.requireWritable(certificate, forceOption.force);
        }
        CaseFile.Case c = CaseFile.read(file);
        limit.require(file, c.network().parameterCount(), 200L + digits);
        ObjectNode result;
        try (Progress progress = new Progress(spec.commandLine().getErr(), "inspect", Inspection.PHASES,
                !quietOption.quiet && c.network().parameterCount() >= PROGRESS_FROM_PARAMETERS)) {
            result = Inspection.run(c, digits, exact, p -> progress.step(1, p));
        }
        if (certificate != null) {
            org.flatminima.certificates.CertificateWriter.write(certificate, org.flatminima.certificates.CertificateWriter.toJson(
                    java.util.List.of(org.flatminima.inspect.InspectCertificate.of(c, file.getFileName().toString(), result, digits))));
        }
        String text = format == Format.json ? json(result) : TextSummary.of(result);
        if (out != null) {
            SafeFiles.writeString(out, text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static String json(JsonNode n) {
        try {
            return Json.mapper().writeValueAsString(n) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The readable form of an inspection. */
    static final class TextSummary {
        private TextSummary() {}

        static String of(JsonNode r) {
            StringBuilder sb = new StringBuilder();
            String nl = System.lineSeparator();
            line(sb, "case", r.path("case").asText());
            line(sb, "dims", r.get("dims").toString() + "  (depth m = " + r.get("depth").asInt() + ", N = "
                    + r.get("parameters").asInt() + " parameters)");
            line(sb, "Sigma_x", r.get("sigma_x").asText() + (r.get("moments_from_samples").asBoolean() ? " (from samples)" : ""));
            line(sb, "loss", r.get("loss").asText() + "  (exact " + abbreviate(r.get("loss_exact").asText()) + ")");
            line(sb, "|gradient|", r.get("gradient_norm").asText());
            line(sb, "lambda_max", r.get("lambda_max").asText());
            JsonNode enc = r.get("lambda_max_enclosure");
            if (enc.has("lower")) {
                line(sb, "", "in [" + enc.get("lower").asText() + ", " + enc.get("upper").asText() + "]");
            }
            line(sb, "", enc.get("method").asText());
            line(sb, "lambda_min", r.get("lambda_min").asText());
            if (r.has("hessian_inertia")) {
                JsonNode in = r.get("hessian_inertia");
                line(sb, "inertia", String.format(Locale.ROOT, "%d negative, %d zero, %d positive (rank %d, exact)",
                        in.get("negative").asInt(), in.get("zero").asInt(), in.get("positive").asInt(),
                        in.get("rank").asInt()));
            }
            line(sb, "global min", r.get("on_global_minimum").asText() + "  [" + verdict(r, "on_global_minimum") + "]");
            line(sb, "sigma_max(T)", r.get("sigma_max_T").asText());
            JsonNode fs = r.get("flattest_sharpness");
            line(sb, "Theorem 1", fs.isNull() ? "n/a" : "2m sigma_max(T)^(2(1-1/m)) = " + fs.asText()
                    + (r.has("flattest_sharpness_exact") ? "  (exact " + r.get("flattest_sharpness_exact").asText() + ")" : ""));
            line(sb, "flattest", r.get("is_flattest").asText() + "  [" + verdict(r, "is_flattest") + "]");
            sb.append(nl).append("layers (Theorem 2: gains against sigma^(k/m) and its bound sqrt(m) sigma^(k/m);")
                    .append(" Theorem 3: coupling residuals)").append(nl);
            JsonNode layers = r.get("layers");
            if (layers.has("note")) {
                sb.append("  note: ").append(layers.get("note").asText()).append(nl);
            }
            sb.append(String.format(Locale.ROOT, "  %3s  %-14s  %-14s  %-14s  %-14s  %-10s  %-10s%n", "k", "sigma_max(W_k)",
                    "max gain 1..k", "gain of v", "sigma^(k/m)", "T3 resid", "coupling"));
            for (JsonNode l : layers.get("per_layer")) {
                sb.append(String.format(Locale.ROOT, "  %3d  %-14s  %-14s  %-14s  %-14s  %-10s  %-10s%n",
                        l.get("k").asInt(), head(l.get("singular_values").get(0).asText()),
                        head(l.get("sigma_max_prefix").asText()), head(l.path("gain_v_prefix").asText("-")),
                        head(l.path("theorem2_reference").asText("-")),
                        l.path("theorem3_right_residual").asText("-"),
                        l.path("theorem3_coupling_residual_with_previous").asText("-")));
            }
            return sb.toString();
        }

        private static String verdict(JsonNode r, String key) {
            JsonNode v = r.get("verdicts").get(key);
            return v.get("method").asText() + ": " + v.get("reason").asText();
        }

        private static void line(StringBuilder sb, String key, String value) {
            sb.append(String.format(Locale.ROOT, "%-13s %s%n", key, value));
        }

        private static String head(String decimal) {
            return decimal.length() <= 14 ? decimal : decimal.substring(0, 14);
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 28) + "..." + s.substring(s.length() - 28);
        }
    }
}
