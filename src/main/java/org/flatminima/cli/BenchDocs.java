package org.flatminima.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.SafeFiles;

/**
 * The benchmark page, docs/benchmarks.md: each {@code bench ... --write-docs} replaces its own marked section
 * (between {@code <!-- bench:NAME begin -->} and {@code <!-- bench:NAME end -->}) with the figures it has just
 * printed, headed by the command, the date and the machine, so that no figure on the page is edited by hand.
 * Sections of other benchmarks and any text outside the markers are kept as they are.
 */
public final class BenchDocs {
    /** The page, relative to the working directory. */
    public static final Path DEFAULT_PAGE = Path.of("docs", "benchmarks.md");

    private static final String HEADER = "# Benchmarks\n\n"
            + "Every figure on this page was written by the benchmark command named in its section (`flatminima bench"
            + " ... --write-docs`), which replaces only its own section; nothing here is edited by hand. Times were"
            + " measured on the machine described in each section, with the load average at the time: a shared"
            + " machine makes wall times noisy, so ratios against a reference measured in the same run, and CPU"
            + " times, are the figures to compare.\n\n"
            + "- `flatminima bench sharpness --write-docs`: time to lambda_max within 1e-4 of a float64 reference,"
            + " against PyHessian-style power iteration in PyTorch (Debian's python3-torch), at 1 and 2 threads.\n"
            + "- `flatminima bench inspect --sizes 96,200,400,800,1600 --write-docs`: inspect's time and peak memory"
            + " (JVM included) as N grows, at and off a minimum.\n"
            + "- `flatminima bench theorem1 --dims 4,8,16 --depths 2,10 --write-docs`: the exact Theorem 1 decision's"
            + " cost in d and m.\n"
            + "- `flatminima bench check --threads 1,2 --write-docs`: the default check, and its speed-up at 2"
            + " threads.\n";

    private BenchDocs() {}

    /** The command line as the user typed it, for the head of a section. */
    public static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        return "flatminima " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** The load average over 1, 5 and 15 minutes from /proc/loadavg, or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Cores, CPU model, memory and Java of this machine, in one line. */
    public static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep "unknown CPU"
        }
        long mem = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    mem = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown memory
        }
        return String.format(Locale.ROOT, "%d cores (%s), %s GiB RAM, %s %s, Java %s",
                Runtime.getRuntime().availableProcessors(), cpu, mem == 0 ? "?" : Long.toString(mem),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }

    /**
     * Replaces (or appends) the section {@code name} of {@code page} with {@code body}, headed by {@code title},
     * the command line, the UTC date, the machine and the load average at the end of the run.
     */
    public static void write(Path page, String name, String title, String command, String body) {
        String begin = "<!-- bench:" + name + " begin -->";
        String end = "<!-- bench:" + name + " end -->";
        String section = begin + "\n## " + title + "\n\n"
                + "Command: `" + command + "`  \n"
                + "Measured: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + " on " + machine() + "; load average " + loadAverage() + " (1, 5, 15 min) at the end of the run.\n\n"
                + "```\n" + body.strip() + "\n```\n" + end;
        String text;
        try {
            text = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : HEADER;
        } catch (IOException e) {
            throw new UserError(Problem.FILE_UNREADABLE, page, e.getMessage());
        }
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        String updated;
        if (a >= 0 && b > a) {
            updated = text.substring(0, a) + section + text.substring(b + end.length());
        } else {
            updated = text.stripTrailing() + "\n\n" + section + "\n";
        }
        SafeFiles.writeString(page, updated);
    }
}
