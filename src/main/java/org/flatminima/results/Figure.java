package org.flatminima.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A figure an experiment claim produced: its title and its path, relative to the directory of the
 * results file that names it (or absolute).
 */
public record Figure(@JsonProperty("title") String title, @JsonProperty("path") String path) {
    public Figure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(path, "path");
    }
}
