package org.flatminima.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line for long runs, written to stderr. On a terminal it redraws one line in place; in
 * a log (CI, a file) it prints a full line at most every {@code logEverySeconds} seconds, so logs
 * stay short. Shows done/total, the elapsed time, an estimate of the time left, and a status text
 * (for example the current loss or eigenvalue estimate).
 */
public final class Progress implements AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final double logEverySeconds;
    private long lastPrintNanos = 0;
    private long done;
    private boolean printedInPlace;
    private final boolean enabled;

    public Progress(PrintWriter err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.terminal = System.console() != null && System.getenv("CI") == null;
        this.logEverySeconds = terminal ? 0.2 : 10.0;
    }

    /** Advances by {@code steps} and shows {@code status} if it is time to redraw. */
    public synchronized void step(long steps, String status) {
        done += steps;
        update(status, false);
    }

    /** Shows {@code status} without advancing. */
    public synchronized void status(String status) {
        update(status, false);
    }

    private void update(String status, boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && lastPrintNanos != 0 && (now - lastPrintNanos) / 1e9 < logEverySeconds) {
            return;
        }
        lastPrintNanos = now;
        double elapsed = (now - startNanos) / 1e9;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            int width = 24;
            int filled = (int) Math.min(width, Math.round(width * (double) done / total));
            line.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
            line.append(done).append('/').append(total);
            if (done > 0 && done < total) {
                double left = elapsed / done * (total - done);
                line.append(String.format(Locale.ROOT, ", %s left", duration(left)));
            }
        }
        line.append(String.format(Locale.ROOT, ", %s elapsed", duration(elapsed)));
        if (status != null && !status.isEmpty()) {
            line.append(", ").append(status);
        }
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            printedInPlace = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Formats seconds as {@code 12.3s}, {@code 4m05s} or {@code 1h02m}. */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    @Override
    public synchronized void close() {
        if (enabled && printedInPlace) {
            err.println();
            err.flush();
        }
    }
}
