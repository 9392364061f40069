package org.flatminima.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flatminima.proofs.ObligationOutcome;
import org.flatminima.proofs.ProofFile;
import org.flatminima.proofs.ProofParser;
import org.flatminima.proofs.ProofRunner;
import org.flatminima.proofs.RegistryCheckedObligationRunner;
import org.flatminima.proofs.StepOutcome;
import org.flatminima.proofs.StepStatus;
import org.flatminima.symbolic.SymjaEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flatminima prove [FILE...]}: runs the obligations of proof files and reports each step. */
@Command(
        name = "prove",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the obligations of proof files (default: every proofs/*.md) and prints each step's status:",
            "PROVED-SYMBOLIC (identity reduced to a canonical 0 for the sizes named), CHECKED (claim passed on",
            "N random instances), OPEN (not discharged, with the reason) or FAILED. Exits 1 if a step fails."
        })
public final class ProveCommand implements Callable<Integer> {
    /** Exit status when some step failed. */
    public static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "proof files or directories (default: proofs)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--details", description = "print the detail of every obligation, not only of open or failed ones")
    boolean details;

    @Option(names = {"--out", "--json"}, paramLabel = "FILE",
            description = "Also write every step and obligation outcome as JSON to FILE (--json is the former name).")
    Path json;

    @picocli.CommandLine.Mixin
    SharedOptions.ForceOption forceOption = new SharedOptions.ForceOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json != null) {
            SafeFiles.requireWritable(json, forceOption.force);
        }
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode filesNode = root.putArray("files");
        List<Path> paths = expand(files.isEmpty() ? List.of(Path.of("proofs")) : files);
        List<ProofFile> proofs = new ArrayList<>();
        for (Path p : paths) {
            proofs.add(ProofParser.parse(p));
        }
        out.printf(Locale.ROOT, "Symja started in %.1fs%n", SymjaEngine.instance().startupSeconds());
        ProofRunner runner = new ProofRunner(new RegistryCheckedObligationRunner());
        Map<StepStatus, Integer> totals = new EnumMap<>(StepStatus.class);
        int steps = 0;
        for (ProofFile proof : proofs) {
            out.println();
            out.println(proof.path() + ": " + proof.title());
            List<StepOutcome> outcomes = runner.run(proof, s -> {
                out.printf(Locale.ROOT, "  step %-2d %-15s %s%n", s.step().number(), s.status().label(), s.step().text());
                for (ObligationOutcome o : s.outcomes()) {
                    if (details || o.status() == StepStatus.OPEN || o.status() == StepStatus.FAILED
                            || o.status() == StepStatus.CHECKED) {
                        out.println("          " + o.status().label() + ": " + o.detail());
                    } else {
                        out.println("          " + o.status().label() + ": " + o.obligation().text());
                    }
                }
                out.flush();
            });
            ObjectNode fileNode = filesNode.addObject();
            fileNode.put("path", proof.path().toString());
            fileNode.put("title", proof.title());
            ArrayNode stepsNode = fileNode.putArray("steps");
            for (StepOutcome s : outcomes) {
                totals.merge(s.status(), 1, Integer::sum);
                steps++;
                ObjectNode stepNode = stepsNode.addObject();
                stepNode.put("number", s.step().number());
                stepNode.put("text", s.step().text());
                stepNode.put("status", s.status().label());
                ArrayNode obs = stepNode.putArray("obligations");
                for (ObligationOutcome o : s.outcomes()) {
                    ObjectNode on = obs.addObject();
                    on.put("obligation", o.obligation().text());
                    on.put("status", o.status().label());
                    on.put("detail", o.detail());
                    on.put("seconds", o.seconds());
                }
            }
        }
        out.println();
        StringBuilder summary = new StringBuilder();
        for (StepStatus s : StepStatus.values()) {
            summary.append(summary.length() == 0 ? "" : ", ").append(totals.getOrDefault(s, 0)).append(' ')
                    .append(s.label().toLowerCase(Locale.ROOT));
        }
        out.printf(Locale.ROOT, "summary: %d files, %d steps: %s%n", proofs.size(), steps, summary);
        if (json != null) {
            ObjectNode sum = root.putObject("summary");
            sum.put("files", proofs.size());
            sum.put("steps", steps);
            for (StepStatus s : StepStatus.values()) {
                sum.put(s.label(), totals.getOrDefault(s, 0));
            }
            try {
                SafeFiles.writeString(json, Json.mapper().writeValueAsString(root) + "\n");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return totals.getOrDefault(StepStatus.FAILED, 0) > 0 ? EXIT_FAILED : 0;
    }

    private static List<Path> expand(List<Path> given) {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> md = s.filter(x -> x.getFileName().toString().endsWith(".md") && Files.isRegularFile(x))
                            .sorted().toList();
                    if (md.isEmpty()) {
                        throw new UserError(Problem.PROOF_FILES_NONE, p);
                    }
                    out.addAll(md);
                } catch (IOException e) {
                    throw new UserError(e, Problem.FILE_UNREADABLE, p, e.getMessage());
                }
            } else if (!Files.exists(p)) {
                throw new UserError(Problem.FILE_MISSING, p);
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
