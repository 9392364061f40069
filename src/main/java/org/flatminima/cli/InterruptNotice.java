package org.flatminima.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * While open, an interrupt (Ctrl-C, SIGTERM) of a resumable command prints one line on stderr saying
 * how to resume it. Closing it (the command finished or failed on its own) withdraws the notice.
 */
final class InterruptNotice implements AutoCloseable {
    private final Thread hook;

    private InterruptNotice(PrintWriter err, String resumeCommand) {
        this.hook = new Thread(() -> {
            err.println();
            err.println("flatminima: interrupted; finished work is kept, resume with: " + resumeCommand);
            err.flush();
        }, "flatminima-interrupt-notice");
    }

    /** Installs the notice for a command whose resuming form is {@code resumeCommand}. */
    static InterruptNotice install(PrintWriter err, String resumeCommand) {
        InterruptNotice n = new InterruptNotice(err, resumeCommand);
        Runtime.getRuntime().addShutdownHook(n.hook);
        return n;
    }

    /**
     * The command line {@code flatminima ARGS} with {@code --force} removed and {@code resumeFlag}
     * added when missing: what to type to continue an interrupted run.
     */
    static String resumeCommand(List<String> args, String resumeFlag) {
        List<String> a = new ArrayList<>();
        for (String s : args) {
            if (!s.equals("--force")) {
                a.add(quote(s));
            }
        }
        if (!args.contains(resumeFlag)) {
            a.add(resumeFlag);
        }
        return "flatminima " + String.join(" ", a);
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the notice is printing
        }
    }
}
