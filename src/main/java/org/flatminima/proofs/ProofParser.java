package org.flatminima.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.symbolic.Identities;

/**
 * Reads proof files. The format is plain Markdown:
 *
 * <pre>
 * # Theorem 1 (sharpness of flattest minima)
 *
 * Any prose.
 *
 * 1. A step, written at the start of a line with its number.
 *    - obligation: symbolic hessian-structure dims=2,2,2 sigma=identity
 *    - obligation: checked theorem-1 instances=20 seed=1
 * 2. Another step.
 *    - obligation: argument the reason the tool cannot discharge it
 * </pre>
 *
 * Steps are numbered 1, 2, 3, ... in order; each needs at least one obligation. Symbolic
 * obligations are validated against the identity catalogue when the file is read, so a typo is
 * a one-line error naming the file and line, not a failed step.
 */
public final class ProofParser {
    private static final Pattern STEP = Pattern.compile("^(\\d+)\\.\\s+(.*)$");
    private static final Pattern OBLIGATION = Pattern.compile("^\\s+-\\s+obligation:\\s*(\\S+)\\s*(.*)$");
    private static final Pattern CLAIM_ID = Pattern.compile("[a-z][a-z0-9.-]*");

    private ProofParser() {}

    /** Reads and validates {@code path}. */
    public static ProofFile parse(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(Problem.FILE_MISSING, path);
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, path, e.getMessage());
        }
        return parse(path, lines);
    }

    /** Parses {@code lines} as the contents of {@code path}. */
    public static ProofFile parse(Path path, List<String> lines) {
        String title = null;
        List<ProofStep> steps = new ArrayList<>();
        int number = 0;
        int stepLine = 0;
        String stepText = null;
        List<Obligation> obligations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (title == null && line.startsWith("# ")) {
                title = line.substring(2).strip();
                continue;
            }
            Matcher step = STEP.matcher(line);
            if (step.matches()) {
                if (stepText != null) {
                    steps.add(finish(path, number, stepLine, stepText, obligations));
                    obligations = new ArrayList<>();
                }
                int n = Integer.parseInt(step.group(1));
                if (n != number + 1) {
                    throw new UserError(Problem.PROOF_MALFORMED, path, lineNo,
                            "step " + n + " follows step " + number + "; steps are numbered 1, 2, 3, ...");
                }
                number = n;
                stepLine = lineNo;
                stepText = step.group(2).strip();
                continue;
            }
            Matcher ob = OBLIGATION.matcher(line);
            if (ob.matches()) {
                if (stepText == null) {
                    throw new UserError(Problem.PROOF_MALFORMED, path, lineNo, "obligation outside a numbered step");
                }
                obligations.add(obligation(path, lineNo, ob.group(1), ob.group(2).strip()));
            }
        }
        if (stepText != null) {
            steps.add(finish(path, number, stepLine, stepText, obligations));
        }
        if (title == null) {
            throw new UserError(Problem.PROOF_MALFORMED, path, 1, "no '# Title' heading");
        }
        if (steps.isEmpty()) {
            throw new UserError(Problem.PROOF_MALFORMED, path, 1, "no numbered steps");
        }
        return new ProofFile(path, title, List.copyOf(steps));
    }

    private static ProofStep finish(Path path, int number, int line, String text, List<Obligation> obligations) {
        if (obligations.isEmpty()) {
            throw new UserError(Problem.PROOF_MALFORMED, path, line,
                    "step " + number + " has no '- obligation:' line (symbolic, checked or argument)");
        }
        return new ProofStep(number, line, text, List.copyOf(obligations));
    }

    static Obligation obligation(Path path, int line, String kind, String rest) {
        String text = (kind + " " + rest).strip();
        switch (kind) {
            case "symbolic" -> {
                String[] parts = rest.split("\\s+");
                if (rest.isEmpty()) {
                    throw new UserError(Problem.PROOF_MALFORMED, path, line, "symbolic obligation names no identity");
                }
                Map<String, String> params = keyValues(path, line, parts, 1);
                if (!Identities.names().contains(parts[0])) {
                    throw new UserError(Problem.PROOF_MALFORMED, path, line, "unknown identity \"" + parts[0]
                            + "\"; expected one of: " + String.join(", ", Identities.names()));
                }
                for (Identities.Entry e : Identities.catalogue()) {
                    if (e.name().equals(parts[0])) {
                        for (String key : params.keySet()) {
                            if (!e.defaults().containsKey(key)) {
                                throw new UserError(Problem.PROOF_MALFORMED, path, line, "identity " + parts[0]
                                        + " has no parameter \"" + key + "\"");
                            }
                        }
                    }
                }
                try {
                    Identities.validate(parts[0], params);
                } catch (IllegalArgumentException e) {
                    throw new UserError(Problem.PROOF_MALFORMED, path, line, "identity " + parts[0] + ": "
                            + e.getMessage());
                }
                return new Obligation.Symbolic(parts[0], params, text);
            }
            case "checked" -> {
                String[] parts = rest.split("\\s+");
                if (rest.isEmpty() || !CLAIM_ID.matcher(parts[0]).matches()) {
                    throw new UserError(Problem.PROOF_MALFORMED, path, line,
                            "checked obligation needs a claim id such as theorem-1, got \"" + rest + "\"");
                }
                Map<String, String> params = keyValues(path, line, parts, 1);
                for (String key : params.keySet()) {
                    if (!key.equals("instances") && !key.equals("seed")) {
                        throw new UserError(Problem.PROOF_MALFORMED, path, line,
                                "checked obligation takes instances=N and seed=S, not \"" + key + "\"");
                    }
                }
                int instances = (int) number(path, line, params.getOrDefault("instances", "20"), 1, 100_000);
                long seed = number(path, line, params.getOrDefault("seed", "1"), Long.MIN_VALUE, Long.MAX_VALUE);
                return new Obligation.Checked(parts[0], instances, seed, text);
            }
            case "argument" -> {
                if (rest.isEmpty()) {
                    throw new UserError(Problem.PROOF_MALFORMED, path, line, "argument obligation gives no reason");
                }
                return new Obligation.Argument(rest, text);
            }
            default -> throw new UserError(Problem.PROOF_MALFORMED, path, line,
                    "unknown obligation kind \"" + kind + "\"; expected symbolic, checked or argument");
        }
    }

    private static Map<String, String> keyValues(Path path, int line, String[] parts, int from) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = from; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0 || eq == parts[i].length() - 1) {
                throw new UserError(Problem.PROOF_MALFORMED, path, line, "expected key=value, got \"" + parts[i] + "\"");
            }
            if (out.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
                throw new UserError(Problem.PROOF_MALFORMED, path, line, "parameter \"" + parts[i].substring(0, eq)
                        + "\" given twice");
            }
        }
        return out;
    }

    private static long number(Path path, int line, String text, long min, long max) {
        try {
            long v = Long.parseLong(text);
            if (v < min || v > max) {
                throw new UserError(Problem.PROOF_MALFORMED, path, line, text + " is out of range " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError(Problem.PROOF_MALFORMED, path, line, "\"" + text + "\" is not an integer");
        }
    }
}
