package org.flatminima.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.generate.ExactNetwork;
import org.flatminima.generate.Family;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flatminima generate}: writes one exact instance of a family as a case file. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes one exact instance of an instance family as a case file that inspect and check --replay read.",
            "The family, the seed and the widths replay it exactly."
        })
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--family", required = true, paramLabel = "NAME",
            description = "The family, one of: ${COMPLETION-CANDIDATES}.", completionCandidates = Families.class)
    String family;

    @Option(names = "--dims", required = true, paramLabel = "d0,d1,...,dm", split = ",",
            description = "The widths d_0..d_m (m >= 1).")
    int[] dims;

    @picocli.CommandLine.Mixin
    SharedOptions.SeedOption seedOption = new SharedOptions.SeedOption();

    @picocli.CommandLine.Mixin
    SharedOptions.OutFileOption outOption = new SharedOptions.OutFileOption();

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @picocli.CommandLine.Mixin
    MaxParametersOption limit = new MaxParametersOption();

    /** Completion candidates for --family. */
    static final class Families implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Family.values()).map(Family::label).iterator();
        }
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Path out = outOption.out;
        Family f;
        try {
            f = Family.byLabel(family);
        } catch (IllegalArgumentException e) {
            throw new UserError(Problem.UNKNOWN_NAME, "family", family, Family.labels());
        }
        if (dims.length < 2) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--dims", "at least two widths (d_0 and d_1)", Arrays.toString(dims));
        }
        for (int d : dims) {
            if (d < 1) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--dims", "positive widths", Arrays.toString(dims));
            }
        }
        // a generated network is an input for inspect and check --replay: the same limits apply
        limit.require("--dims " + Arrays.stream(dims).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",")), MaxParametersOption.parameters(dims), 0L);
        if (out != null) {
            SafeFiles.requireWritable(out, forceOption.force);
        }
        ExactNetwork n;
        try {
            n = f.generate(seedOption.seed, dims);
        } catch (IllegalArgumentException e) {
            throw new UserError(Problem.USAGE, e.getMessage());
        }
        String text = Json.mapper().writeValueAsString(toCase(n)) + System.lineSeparator();
        if (out != null) {
            SafeFiles.writeString(out, text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** The case-file JSON of an exact instance, with its provenance as metadata. */
    public static ObjectNode toCase(ExactNetwork n) {
        ExactArithmetic q = ExactArithmetic.INSTANCE;
        java.util.List<Matrix<Rational>> layers = n.layers().stream().map(w -> Matrix.of(q, w)).toList();
        boolean identity = isIdentity(n.sigmaX());
        LinearNetwork<Rational> net = new LinearNetwork<>(q, layers, identity ? null : Matrix.of(q, n.sigmaX()),
                Matrix.of(q, n.target()));
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("family", n.family());
        root.put("seed", n.seed());
        root.put("flattest_by_construction", n.flattestByConstruction());
        if (n.sigmaMaxT() != null) {
            root.put("sigma_max_T", n.sigmaMaxT().toString());
        }
        root.setAll(CaseFile.toJson(net, true, true));
        return root;
    }

    private static boolean isIdentity(Rational[][] s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (!s[i][j].equals(i == j ? Rational.ONE : Rational.ZERO)) {
                    return false;
                }
            }
        }
        return true;
    }
}
