package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.flatminima.certificates.Certificate;
import org.flatminima.exact.CertificateLog;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;
import org.flatminima.results.ClaimRecorder;
import org.flatminima.results.ClaimResult;
import org.flatminima.results.InstanceResult;

/**
 * Runs claims on fresh seeded instances (or on given ones), in parallel over instances, within a time
 * limit; shrinks and saves the witness of every refutation; and turns each claim's run into the
 * results model of {@code org.flatminima.report}.
 */
public final class CheckRunner {
    private final CheckSettings settings;
    private final int threads;
    private final Path caseDirectory;
    private boolean certificates;

    /**
     * @param settings shared settings
     * @param threads worker threads (1 runs in the caller's thread)
     * @param caseDirectory where refutations are saved as case files, or null to save nothing
     */
    public CheckRunner(CheckSettings settings, int threads, Path caseDirectory) {
        this.settings = settings;
        this.threads = Math.max(1, threads);
        this.caseDirectory = caseDirectory;
    }

    /**
     * Makes every PROVED or CERTIFIED instance carry its {@link Certificate} (witnesses are collected while
     * deciding; off by default). Returns this runner.
     */
    public CheckRunner withCertificates(boolean on) {
        this.certificates = on;
        return this;
    }

    /**
     * One decided instance.
     *
     * @param certificate the witness of a PROVED or CERTIFIED verdict, else null
     */
    public record InstanceRun(Instance instance, Outcome outcome, double seconds, String casePath, Certificate certificate,
            double cpuSeconds) {}

    /** One claim's run. */
    public record ClaimRun(Claim claim, List<InstanceRun> runs, double seconds, int skippedForTime) {
        /** CPU time of the worker threads spent deciding the instances, in seconds (the sum over instances). */
        public double cpuSeconds() {
            return runs.stream().mapToDouble(InstanceRun::cpuSeconds).sum();
        }
    }

    /** The seed (non-negative) of instance {@code i} of claim {@code claimId} in a run with base seed {@code seed}. */
    public static long instanceSeed(long seed, String claimId, int i) {
        long z = seed ^ (0x9E3779B97F4A7C15L * (claimId.hashCode() + 0x632BE5ABL)) ^ (0xBF58476D1CE4E5B9L * (i + 1));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE; // non-negative: the results schema records seeds >= 0
    }

    /** Draws instance {@code i} of a claim: its families in turn, within the claim's size limits. */
    public Instance draw(Claim claim, long seed, int i) {
        InstanceSource f = claim.families().get(i % claim.families().size());
        return InstanceFamilies.generate(f, instanceSeed(seed, claim.id(), i), claim.limits(settings));
    }

    /**
     * Runs {@code instances} fresh instances of {@code claim}; instances not started before
     * {@code deadlineNanos} (System.nanoTime) are skipped and counted. {@code onEach} (may be null) is
     * called after every instance.
     */
    public ClaimRun runClaim(Claim claim, int instances, long seed, double deadlineNanos, Consumer<InstanceRun> onEach) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            idx.add(i);
        }
        return runAll(claim, idx.stream().map(i -> (java.util.function.Supplier<Instance>) () -> draw(claim, seed, i)).toList(),
                deadlineNanos, onEach);
    }

    /** Runs the claim on the given instances (e.g. a replayed case or the regression corpus). */
    public ClaimRun runOn(Claim claim, List<Instance> given, Consumer<InstanceRun> onEach) {
        return runAll(claim, given.stream().map(x -> (java.util.function.Supplier<Instance>) () -> x).toList(),
                Double.POSITIVE_INFINITY, onEach);
    }

    private ClaimRun runAll(Claim claim, List<java.util.function.Supplier<Instance>> sources, double deadlineNanos,
            Consumer<InstanceRun> onEach) {
        long start = System.nanoTime();
        List<InstanceRun> runs = new ArrayList<>();
        int skipped = 0;
        if (threads == 1) {
            for (java.util.function.Supplier<Instance> s : sources) {
                if (System.nanoTime() > deadlineNanos) {
                    skipped++;
                    continue;
                }
                InstanceRun r = decideOne(claim, s.get());
                runs.add(r);
                if (onEach != null) {
                    onEach.accept(r);
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "check-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<InstanceRun>> futures = new ArrayList<>();
                for (java.util.function.Supplier<Instance> s : sources) {
                    futures.add(pool.submit(() -> {
                        if (System.nanoTime() > deadlineNanos) {
                            return null;
                        }
                        InstanceRun r = decideOne(claim, s.get());
                        if (onEach != null) {
                            onEach.accept(r);
                        }
                        return r;
                    }));
                }
                for (Future<InstanceRun> f : futures) {
                    InstanceRun r = f.get();
                    if (r == null) {
                        skipped++;
                    } else {
                        runs.add(r);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        runs = saveWitnesses(claim, runs);
        return new ClaimRun(claim, runs, (System.nanoTime() - start) / 1e9, skipped);
    }

    /** Decides one instance; an unexpected exception is recorded as UNDECIDED with its message, never as a pass. */
    InstanceRun decideOne(Claim claim, Instance in) {
        long t0 = System.nanoTime();
        long cpu0 = threadCpuNanos();
        Outcome o;
        Certificate certificate = null;
        CertificateLog log = certificates ? CertificateLog.open() : null;
        try {
            o = claim.decide(in, settings);
            if (log != null && o.verdict().isRigorous()) {
                certificate = Certificate.of(claim.id(), in.family(), in.seed(), o.verdict().name(), o.method(),
                        in.network(), log);
            }
        } catch (RuntimeException e) {
            o = Outcome.of(Verdict.UNDECIDED, "the decision failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            if (log != null) {
                CertificateLog.close();
            }
        }
        return new InstanceRun(in, o, (System.nanoTime() - t0) / 1e9, null, certificate,
                (threadCpuNanos() - cpu0) / 1e9);
    }

    /** CPU time of the current thread in nanoseconds (0 where the JVM cannot measure it). */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0L;
    }

    /**
     * Shrinks and saves refutations: every one for a statement of the paper, the first one for a
     * control (its witness demonstrates the shrinker). Returns the runs with case paths filled in.
     */
    List<InstanceRun> saveWitnesses(Claim claim, List<InstanceRun> runs) {
        if (caseDirectory == null) {
            return runs;
        }
        List<InstanceRun> out = new ArrayList<>();
        boolean savedControl = false;
        for (InstanceRun r : runs) {
            boolean save = r.outcome().verdict() == Verdict.REFUTED && (claim.kind() != ClaimKind.CONTROL || !savedControl);
            if (!save) {
                out.add(r);
                continue;
            }
            Instance small = Shrinker.shrink(claim, r.instance(), settings, 150, claim.kind() == ClaimKind.CONTROL ? 3 : 30);
            Outcome o = claim.decide(small, settings);
            Path dir = claim.kind() == ClaimKind.CONTROL ? caseDirectory.resolve("controls") : caseDirectory;
            Path file = saveCase(dir, claim.id() + "-" + Long.toUnsignedString(r.instance().seed()), claim, small, o);
            savedControl |= claim.kind() == ClaimKind.CONTROL;
            out.add(new InstanceRun(r.instance(), r.outcome().withDetail("shrunk_to", small.shape()), r.seconds(), file.toString(),
                    r.certificate(), r.cpuSeconds()));
        }
        return out;
    }

    /**
     * Writes a self-contained case file (the {@code inspect} format plus metadata) atomically as
     * {@code dir/stem.json} and returns its path. A case file already there is never overwritten: if it
     * holds the same text it is the answer, otherwise the first free name {@code stem-2.json},
     * {@code stem-3.json}, ... is used (replaying a saved witness must not replace it).
     */
    public static Path saveCase(Path dir, String stem, Claim claim, Instance in, Outcome outcome) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("description", "witness of " + outcome.verdict() + " for " + claim.id() + ": " + claim.statement());
        root.put("claim", claim.id());
        root.put("family", in.family());
        root.put("seed", Long.toUnsignedString(in.seed()));
        root.put("method", outcome.method());
        root.setAll(CaseFile.toJson(in.network(), true, true));
        String text;
        try {
            text = Json.mapper().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (int k = 1; ; k++) {
            Path file = dir.resolve(stem + (k == 1 ? "" : "-" + k) + ".json");
            if (!java.nio.file.Files.exists(file)) {
                SafeFiles.writeString(file, text);
                return file;
            }
            try {
                if (java.nio.file.Files.readString(file).equals(text)) {
                    return file;
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // unreadable: leave it alone and take the next name
            }
        }
    }

    /** The default share of a claim's instances that must meet its hypotheses for it to pass. */
    public static final double DEFAULT_MIN_MET_FRACTION = 0.5;

    /** The results-model record of a claim's run, with the default minimum share of instances meeting the hypotheses. */
    public static ClaimResult toResult(ClaimRun run) {
        return toResult(run, DEFAULT_MIN_MET_FRACTION);
    }

    /**
     * The least number of instances, of {@code requested} (decided or skipped for time), that must meet the
     * hypotheses: ceil(fraction x requested), at least 1.
     */
    public static int minMet(int requested, double fraction) {
        return Math.max(1, (int) Math.ceil(fraction * requested - 1e-9));
    }

    /**
     * The results-model record of a claim's run; at least {@code minMetFraction} of its requested instances
     * (and at least one) must meet its hypotheses, else its status is INSUFFICIENT.
     */
    public static ClaimResult toResult(ClaimRun run, double minMetFraction) {
        Claim c = run.claim();
        ClaimRecorder rec = new ClaimRecorder(c.id(), reportKind(c.kind()), c.title(), c.statement())
                .provenance(c.provenance())
                .hypotheses(String.join("; ", c.hypotheses()))
                .minMet(minMet(run.runs().size() + run.skippedForTime(), minMetFraction));
        if (c.reportSection() != null) {
            rec.section(c.reportSection());
        }
        for (InstanceSource f : c.families()) {
            rec.family(f.id());
        }
        for (InstanceRun r : run.runs()) {
            Outcome o = r.outcome();
            InstanceResult ir = InstanceResult.of(r.instance().seed(), r.instance().family(),
                    Arrays.stream(r.instance().dims()).boxed().toList(), o.verdict(), o.method());
            if (o.margin() != null && Double.isFinite(o.margin())) {
                ir = ir.withMargin(new BigDecimal(o.margin()).round(new java.math.MathContext(6)));
            }
            if (o.tolerance() != null) {
                ir = ir.withTolerance(new BigDecimal(o.tolerance()));
            }
            for (var e : o.details().entrySet()) {
                ir = ir.withDetail(e.getKey(), e.getValue());
            }
            ir = ir.withDetail("time_s", String.format(java.util.Locale.ROOT, "%.3f", r.seconds()));
            if (r.casePath() != null) {
                ir = ir.withCasePath(r.casePath());
            }
            rec.add(ir);
        }
        if (run.skippedForTime() > 0) {
            rec.hypotheses(String.join("; ", c.hypotheses()) + " [" + run.skippedForTime() + " instances skipped: time limit]");
        }
        return rec.timeSeconds(run.seconds()).finish().withCpuSeconds(run.cpuSeconds());
    }

    static ClaimKind reportKind(ClaimKind k) {
        return k == ClaimKind.FACT ? ClaimKind.LEMMA : k;
    }
}
