package org.flatminima.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** A summary of the machine a results file was produced on, so times can be read in context. */
public record Machine(
        @JsonProperty("cores") int cores,
        @JsonProperty("os") String os,
        @JsonProperty("java") String java) {
    public Machine {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(java, "java");
    }

    /** This machine: available processors, OS name/version/architecture, Java version and VM. */
    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    }
}
