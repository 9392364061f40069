package org.flatminima.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.numbers.Rational;
import org.flatminima.symbolic.DerivationDocument;
import org.flatminima.symbolic.HessianDerivation;
import org.flatminima.symbolic.Identities;
import org.flatminima.symbolic.KatexPage;
import org.flatminima.symbolic.SymbolicNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flatminima derive}: a step-by-step symbolic derivation of the loss, gradient and Hessian. */
@Command(
        name = "derive",
        mixinStandardHelpOptions = true,
        description = {
            "Derives with Symja the loss, gradient blocks and Hessian blocks of a linear network with symbolic",
            "weights, evaluates the Hessian on the global minima (T = W_m...W_1), checks H = 2 Phi Phi^T (Lemma 3)",
            "by reduction to a canonical 0, and reports its rank. Scalar networks (all d_j = 1) also get eqs. (8)-(13).",
            "--all-examples regenerates the teaching derivations under proofs/derivations/ (Markdown, HTML, LaTeX)."
        })
public final class DeriveCommand implements Callable<Integer> {
    /** The examples written by {@code --all-examples}: file stem, dims, sigma, target. */
    static final List<String[]> EXAMPLES = List.of(
            new String[] {"scalar-m2", "1,1,1", "symbolic", "symbolic"},
            new String[] {"scalar-m3", "1,1,1,1", "symbolic", "symbolic"},
            new String[] {"two-layer-2x2", "2,2,2", "identity", "symbolic"},
            new String[] {"two-layer-2x2-sigma", "2,2,2", "symbolic", "symbolic"},
            new String[] {"bottleneck-1-3-1", "1,3,1", "identity", "symbolic"},
            new String[] {"three-layer-2x2", "2,2,2,2", "identity", "symbolic"});

    @Spec
    CommandSpec spec;

    @Option(names = "--dims", paramLabel = "d0,d1,...,dm", description = "layer widths, input first (N <= 24)")
    String dims;

    @Option(names = "--sigma", paramLabel = "identity|symbolic|FILE", defaultValue = "identity",
            description = "Sigma_x: identity (A2), symbolic, or a JSON file with a rational matrix (default: ${DEFAULT-VALUE})")
    String sigma;

    @Option(names = "--target", paramLabel = "symbolic|product|FILE", defaultValue = "symbolic",
            description = "T: symbolic, product (planted T = V_m...V_1 of symbolic teacher weights), or a JSON file "
                    + "with a rational matrix (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--format", paramLabel = "md|tex|html|json", defaultValue = "md",
            description = "output format (default: ${DEFAULT-VALUE}); html is one self-contained page typeset by KaTeX")
    String format;

    @picocli.CommandLine.Mixin
    SharedOptions.OutFileOption outOption = new SharedOptions.OutFileOption();

    @Option(names = "--all-examples", description = "regenerate every teaching derivation (Markdown, HTML and LaTeX) into --out-dir")
    boolean allExamples;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "proofs/derivations",
            description = "directory for --all-examples (default: ${DEFAULT-VALUE}); replaced whole, needs --force if present")
    Path outDir;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @Override
    public Integer call() {
        Path out = outOption.out;
        PrintWriter stdout = spec.commandLine().getOut();
        if (allExamples) {
            if (dims != null || out != null) {
                throw new UserError(Problem.USAGE, "--all-examples takes no --dims or --out (it writes into --out-dir)");
            }
            KatexPage.Assets katex = KatexPage.load(KatexPage.defaultArchive());
            SafeFiles.replaceDirectory(outDir, "derivations", forceOption.force, dir -> {
                StringBuilder index = new StringBuilder("# Generated derivations\n\nRegenerate with "
                        + "`flatminima derive --all-examples --force`; do not edit these files by hand.\n\n");
                for (String[] ex : EXAMPLES) {
                    SymbolicNetwork net = network(ex[1], ex[2], ex[3]);
                    String cmd = "flatminima derive --dims " + ex[1] + " --sigma " + ex[2] + " --target " + ex[3];
                    HessianDerivation d = HessianDerivation.derive(net);
                    DerivationDocument doc = new DerivationDocument(d, cmd);
                    Files.writeString(dir.resolve(ex[0] + ".md"), doc.markdown(), StandardCharsets.UTF_8);
                    Files.writeString(dir.resolve(ex[0] + ".html"), doc.html(katex), StandardCharsets.UTF_8);
                    Files.writeString(dir.resolve(ex[0] + ".tex"), doc.latex(), StandardCharsets.UTF_8);
                    index.append(String.format(Locale.ROOT, "- [%s](%s.md) ([HTML](%s.html), [LaTeX](%s.tex)): %s; "
                            + "Lemma 3 %s\n", ex[0], ex[0], ex[0], ex[0], net.describe(), d.structure().status()));
                    stdout.printf(Locale.ROOT, "%s/%s.md: %s (%.2fs)%n", outDir, ex[0], d.structure().summary(),
                            d.timings().total());
                    stdout.flush();
                }
                Files.writeString(dir.resolve("index.txt"), index.toString(), StandardCharsets.UTF_8);
            });
            return 0;
        }
        if (dims == null) {
            throw new UserError(Problem.USAGE, "--dims is required (or --all-examples)");
        }
        if (!List.of("md", "tex", "html", "json").contains(format)) {
            throw new UserError(Problem.UNKNOWN_NAME, "format", format, "md, tex, html, json");
        }
        KatexPage.Assets katex = format.equals("html") ? KatexPage.load(KatexPage.defaultArchive()) : null;
        if (out != null) {
            SafeFiles.requireWritable(out, forceOption.force);
        }
        SymbolicNetwork net = network(dims, sigma, target);
        StringBuilder cmd = new StringBuilder("flatminima derive --dims " + dims + " --sigma " + sigma + " --target " + target);
        HessianDerivation d = HessianDerivation.derive(net);
        DerivationDocument doc = new DerivationDocument(d, cmd.toString());
        String text = switch (format) {
            case "tex" -> doc.latex();
            case "html" -> doc.html(katex);
            case "json" -> doc.json();
            default -> doc.markdown();
        };
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            SafeFiles.writeString(out, text);
            stdout.printf(Locale.ROOT, "%s: %s (%.2fs)%n", out, d.structure().summary(), d.timings().total());
        }
        return 0;
    }

    static SymbolicNetwork network(String dimsText, String sigma, String target) {
        int[] d;
        try {
            d = Identities.parseDims(dimsText);
        } catch (IllegalArgumentException e) {
            throw new UserError(Problem.DIMS_INVALID, dimsText, e.getMessage());
        }
        int n = 0;
        for (int k = 1; k < d.length; k++) {
            n += d[k] * d[k - 1];
        }
        if (n > Identities.MAX_PARAMETERS) {
            throw new UserError(Problem.DIMS_INVALID, dimsText, "N = " + n + " parameters; derive handles at most "
                    + Identities.MAX_PARAMETERS);
        }
        int dx = d[0];
        int dy = d[d.length - 1];
        SymbolicNetwork.SigmaKind sk;
        Rational[][] sv = null;
        switch (sigma) {
            case "identity" -> sk = SymbolicNetwork.SigmaKind.IDENTITY;
            case "symbolic" -> sk = SymbolicNetwork.SigmaKind.SYMBOLIC;
            default -> {
                sk = SymbolicNetwork.SigmaKind.FIXED;
                Path p = Path.of(sigma);
                sv = readMatrix(p, "sigma_x");
                if (sv.length != dx || sv[0].length != dx) {
                    throw new UserError(Problem.SIGMA_NOT_SQUARE, p, sv.length, sv[0].length, dx, dx);
                }
                requirePositiveDefinite(p, sv);
            }
        }
        SymbolicNetwork.TargetKind tk;
        Rational[][] tv = null;
        switch (target) {
            case "symbolic" -> tk = SymbolicNetwork.TargetKind.SYMBOLIC;
            case "product" -> tk = SymbolicNetwork.TargetKind.PRODUCT;
            default -> {
                tk = SymbolicNetwork.TargetKind.FIXED;
                Path p = Path.of(target);
                tv = readMatrix(p, "target");
                if (tv.length != dy || tv[0].length != dx) {
                    throw new UserError(Problem.TARGET_WRONG_SHAPE, p, tv.length, tv[0].length, dy, dx);
                }
            }
        }
        return new SymbolicNetwork(d, sk, sv, tk, tv);
    }

    /** Reads a rational matrix: a JSON array of rows, or an object holding it under {@code field}. */
    static Rational[][] readMatrix(Path path, String field) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(Problem.FILE_MISSING, path);
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, path, e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserError(e, Problem.JSON_MALFORMED, path, org.flatminima.io.Json.plain(e));
        }
        JsonNode m = root;
        if (root != null && root.isObject()) {
            m = root.get(field);
            if (m == null) {
                throw new UserError(Problem.FIELD_MISSING, path, field);
            }
        }
        if (m == null || !m.isArray() || m.isEmpty()) {
            throw new UserError(Problem.MATRIX_EMPTY, path, field);
        }
        int cols = -1;
        Rational[][] out = new Rational[m.size()][];
        for (int i = 0; i < m.size(); i++) {
            JsonNode row = m.get(i);
            if (!row.isArray()) {
                throw new UserError(Problem.FIELD_WRONG_TYPE, path, field, "an array of rows");
            }
            if (cols < 0) {
                cols = row.size();
                if (cols == 0) {
                    throw new UserError(Problem.MATRIX_EMPTY, path, field);
                }
            } else if (row.size() != cols) {
                throw new UserError(Problem.MATRIX_RAGGED, path, field, i + 1, row.size(), cols);
            }
            out[i] = new Rational[cols];
            for (int j = 0; j < cols; j++) {
                out[i][j] = entry(path, field, i, j, row.get(j));
            }
        }
        return out;
    }

    private static Rational entry(Path path, String field, int i, int j, JsonNode x) {
        String where = field + "[" + (i + 1) + "][" + (j + 1) + "]";
        if (x.isNumber()) {
            return Rational.of(x.decimalValue() == null ? new BigDecimal(x.asText()) : x.decimalValue());
        }
        if (x.isTextual()) {
            try {
                return Rational.parse(x.asText());
            } catch (ArithmeticException e) {
                throw new UserError(Problem.ZERO_DENOMINATOR, path, where, x.asText());
            } catch (RuntimeException e) {
                throw new UserError(Problem.NUMBER_MALFORMED, path, where, x.asText());
            }
        }
        throw new UserError(Problem.NUMBER_MALFORMED, path, where, x.toString());
    }

    /** Symmetric with positive pivots in exact elimination (equivalent to positive definite). */
    private static void requirePositiveDefinite(Path path, Rational[][] s) {
        int n = s.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!s[i][j].equals(s[j][i])) {
                    throw new UserError(Problem.SIGMA_NOT_SYMMETRIC, path, i + 1, j + 1, s[i][j], j + 1, i + 1, s[j][i]);
                }
            }
        }
        Rational[][] a = new Rational[n][];
        for (int i = 0; i < n; i++) {
            a[i] = s[i].clone();
        }
        for (int k = 0; k < n; k++) {
            if (a[k][k].signum() <= 0) {
                throw new UserError(Problem.SIGMA_NOT_POSITIVE_DEFINITE, path,
                        "pivot " + (k + 1) + " of its exact LDL^T factorisation is " + a[k][k]);
            }
            for (int i = k + 1; i < n; i++) {
                Rational f = a[i][k].divide(a[k][k]);
                for (int j = k; j < n; j++) {
                    a[i][j] = a[i][j].subtract(f.multiply(a[k][j]));
                }
            }
        }
    }
}
