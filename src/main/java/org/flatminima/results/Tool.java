package org.flatminima.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Objects;

/** The tool that wrote a results file: its name, version and, when known, the git commit it was built from. */
public record Tool(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("git_commit") String gitCommit) {
    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /**
     * This running tool: name {@code flatminima}, the build's version, and the commit checked out in
     * the directory named by the system property {@code flatminima.home} (set by the launcher) or
     * else the working directory; {@code gitCommit} is null when no git checkout is found.
     */
    public static Tool current() {
        String home = System.getProperty("flatminima.home");
        Path dir = Path.of(home == null || home.isBlank() ? "." : home);
        return new Tool("flatminima", VersionProvider.version(), GitCommit.find(dir).orElse(null));
    }
}
