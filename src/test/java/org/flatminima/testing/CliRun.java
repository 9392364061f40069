package org.flatminima.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.flatminima.cli.Main;

/** Runs the command line in-process and captures its exit status and both streams. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** True if stderr is exactly one line and shows no stack trace. */
    public boolean errIsOneLine() {
        String e = err.strip();
        return !e.isEmpty() && !e.contains("\n") && !e.contains("\tat ") && !e.contains("Exception in thread");
    }
}
