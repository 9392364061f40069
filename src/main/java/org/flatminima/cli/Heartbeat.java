package org.flatminima.cli;

import java.io.PrintWriter;

/**
 * A progress line for a computation that reports no steps of its own: while open, a daemon thread
 * shows the elapsed time with a fixed status once a second (in a log: every ten seconds, see
 * {@link Progress}), so a long run is visibly alive.
 */
final class Heartbeat implements AutoCloseable {
    private final Progress progress;
    private final Thread ticker;

    Heartbeat(PrintWriter err, String label, String status, boolean enabled) {
        this.progress = new Progress(err, label, 0, enabled);
        this.ticker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    progress.status(status);
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flatminima-heartbeat");
        ticker.setDaemon(true);
        if (enabled) {
            ticker.start();
        }
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.close();
    }
}
