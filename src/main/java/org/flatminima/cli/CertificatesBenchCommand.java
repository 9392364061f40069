package org.flatminima.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.flatminima.certificates.Certificate;
import org.flatminima.certificates.CertificateWriter;
import org.flatminima.claims.CheckRunner;
import org.flatminima.claims.CheckSettings;
import org.flatminima.claims.Claim;
import org.flatminima.claims.ClaimRegistry;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flatminima bench certificates}: the cost of certificates on the default check. Times the default
 * check's decisions (every statement, 12 instances, seed 1, 2 threads) without and with certificates
 * (collecting the witnesses and writing certificates.json), alternating the two, and prints the ratio
 * against the budget of 1.5; then times the independent checker (python3) re-checking what was written,
 * against the budget of one minute. Prints the load average with each figure: the machine may be shared.
 */
@Command(name = "certificates", mixinStandardHelpOptions = true,
        description = "Time the default check without and with certificates (ratio, budget 1.5) and the independent "
                + "checker's re-check of them (budget 60 s).")
public final class CertificatesBenchCommand implements Callable<Integer> {
    private static final double RATIO_BUDGET = 1.5;
    private static final double RECHECK_BUDGET_S = 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "12", description = "Instances per claim (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "1", description = "Timed pairs after a warm-up (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3", description = "Python 3 for the checker (default ${DEFAULT-VALUE}).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (instances < 1 || instances > 1000) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--instances", "between 1 and 1000", instances);
        }
        if (repeats < 1 || repeats > 20) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--repeats", "between 1 and 20", repeats);
        }
        if (threads < 1 || threads > 64) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--threads", "between 1 and 64", threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("flatminima-bench-certificates");
        try {
            out.printf(Locale.ROOT, "bench certificates, %s, load average %s%n", java.time.Instant.now(), load());
            err.println("bench certificates: warm-up (2 instances per claim)");
            run(2, false, null);
            double[] plain = new double[repeats];
            double[] certified = new double[repeats];
            double[] plainCpu = new double[repeats];
            double[] certifiedCpu = new double[repeats];
            Path file = dir.resolve(CertificateWriter.FILE_NAME);
            for (int r = 0; r < repeats; r++) {
                boolean certFirst = r % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean withCerts = certFirst == (k == 0);
                    err.println("bench certificates: default check " + (withCerts ? "with" : "without") + " certificates, pair " + (r + 1));
                    double cpu0 = cpuSeconds();
                    double s = run(instances, withCerts, file);
                    (withCerts ? certified : plain)[r] = s;
                    (withCerts ? certifiedCpu : plainCpu)[r] = cpuSeconds() - cpu0;
                }
            }
            double p = median(plain);
            double c = median(certified);
            double pc = median(plainCpu);
            double cc = median(certifiedCpu);
            out.printf(Locale.ROOT, "default check without certificates: %.2f s wall, %.2f s CPU (medians of %d)%n", p, pc, repeats);
            out.printf(Locale.ROOT, "default check with certificates:    %.2f s wall, %.2f s CPU (medians of %d), %d bytes written%n",
                    c, cc, repeats, Files.size(file));
            out.printf(Locale.ROOT, "ratio with/without: %.3f wall, %.3f CPU (budget %.1f) %s; load average %s%n", c / p, cc / pc,
                    RATIO_BUDGET, Math.max(c / p, cc / pc) <= RATIO_BUDGET ? "within" : "OVER", load());
            Path checker = home().resolve("checker").resolve("flatminima_check.py");
            if (!Files.isRegularFile(checker)) {
                out.println("re-check: skipped because " + checker + " is missing");
                return 0;
            }
            long t0 = System.nanoTime();
            Process pr;
            try {
                pr = new ProcessBuilder(python, checker.toString(), file.toString(), "--quiet").redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                out.println("re-check: skipped because " + python + " cannot be started: " + e.getMessage());
                return 0;
            }
            String text = new String(pr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            pr.waitFor(30, TimeUnit.MINUTES);
            double s = (System.nanoTime() - t0) / 1e9;
            out.println("re-check: " + text.substring(text.lastIndexOf('\n') + 1));
            out.printf(Locale.ROOT, "re-check time: %.2f s (budget %.0f s) %s; load average %s%n", s, RECHECK_BUDGET_S,
                    s <= RECHECK_BUDGET_S ? "within" : "OVER", load());
            return pr.exitValue() == 0 ? 0 : 1;
        } finally {
            org.flatminima.io.SafeFiles.deleteTree(dir);
        }
    }

    /** Seconds for the default check's decisions (and, with certificates, collecting and writing them). */
    private double run(int n, boolean withCertificates, Path file) {
        long t0 = System.nanoTime();
        CheckRunner runner = new CheckRunner(new CheckSettings(30, 4, 5), threads, null).withCertificates(withCertificates);
        List<Certificate> certs = new ArrayList<>();
        for (Claim claim : ClaimRegistry.standard().statements()) {
            CheckRunner.ClaimRun run = runner.runClaim(claim, n, 1, Double.POSITIVE_INFINITY, null);
            run.runs().stream().map(CheckRunner.InstanceRun::certificate).filter(java.util.Objects::nonNull).forEach(certs::add);
        }
        if (withCertificates && file != null) {
            CertificateWriter.write(file.getParent(), certs);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** CPU seconds used by this process so far (all threads, including the JIT and the collector). */
    private static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Path home() {
        String h = System.getProperty("flatminima.home");
        return h != null ? Path.of(h) : Path.of("").toAbsolutePath();
    }
}
