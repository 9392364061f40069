package org.flatminima.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The float path's Java worker threads. Their number follows the BLAS: {@code OPENBLAS_NUM_THREADS} when it
 * is set, else the available processors; {@code -Dflatminima.threads=N} overrides both. The Java loops
 * (the Lanczos reorthogonalisation) and the BLAS products never run at the same time, so the two pools
 * share the cores without oversubscribing them.
 */
public final class Parallel {
    private static final int THREADS = configured();
    private static volatile ForkJoinPool pool;

    private Parallel() {}

    /** The number of threads the float path's Java loops use. */
    public static int threads() {
        return THREADS;
    }

    static int configured() {
        String p = System.getProperty("flatminima.threads");
        String e = System.getenv("OPENBLAS_NUM_THREADS");
        int cores = Runtime.getRuntime().availableProcessors();
        for (String s : new String[] {p, e}) {
            if (s != null && !s.isBlank()) {
                try {
                    int t = Integer.parseInt(s.trim());
                    if (t >= 1) {
                        return Math.min(t, Math.max(cores, 1) * 4);
                    }
                } catch (NumberFormatException ignored) {
                    // fall through to the next source
                }
            }
        }
        return Math.max(1, cores);
    }

    /**
     * The sum over chunks 0..count-1 of {@code part}, added in chunk order whatever the thread count, so that a
     * result does not depend on how many threads computed it.
     */
    public static double sum(int count, java.util.function.IntToDoubleFunction part) {
        double[] parts = new double[count];
        forEach(count, c -> parts[c] = part.applyAsDouble(c));
        double s = 0;
        for (double x : parts) {
            s += x;
        }
        return s;
    }

    /** Runs {@code body} for 0..count-1, on {@link #threads()} threads when there is more than one. */
    public static void forEach(int count, IntConsumer body) {
        if (THREADS <= 1 || count < 2) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                if (pool == null) {
                    pool = new ForkJoinPool(THREADS);
                }
                p = pool;
            }
        }
        p.submit(() -> IntStream.range(0, count).parallel().forEach(body)).join();
    }
}
