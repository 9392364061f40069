package org.flatminima.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.SafeFiles;

/**
 * The verdict table of a finished run directory as Markdown, written between the markers
 * {@code <!-- verdicts:SCALE begin -->} and {@code <!-- verdicts:SCALE end -->} of a document (the
 * rest of the document is kept; the block is appended when the markers are absent), with the date,
 * the settings and the run's task times, so that the docs carry what the tool measured.
 */
public final class VerdictTable {
    private VerdictTable() {}

    /** The Markdown block for run directory {@code run}; {@code now} is the date it is stamped with. */
    public static String block(Path run, ZonedDateTime now) {
        Path plan = run.resolve("plan.json");
        Path verdicts = run.resolve("verdicts.json");
        if (!Files.isRegularFile(plan) || !Files.isRegularFile(verdicts)) {
            throw new UserError(Problem.EXPERIMENT_NOT_A_RUN, run);
        }
        JsonNode p = Experiments.readTask(plan);
        JsonNode v = Experiments.readTask(verdicts);
        String scale = p.path("scale").asText();
        StringBuilder sb = new StringBuilder();
        sb.append(begin(scale)).append('\n');
        sb.append("Written by `flatminima experiment table ").append(run.getFileName()).append(" --out ...` on ")
                .append(now.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC from the run's `verdicts.json`; scale **").append(scale).append("**, figures ")
                .append(p.path("figures").toString().replace("\"", "")).append(".\n\n");
        double[] t = taskSeconds(run.resolve("tasks"));
        sb.append(String.format(Locale.ROOT, "Tasks: %d finished, %.0f s of task time in all (the sum over tasks;"
                + " wall time depends on sharding and load).%n%n", (long) t[1], t[0]));
        sb.append("| Claim | Verdict | Measured |\n|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            sb.append("| ").append(Figures.title(e.getKey())).append(" (`").append(e.getKey()).append("`) | ")
                    .append(e.getValue().path("outcome").asText()).append(" | ")
                    .append(cell(e.getValue().path("summary").asText())).append(" |\n");
        }
        sb.append("\n<details><summary>Criteria and settings of this run</summary>\n\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            sb.append("- `").append(e.getKey()).append("`: ").append(cell(e.getValue().path("criterion").asText()))
                    .append('\n');
        }
        sb.append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("settings").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            sb.append("- ").append(e.getKey()).append(": ").append(cell(e.getValue().asText())).append('\n');
        }
        sb.append("\n</details>\n").append(end(scale)).append('\n');
        return sb.toString();
    }

    /** Writes {@link #block} into {@code doc} in place of its block of the same scale, or appended. */
    public static void write(Path run, Path doc, ZonedDateTime now) {
        String b = block(run, now);
        String scale = b.substring("<!-- verdicts:".length(), b.indexOf(" begin -->"));
        replaceBlock(doc, begin(scale), end(scale), b);
    }

    /**
     * Replaces the text from the line holding {@code begin} through the line holding {@code end} in
     * {@code doc} by {@code block} (appended when absent; the file is created when missing).
     */
    public static void replaceBlock(Path doc, String begin, String end, String block) {
        String b = block;
        String old = "";
        if (Files.isRegularFile(doc)) {
            try {
                old = Files.readString(doc);
            } catch (IOException e) {
                throw new UserError(Problem.FILE_UNREADABLE, doc, e.getMessage());
            }
        }
        int i = old.indexOf(begin);
        int j = old.indexOf(end);
        String text;
        if (i >= 0 && j > i) {
            int after = old.indexOf('\n', j);
            text = old.substring(0, i) + b + (after < 0 ? "" : old.substring(after + 1));
        } else {
            text = old + (old.isEmpty() || old.endsWith("\n\n") ? "" : old.endsWith("\n") ? "\n" : "\n\n") + b;
        }
        SafeFiles.writeString(doc, text);
    }

    static String begin(String scale) {
        return "<!-- verdicts:" + scale + " begin -->";
    }

    static String end(String scale) {
        return "<!-- verdicts:" + scale + " end -->";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** {total task seconds, tasks} over the task files. */
    private static double[] taskSeconds(Path tasks) {
        double s = 0;
        long n = 0;
        if (Files.isDirectory(tasks)) {
            try (var files = Files.list(tasks)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".json")).toList()) {
                    s += Experiments.readTask(f).path("timing").path("total_s").asDouble();
                    n++;
                }
            } catch (IOException e) {
                throw new UserError(Problem.FILE_UNREADABLE, tasks, e.getMessage());
            }
        }
        return new double[] {s, n};
    }
}
