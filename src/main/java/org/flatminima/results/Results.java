package org.flatminima.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A results file ({@code results.json}): who produced it, how, where and when, and the results of
 * every claim. Versioned by {@link #SCHEMA_VERSION}; the JSON Schema
 * {@code org/flatminima/results/results.schema.json} describes the file, and {@link ResultsIO}
 * validates every file it reads or writes against it. Build one with {@link ResultsRecorder}.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION}
 * @param tool the tool, its version and git commit
 * @param commandLine the arguments the command was run with
 * @param startedAt when the run started, ISO-8601 UTC (e.g. {@code 2026-12-06T20:42:24.123Z})
 * @param finishedAt when it finished, same form
 * @param machine the machine summary
 * @param settings the settings used
 * @param claims the claims, in the order they were checked
 */
public record Results(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("tool") Tool tool,
        @JsonProperty("command_line") List<String> commandLine,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("machine") Machine machine,
        @JsonProperty("settings") Settings settings,
        @JsonProperty("claims") List<ClaimResult> claims) {
    /** The schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    public Results {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(machine, "machine");
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
        settings = settings == null ? Settings.none() : settings;
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** The claim with this id, if present. */
    public Optional<ClaimResult> claim(String id) {
        return claims.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** A copy with these claims instead. */
    public Results withClaims(List<ClaimResult> newClaims) {
        return new Results(schemaVersion, tool, commandLine, startedAt, finishedAt, machine, settings, newClaims);
    }
}
