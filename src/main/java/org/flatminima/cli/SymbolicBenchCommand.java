package org.flatminima.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.flatminima.symbolic.HessianDerivation;
import org.flatminima.symbolic.Identities;
import org.flatminima.symbolic.IdentityResult;
import org.flatminima.symbolic.SymbolicNetwork;
import org.flatminima.symbolic.SymjaEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flatminima bench symbolic}: Symja start-up and the time of each derivation and identity. */
@Command(
        name = "symbolic",
        mixinStandardHelpOptions = true,
        description = {
            "Times Symja's start-up (paid once per process) and each derivation after it: the full Hessian of the",
            "scalar m = 8 network and of the 3-layer 2x2 network, the full derive pipeline on both, and Lemma 3 for",
            "every dims vector with N <= 24 listed. Reference: a budget of 1 s per Hessian (SymPy 1.14",
            "took well under a second); the ratio column is wall time / 1 s. Each item is run --repeat times; the best",
            "wall and CPU (this thread) times are shown."
        })
public final class SymbolicBenchCommand implements Callable<Integer> {
    /** Dims vectors for the Lemma 3 timing (N <= 24). */
    static final List<String> LEMMA3_DIMS = List.of("2,2,2", "2,3,2", "3,2,3", "1,3,1", "2,2,2,2", "3,3,3",
            "2,3,3,2", "2,2,2,2,2", "4,2,4");

    @Spec
    CommandSpec spec;

    @Option(names = "--repeat", defaultValue = "3", description = "runs per item, best time shown (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--quick", description = "only the two Hessians and their derive pipelines")
    boolean quick;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        SymjaEngine engine = SymjaEngine.instance();
        double startup = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "Symja start-up (once per process, includes a warm-up): %.3f s wall, %.3f s cpu%n",
                engine.startupSeconds(), engine.startupCpuSeconds());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        out.printf(Locale.ROOT, "machine: %d cores, load average %.1f (wall times on a loaded machine exceed CPU times)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "%-52s %10s %10s %8s%n", "item", "wall s", "cpu s", "ratio");
        Map<String, Supplier<String>> items = new LinkedHashMap<>();
        SymbolicNetwork scalar8 = new SymbolicNetwork(ones(9), SymbolicNetwork.SigmaKind.SYMBOLIC, null,
                SymbolicNetwork.TargetKind.SYMBOLIC, null);
        SymbolicNetwork threeLayer = SymbolicNetwork.white(2, 2, 2, 2);
        items.put("Hessian, scalar m = 8 (8 parameters)", () -> size(HessianDerivation.hessianWithPlaceholder(scalar8).rows()));
        items.put("Hessian, 3-layer 2x2 (12 parameters)", () -> size(HessianDerivation.hessianWithPlaceholder(threeLayer).rows()));
        items.put("derive pipeline, scalar m = 8", () -> HessianDerivation.derive(scalar8).structure().status().name());
        items.put("derive pipeline, 3-layer 2x2", () -> HessianDerivation.derive(threeLayer).structure().status().name());
        if (!quick) {
            for (String dims : LEMMA3_DIMS) {
                items.put("Lemma 3, dims " + dims + ", Sigma_x = I", () -> status(Identities.run("hessian-structure",
                        Map.of("dims", dims))));
            }
            items.put("Lemma 3, dims 2,2,2,2, symbolic Sigma_x^(1/2)", () -> status(Identities.run("hessian-structure",
                    Map.of("dims", "2,2,2,2", "sigma", "symbolic"))));
            items.put("telescoping (24), m = 4, 2x2", () -> status(Identities.run("telescoping", Map.of("m", "4"))));
            items.put("telescoping (24)-(25) expanded, m = 3, 2x2", () -> status(Identities.run("telescoping",
                    Map.of("m", "3", "full", "true"))));
            items.put("(27)-(28), m = 4, d = 2", () -> status(Identities.run("diagonal-solution", Map.of("m", "4"))));
        }
        for (Map.Entry<String, Supplier<String>> item : items.entrySet()) {
            double best = Double.POSITIVE_INFINITY;
            double bestCpu = Double.POSITIVE_INFINITY;
            String result = "";
            for (int r = 0; r < Math.max(1, repeat); r++) {
                long t = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                result = item.getValue().get();
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
                bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c) / 1e9);
            }
            out.printf(Locale.ROOT, "%-52s %10.3f %10.3f %8.2f  %s%n", item.getKey(), best, bestCpu, best / 1.0, result);
            out.flush();
        }
        out.printf(Locale.ROOT, "(first call in this process paid %.3f s for start-up)%n", startup);
        return 0;
    }

    private static int[] ones(int n) {
        int[] d = new int[n];
        Arrays.fill(d, 1);
        return d;
    }

    private static String size(int n) {
        return n + "x" + n;
    }

    private static String status(List<IdentityResult> rs) {
        StringBuilder sb = new StringBuilder();
        for (IdentityResult r : rs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.status());
        }
        return sb.toString();
    }
}
