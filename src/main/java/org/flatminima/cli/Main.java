package org.flatminima.cli;

import java.io.PrintWriter;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Budget;
import picocli.CommandLine;

/**
 * Entry point. Every failure reaches the user as one line on stderr: user errors exit with
 * {@link UserError#EXIT_CODE}, anything unexpected with {@link #EXIT_INTERNAL}; a stack trace is
 * printed only when the environment variable {@code FLATMINIMA_DEBUG} is set.
 */
public final class Main {
    /** Exit status for a fault of the tool itself. */
    public static final int EXIT_INTERNAL = 70;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine(out, err);
        try {
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            // the last resort: every job estimates its memory first, so this means an estimate was short
            err.println("flatminima: " + Problem.OUT_OF_MEMORY.format(" (the Java heap is "
                    + Budget.bytes(Runtime.getRuntime().maxMemory()) + ")"));
            err.flush();
            return EXIT_INTERNAL;
        } catch (StackOverflowError e) {
            err.println("flatminima: the input is nested too deeply to process (stack overflow); "
                    + "simplify it or give Java a larger stack through FLATMINIMA_JAVA_OPTS (e.g. -Xss64m)");
            err.flush();
            return EXIT_INTERNAL;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new FlatminimaCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        summariseCommandLists(cmd);
        cmd.setParameterExceptionHandler((ex, args) -> {
            String message = ex.getMessage() == null ? "invalid arguments" : withoutInternals(ex.getMessage());
            ex.getCommandLine().getErr().println("flatminima: " + oneLine(message)
                    + " (see 'flatminima " + commandPath(ex.getCommandLine()) + "--help')");
            return UserError.EXIT_CODE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            Throwable root = unwrap(ex);
            if (root instanceof UserError) {
                e.println("flatminima: " + root.getMessage());
                if (debug()) {
                    root.printStackTrace(e);
                }
                return UserError.EXIT_CODE;
            }
            e.println("flatminima: internal error: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + oneLine(root.getMessage()))
                    + " (set FLATMINIMA_DEBUG=1 for details)");
            if (debug()) {
                root.printStackTrace(e);
            }
            return EXIT_INTERNAL;
        });
        return cmd;
    }

    /**
     * Lists sub-commands with the first whole sentence of their description, wrapped, instead of
     * picocli's default first line (which cuts sentences in the middle).
     */
    private static void summariseCommandLists(CommandLine cmd) {
        CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        usage.description(paragraphs(usage.description()));
        cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> {
            java.util.Map<String, CommandLine.Help> subs = help.subcommands();
            if (subs.isEmpty()) {
                return "";
            }
            int nameWidth = 2 + subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            int width = help.commandSpec().usageMessage().width();
            CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                    new CommandLine.Help.Column(nameWidth, 2, CommandLine.Help.Column.Overflow.SPAN),
                    new CommandLine.Help.Column(Math.max(20, width - nameWidth), 0,
                            CommandLine.Help.Column.Overflow.WRAP));
            for (java.util.Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
                String[] d = e.getValue().commandSpec().usageMessage().description();
                table.addRowValues(e.getKey(), firstSentence(String.join(" ", d)));
            }
            return table.toString();
        });
        for (CommandLine sub : cmd.getSubcommands().values()) {
            summariseCommandLists(sub);
        }
    }

    /**
     * Description lines joined into whole paragraphs: a line that does not end a sentence continues on
     * the next, so that the help re-wraps sentences instead of breaking them where the source did.
     */
    static String[] paragraphs(String[] lines) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            cur.append(cur.length() == 0 ? "" : " ").append(l);
            if (l.endsWith(".") || l.endsWith("!") || l.endsWith("?")) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out.toArray(String[]::new);
    }

    /** The first sentence of {@code text}: up to the first full stop or colon outside parentheses. */
    static String firstSentence(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && (c == '.' || c == ':') && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
                String before = t.substring(0, i);
                if (c == '.' && before.matches("(?s).*\\b(e\\.g|i\\.e|Fig|Figs|Eq|eq|Sec|vs|cf|et al)$")) {
                    continue;
                }
                return before + ".";
            }
        }
        return t;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (!(cur instanceof UserError) && cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur instanceof UserError ? cur : t;
    }

    private static String commandPath(CommandLine c) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
            sb.insert(0, p.getCommandName() + " ");
        }
        return sb.toString();
    }

    private static boolean debug() {
        String v = System.getenv("FLATMINIMA_DEBUG");
        return v != null && !v.isBlank() && !v.equals("0");
    }

    /** A picocli message without the Java exception it quotes, e.g. "(java.lang.NumberFormatException: ...)". */
    static String withoutInternals(String s) {
        return s.replaceAll("\\s*\\((java\\.|[A-Za-z_.]*Exception)[^()]*(\\([^()]*\\)[^()]*)*\\)", "");
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
