package org.flatminima.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the claims of one run and stamps the run: tool, machine, command line, settings, and
 * start and finish times. Thread-safe.
 *
 * <pre>{@code
 * ResultsRecorder run = ResultsRecorder.start(List.of("check", "--seed", "7"), settings);
 * run.add(claimRecorder.finish());
 * Results results = run.finish();
 * }</pre>
 */
public final class ResultsRecorder {
    private final Tool tool;
    private final Machine machine;
    private final List<String> commandLine;
    private final Settings settings;
    private final Instant started;
    private final List<ClaimResult> claims = new ArrayList<>();

    private ResultsRecorder(Tool tool, Machine machine, List<String> commandLine, Settings settings, Instant started) {
        this.tool = Objects.requireNonNull(tool);
        this.machine = Objects.requireNonNull(machine);
        this.commandLine = List.copyOf(commandLine);
        this.settings = settings == null ? Settings.none() : settings;
        this.started = started;
    }

    /** Starts a run now, on this machine, by this tool. */
    public static ResultsRecorder start(List<String> commandLine, Settings settings) {
        return new ResultsRecorder(Tool.current(), Machine.current(), commandLine, settings, Instant.now());
    }

    /** Starts a run with everything given (for tests and for re-stamping merged results). */
    public static ResultsRecorder start(Tool tool, Machine machine, List<String> commandLine, Settings settings,
            Instant started) {
        return new ResultsRecorder(tool, machine, commandLine, settings, started);
    }

    /** Adds a finished claim; modifies this recorder. */
    public synchronized ResultsRecorder add(ClaimResult claim) {
        claims.add(Objects.requireNonNull(claim));
        return this;
    }

    /** The results, finished now. */
    public synchronized Results finish() {
        return finish(Instant.now());
    }

    /** The results, finished at {@code finished}. */
    public synchronized Results finish(Instant finished) {
        return new Results(Results.SCHEMA_VERSION, tool, commandLine, started.toString(), finished.toString(),
                machine, settings, claims);
    }
}
