package org.flatminima.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Json;
import org.flatminima.io.OutputMarker;
import org.flatminima.io.SafeFiles;

/**
 * Runs the experiments of Section 6 as independent tasks in an output directory:
 * {@code plan.json} (the settings), {@code tasks/ID.json} (one per finished task, written as soon as
 * it finishes), and, once a run or a merge is complete, the figures, their data and
 * {@code results.json} (see {@link Figures}). A task is skipped on {@code --resume} when its file
 * exists and was made with the same settings; {@code --shard I/N} runs every N-th task; merge
 * combines the task files of several directories.
 */
public final class Experiments {
    private Experiments() {}

    /** Hears about tasks as they run (the command line shows progress; library code never prints). */
    public interface Listener {
        /** Called before {@code task} runs; {@code doneCost} and {@code totalCost} are relative costs. */
        void starting(ExperimentTask task, double doneCost, double totalCost);

        /** Called after {@code task} finished (or was skipped, with {@code skipped} saying why). */
        void finished(ExperimentTask task, String skipped);

        /**
         * Called when a truncated or unreadable task file or checkpoint was renamed to {@code renamed}
         * (its task is then run again); {@code why} says what was wrong with it.
         */
        default void setAside(Path file, Path renamed, String why) {}

        Listener NONE = new Listener() {
            @Override
            public void starting(ExperimentTask task, double doneCost, double totalCost) {}

            @Override
            public void finished(ExperimentTask task, String skipped) {}
        };
    }

    /**
     * What a run did.
     *
     * @param ran tasks computed now
     * @param skipped tasks already finished (resume)
     * @param waiting pair tasks whose minima are in other shards (run them after merging, with --resume)
     * @param figures the figure and results files written (empty for a shard)
     * @param checks the verdicts (empty for a shard)
     * @param missing tasks of the selected figures not finished in the directory
     */
    public record Summary(int ran, int skipped, int waiting, List<String> figures, List<ClaimCheck> checks,
            int missing) {}

    /**
     * Runs the tasks of {@code figures} (shard {@code shardIndex} of {@code shardCount}) into {@code out}
     * and, unless sharded, writes the figures and results. {@code data} is called at most once, and only
     * when a task needs to run. Modifies only {@code out}.
     */
    public static Summary run(ExperimentPlan plan, Set<String> figures, Path out, boolean resume, boolean force,
            int shardIndex, int shardCount, Supplier<ExperimentData> data, List<String> commandLine,
            Listener listener) {
        return run(plan, figures, out, resume, force, shardIndex, shardCount, null, data, commandLine, listener);
    }

    /**
     * As {@link #run(ExperimentPlan, Set, Path, boolean, boolean, int, int, Supplier, List, Listener)},
     * over only the tasks whose depth lies in {@code depths} = {lowest, highest} (null: every task),
     * sharded after that selection. A selection, like a shard, runs no follow-up task and writes no
     * figures: merge the directories, then run with --resume.
     */
    public static Summary run(ExperimentPlan plan, Set<String> figures, Path out, boolean resume, boolean force,
            int shardIndex, int shardCount, int[] depths, Supplier<ExperimentData> data, List<String> commandLine,
            Listener listener) {
        Path tasksDir = out.resolve("tasks");
        prepare(plan, figures, out, resume, force);
        setAsideBrokenFiles(tasksDir, listener);
        Map<String, JsonNode> done = finished(plan, figures, tasksDir);
        List<ExperimentTask> selected = new ArrayList<>();
        for (ExperimentTask t : ExperimentTask.plan(plan, figures)) {
            if (depths == null || t.depth() >= depths[0] && t.depth() <= depths[1]) {
                selected.add(t);
            }
        }
        boolean partial = shardCount > 1 || depths != null;
        List<ExperimentTask> mine = ExperimentTask.shard(selected, shardIndex, shardCount);
        double total = mine.stream().mapToDouble(ExperimentTask::cost).sum();
        double[] progress = {0};
        int[] counts = new int[3];
        TaskRunner[] runner = {null};
        java.util.Set<String> tried = new java.util.HashSet<>();
        while (!mine.isEmpty()) {
            for (ExperimentTask t : mine) {
                tried.add(t.id());
                listener.starting(t, progress[0], total);
                String skip = runOne(plan, t, tasksDir, done, runner, data, counts);
                progress[0] += t.cost();
                listener.finished(t, skip);
            }
            if (partial) {
                break;
            }
            mine = new ArrayList<>();
            for (ExperimentTask t : ExperimentTask.followUps(plan, figures, done)) {
                if (!tried.contains(t.id())) {
                    mine.add(t);
                    total += t.cost();
                }
            }
        }
        int ran = counts[0];
        int skipped = counts[1];
        int waiting = counts[2];
        if (partial) {
            for (ExperimentTask t : ExperimentTask.followUps(plan, figures, done)) {
                if (!done.containsKey(t.id())) {
                    waiting++;
                }
            }
        }
        if (partial) {
            int missing = countMissing(tasksDir, ExperimentTask.all(plan, figures, done));
            return new Summary(ran, skipped, waiting, List.of(), List.of(), missing);
        }
        Figures.Output f = Figures.write(out, plan, figures, commandLine);
        return new Summary(ran, skipped, waiting, f.files(), f.checks(), f.missing());
    }

    /**
     * Runs {@code t} unless its file exists (then checks it was made for the same task) or it is a
     * pair whose minima are missing; records the finished task in {@code done}; counts ran, skipped
     * and waiting in {@code counts}. Returns why it was skipped, or null.
     */
    private static String runOne(ExperimentPlan plan, ExperimentTask t, Path tasksDir, Map<String, JsonNode> done,
            TaskRunner[] runner, Supplier<ExperimentData> data, int[] counts) {
        Path file = tasksDir.resolve(t.id() + ".json");
        if (Files.isRegularFile(file)) {
            JsonNode old = readTask(file);
            if (!old.path("spec").equals(normalised(Json.mapper().valueToTree(t.spec())))) {
                throw new UserError(Problem.EXPERIMENT_SETTINGS_DIFFER, file, "its task differs");
            }
            done.put(t.id(), old);
            counts[1]++;
            return "finished earlier";
        }
        if (t.kind() == ExperimentTask.Kind.PAIR && !pairReady(tasksDir, t)) {
            counts[2]++;
            return "waiting for its Fig. 6 minima (in another shard)";
        }
        if (runner[0] == null) {
            runner[0] = new TaskRunner(plan, data.get(), tasksDir);
        }
        ObjectNode result = runner[0].run(t);
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.set("spec", Json.mapper().valueToTree(t.spec()));
        doc.setAll(result);
        writeJson(file, doc);
        try {
            Files.deleteIfExists(tasksDir.resolve(t.id() + TaskRunner.CHECKPOINT_SUFFIX));
        } catch (IOException e) {
            throw new UserError(Problem.FILE_WRITE_FAILED, tasksDir.resolve(t.id()
                    + TaskRunner.CHECKPOINT_SUFFIX), e.getMessage());
        }
        done.put(t.id(), normalised(doc));
        counts[0]++;
        return null;
    }

    /**
     * The finished tasks of {@code figures} in {@code tasksDir}, by id: those of the plan and every
     * follow-up they make known, read until no new one appears.
     */
    static Map<String, JsonNode> finished(ExperimentPlan plan, Set<String> figures, Path tasksDir) {
        Map<String, JsonNode> done = new LinkedHashMap<>();
        List<ExperimentTask> todo = ExperimentTask.plan(plan, figures);
        while (true) {
            boolean grew = false;
            for (ExperimentTask t : todo) {
                Path f = tasksDir.resolve(t.id() + ".json");
                if (!done.containsKey(t.id()) && Files.isRegularFile(f)) {
                    done.put(t.id(), readTask(f));
                    grew = true;
                }
            }
            if (!grew) {
                return done;
            }
            todo = ExperimentTask.followUps(plan, figures, done);
        }
    }

    /**
     * Merges the task files of the run directories {@code dirs} (made with equal settings) into
     * {@code out}, then writes the figures and results of every figure any of them ran. Tasks
     * found in several directories must agree. Modifies only {@code out}.
     */
    public static Summary merge(List<Path> dirs, Path out, boolean force, List<String> commandLine) {
        JsonNode first = null;
        Path firstDir = null;
        Set<String> figures = new LinkedHashSet<>();
        requireExperimentDirectory(out);
        for (Path d : dirs) {
            if (Files.isDirectory(d) && !isExperiment(d)) {
                throw new UserError(Problem.EXPERIMENT_NOT_A_RUN, d);
            }
            Path p = d.resolve("plan.json");
            if (!Files.isRegularFile(p)) {
                throw new UserError(Problem.EXPERIMENT_NOT_A_RUN, d);
            }
            JsonNode plan = readTask(p);
            if (first == null) {
                first = plan;
                firstDir = d;
            } else if (!first.path("settings").equals(plan.path("settings"))) {
                throw new UserError(Problem.EXPERIMENT_SETTINGS_DIFFER, d, "its plan.json differs from " + firstDir
                        + "'s");
            }
            plan.path("figures").forEach(n -> figures.add(n.asText()));
        }
        ExperimentPlan plan = planOf(first, firstDir);
        Path tasksDir = out.resolve("tasks");
        if (Files.isDirectory(tasksDir) && !force && !isEmpty(tasksDir)) {
            throw new UserError(Problem.EXPERIMENT_OUT_EXISTS, out);
        }
        if (force) {
            deleteQuietly(tasksDir);
        }
        Map<String, Path> sources = new LinkedHashMap<>();
        for (Path d : dirs) {
            for (Path f : list(d.resolve("tasks"))) {
                String name = f.getFileName().toString();
                Path seen = sources.get(name);
                if (seen == null) {
                    sources.put(name, f);
                } else if (name.endsWith(".json") && !readTask(seen).path("spec").equals(readTask(f).path("spec"))
                        || name.endsWith(".json") && !readTask(seen).path("result").equals(readTask(f).path("result"))) {
                    throw new UserError(Problem.EXPERIMENT_SETTINGS_DIFFER, f, "it disagrees with " + seen);
                }
            }
        }
        for (Map.Entry<String, Path> e : sources.entrySet()) {
            try {
                SafeFiles.writeBytes(tasksDir.resolve(e.getKey()), Files.readAllBytes(e.getValue()));
            } catch (IOException ex) {
                throw new UserError(Problem.FILE_UNREADABLE, e.getValue(), ex.getMessage());
            }
        }
        ObjectNode planDoc = ((ObjectNode) first.deepCopy());
        planDoc.set("figures", Json.mapper().valueToTree(new ArrayList<>(figures)));
        writeJson(out.resolve("plan.json"), planDoc);
        mark(out);
        Figures.Output f = Figures.write(out, plan, figures, commandLine);
        return new Summary(0, sources.size(), 0, f.files(), f.checks(), f.missing());
    }

    /** Reads the plan a run directory was made with. */
    static ExperimentPlan planOf(JsonNode planDoc, Path dir) {
        try {
            ExperimentPlan p = Json.mapper().treeToValue(planDoc.path("plan"), ExperimentPlan.class);
            if (p == null || !Json.mapper().valueToTree(p.settingsText()).equals(planDoc.path("settings"))) {
                throw new UserError(Problem.EXPERIMENT_NOT_A_RUN, dir);
            }
            return p;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new UserError(Problem.EXPERIMENT_NOT_A_RUN, dir);
        }
    }

    /**
     * Refuses {@code out} unless it is missing, an empty directory, or an experiment directory of the
     * tool (it carries the marker, or, from before markers, a plan.json of an experiment): a run,
     * {@code --resume}, {@code --force} and a merge never write into a directory the user made.
     */
    static void requireExperimentDirectory(Path out) {
        if (!Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError(Problem.OUT_IS_NOT_A_DIRECTORY, out, Files.isSymbolicLink(out)
                    ? "a symbolic link" : "a file");
        }
        if (SafeFiles.isEmptyDirectory(out) || isExperiment(out)) {
            return;
        }
        String what;
        try (Stream<Path> s = Files.list(out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            what = names.size() + (names.size() == 1 ? " entry" : " entries") + " ("
                    + String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "")
                    + ")";
        } catch (IOException e) {
            what = "entries that cannot be listed";
        }
        throw new UserError(Problem.EXPERIMENT_NOT_OURS, out, what);
    }

    /** True if {@code dir} carries the experiment marker, or a plan.json an experiment run wrote. */
    static boolean isExperiment(Path dir) {
        var marker = OutputMarker.read(dir);
        if (marker.isPresent()) {
            return marker.get().kind().equals(KIND);
        }
        Path plan = dir.resolve("plan.json");
        if (!Files.isRegularFile(plan)) {
            return false;
        }
        try {
            JsonNode doc = Json.mapper().readTree(Files.readString(plan));
            return doc != null && doc.has("plan") && doc.has("settings") && doc.has("figures");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The kind named in an experiment directory's marker. */
    public static final String KIND = "experiment";

    private static void mark(Path out) {
        if (OutputMarker.read(out).isEmpty()) {
            try {
                OutputMarker.write(out, KIND);
            } catch (IOException e) {
                throw new UserError(Problem.FILE_WRITE_FAILED, out.resolve(OutputMarker.FILE_NAME), e.getMessage());
            }
        }
    }

    /**
     * Sets aside every task file and checkpoint in {@code tasksDir} that cannot be read (a run killed while
     * writing it), so that its task is run again.
     */
    private static void setAsideBrokenFiles(Path tasksDir, Listener listener) {
        if (!Files.isDirectory(tasksDir)) {
            return;
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> list = Files.list(tasksDir)) {
            files = list.sorted().toList();
        } catch (IOException e) {
            throw new UserError(Problem.FILE_UNREADABLE, tasksDir, e.getMessage());
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(TaskRunner.CHECKPOINT_SUFFIX)) {
                setAsideIfBroken(f, listener, org.flatminima.data.Npz::read);
            } else if (name.endsWith(".json")) {
                setAsideIfBroken(f, listener, Experiments::readTask);
            }
        }
    }

    /** A reader of a file that throws a {@link UserError} when the file is truncated or malformed. */
    private interface Reader {
        Object read(Path file);
    }

    /**
     * Renames {@code file} aside ({@link SafeFiles#setAside}) when {@code reader} cannot read it (a run killed
     * while writing it, or a damaged disk), so the task is run again; tells {@code listener}.
     */
    private static void setAsideIfBroken(Path file, Listener listener, Reader reader) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String why;
        try {
            reader.read(file);
            return;
        } catch (UserError e) {
            why = e.getMessage();
        }
        listener.setAside(file, SafeFiles.setAside(file), why);
    }

    private static void prepare(ExperimentPlan plan, Set<String> figures, Path out, boolean resume, boolean force) {
        requireExperimentDirectory(out);
        Path planFile = out.resolve("plan.json");
        Path tasksDir = out.resolve("tasks");
        JsonNode settings = Json.mapper().valueToTree(plan.settingsText());
        Set<String> figs = new TreeSet<>(figures);
        if (Files.isRegularFile(planFile) && !force) {
            JsonNode old = readTask(planFile);
            if (!old.path("settings").equals(settings)) {
                throw new UserError(Problem.EXPERIMENT_SETTINGS_DIFFER, out, "see its plan.json");
            }
            old.path("figures").forEach(n -> figs.add(n.asText()));
        }
        if (!resume && !force && Files.isDirectory(tasksDir) && !isEmpty(tasksDir)) {
            throw new UserError(Problem.EXPERIMENT_OUT_EXISTS, out);
        }
        if (force) {
            deleteQuietly(tasksDir);
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("scale", plan.scale());
        doc.set("plan", Json.mapper().valueToTree(plan));
        doc.set("figures", Json.mapper().valueToTree(new ArrayList<>(figs)));
        doc.set("settings", settings);
        writeJson(planFile, doc);
        mark(out);
        try {
            Files.createDirectories(tasksDir);
        } catch (IOException e) {
            throw new UserError(Problem.FILE_WRITE_FAILED, tasksDir, e.getMessage());
        }
    }

    private static boolean pairReady(Path tasksDir, ExperimentTask t) {
        for (String id : new String[] {ExperimentTask.minimumId("sgd", t.seed()),
            ExperimentTask.minimumId("adam", t.otherSeed())}) {
            if (!Files.isRegularFile(tasksDir.resolve(id + ".json"))) {
                return false;
            }
        }
        return true;
    }

    static int countMissing(Path tasksDir, List<ExperimentTask> all) {
        int n = 0;
        for (ExperimentTask t : all) {
            if (!Files.isRegularFile(tasksDir.resolve(t.id() + ".json"))) {
                n++;
            }
        }
        return n;
    }

    /** Reads a JSON file of a run directory. */
    public static JsonNode readTask(Path file) {
        try {
            JsonNode n = Json.mapper().readTree(Files.readString(file));
            if (n == null || !n.isObject()) {
                throw new UserError(Problem.FILE_UNREADABLE, file, "not a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError(Problem.JSON_MALFORMED, file, Json.plain(e));
        } catch (IOException e) {
            throw new UserError(Problem.FILE_UNREADABLE, file, e.getMessage());
        }
    }

    /** {@code node} as it reads back from a file (the shared mapper reads numbers as BigDecimal). */
    static JsonNode normalised(JsonNode node) {
        try {
            return Json.mapper().readTree(Json.mapper().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeJson(Path file, JsonNode doc) {
        try {
            SafeFiles.writeString(file, Json.mapper().writeValueAsString(doc) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isEmpty(Path dir) {
        return list(dir).isEmpty();
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UserError(Problem.FILE_UNREADABLE, dir, e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            SafeFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new UserError(Problem.FILE_WRITE_FAILED, dir, e.getMessage());
        }
    }
}
