package org.flatminima.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.nn.Activation;
import org.flatminima.nn.Network;
import org.flatminima.nn.NetworkWeights;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded corpus of generated bad inputs (case files, .npy and .npz arrays, results files, proof
 * files and command-line values), each run in-process through the command line's entry point. Every
 * one must end with exactly one line on stderr, exit status 2 (a user error, not a fault of the tool)
 * and no stack trace or library internals. The corpus is regenerated from {@link #SEED} on every run;
 * a failure names the input's index and command so that it replays.
 */
class HostileInputFuzzTest extends QuietTest {
    /** The corpus seed; change it only together with the counts in docs/safety.md. */
    static final long SEED = 20261207L;

    /** At least this many inputs are generated. */
    static final int MIN_CORPUS = 1000;

    @TempDir
    Path dir;

    private final List<String[]> corpus = new ArrayList<>();
    private int files;

    @Test
    void everyHostileInputGetsOneLineAndExitTwo() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        Path weights = dir.resolve("W.npz");
        Path inputs = dir.resolve("X.npy");
        Path targets = dir.resolve("Y.npy");
        validFloatInputs(weights, inputs, targets);
        String caseText = Files.readString(Path.of("test-cases/examples/fig3-flattest.json"));
        String results = Files.readString(Path.of("reports/baseline/results.json"));
        String proof = Files.readString(Path.of("proofs/lemma-2.md"));
        for (int i = 0; i < 320; i++) {
            Path f = write("case", ".json", badCase(rnd, caseText).getBytes(StandardCharsets.UTF_8));
            corpus.add(i % 2 == 0 ? new String[] {"inspect", f.toString()}
                    : new String[] {"check", "--replay", f.toString(), "--quiet"});
        }
        for (int i = 0; i < 180; i++) {
            Path f = write("array", ".npy", badNpy(rnd));
            corpus.add(i % 2 == 0
                    ? new String[] {"sharpness", "--weights", weights.toString(), "--inputs", f.toString(), "--targets",
                        targets.toString(), "--quiet"}
                    : new String[] {"sharpness", "--weights", weights.toString(), "--inputs", inputs.toString(),
                        "--targets", f.toString(), "--quiet"});
        }
        for (int i = 0; i < 120; i++) {
            Path f = write("weights", ".npz", badNpz(rnd));
            corpus.add(new String[] {"sharpness", "--weights", f.toString(), "--inputs", inputs.toString(),
                "--targets", targets.toString(), "--quiet"});
        }
        for (int i = 0; i < 160; i++) {
            Path f = write("results", ".json", badResults(rnd, results).getBytes(StandardCharsets.UTF_8));
            corpus.add(new String[] {"report", f.toString(), "--out", dir.resolve("report-" + i).toString()});
        }
        for (int i = 0; i < 120; i++) {
            Path f = write("proof", ".md", badProof(rnd, proof).getBytes(StandardCharsets.UTF_8));
            corpus.add(new String[] {"prove", f.toString()});
        }
        for (int i = 0; i < 200; i++) {
            corpus.add(badCommandLine(rnd));
        }
        assertTrue(corpus.size() >= MIN_CORPUS, "corpus has " + corpus.size() + " inputs");
        List<String> failures = new ArrayList<>();
        java.util.Map<String, long[]> timing = new java.util.TreeMap<>();
        long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int i = 0; i < corpus.size(); i++) {
            String[] args = corpus.get(i);
            long t0 = System.nanoTime();
            CliRun r = CliRun.of(args);
            long[] t = timing.computeIfAbsent(args[0], k -> new long[3]);
            long took = System.nanoTime() - t0;
            t[0]++;
            t[1] += took;
            t[2] = Math.max(t[2], took);
            String err = r.err();
            boolean internals = err.contains("Exception") || err.contains("com.fasterxml") || err.contains("java.")
                    || err.contains("Feature") || err.contains("array array") || err.contains("\tat ");
            if (r.exit() != 2 || !r.errIsOneLine() || internals) {
                failures.add("#" + i + " [" + String.join(" ", args) + "] exit " + r.exit() + ": " + err.strip());
            }
        }
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
        StringBuilder times = new StringBuilder(String.format(Locale.ROOT,
                "corpus %d inputs, seed %d, %.1f s CPU of the test thread%ncommand inputs total_ms max_ms%n",
                corpus.size(), SEED, cpu / 1e9));
        timing.forEach((k, v) -> times.append(String.format(Locale.ROOT, "%s %d %.0f %.0f%n", k, v[0], v[1] / 1e6,
                v[2] / 1e6)));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-timing.txt"), times.toString());
        assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " inputs (seed " + SEED
                + ") were not refused cleanly, e.g.\n" + String.join("\n", failures.subList(0,
                Math.min(15, failures.size()))));
    }

    private Path write(String stem, String suffix, byte[] bytes) throws IOException {
        Path f = dir.resolve(stem + "-" + (files++) + suffix);
        Files.write(f, bytes);
        return f;
    }

    private static void validFloatInputs(Path w, Path x, Path y) {
        SplittableRandom r = new SplittableRandom(1);
        int n = 8;
        double[] xs = new double[n * 4];
        double[] ys = new double[n * 3];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = r.nextGaussian();
        }
        Npy.write(x, NpyArray.matrix(n, 4, xs), false);
        Npy.write(y, NpyArray.matrix(n, 3, ys), false);
        Network net = new Network(new int[] {4, 5, 3}, Activation.RELU, false);
        new NetworkWeights(net, net.heParameters(2)).write(w, false);
    }

    // ---- case files --------------------------------------------------------------------------

    /** Values that are never a valid matrix entry. */
    private static final String[] BAD_ENTRIES = {
        "1e999999999", "\"1e999999999\"", "\"1e100000000\"", "-1e999999999", "\"1/0\"", "\"0/0\"", "\"NaN\"",
        "\"inf\"", "\"-Infinity\"", "true", "null", "{}", "[]", "[1]", "\"abc\"", "\"1/2/3\"", "\"\"", "\" \"",
        "\"1e-999999\"", "\"0x1p3\"", "\"1,5\"", "\"--1\"", "\"1e\"", "\"/3\"", "\"3/\"", "\"1.2.3\"",
        "123456789e-2000", "\"12345678901234567890e99999\"", "{\"p\": 1}", "\"1 / 0\"",
    };

    private static String badCase(SplittableRandom rnd, String valid) {
        String text = valid.strip();
        switch (rnd.nextInt(9)) {
            case 0 -> {
                return text.substring(0, 1 + rnd.nextInt(text.length() - 2));
            }
            case 1, 2, 3 -> {
                return replaceEntry(rnd, text, BAD_ENTRIES[rnd.nextInt(BAD_ENTRIES.length)]);
            }
            case 4 -> {
                return text.replace("\"layers\"", "\"layerz\"");
            }
            case 5 -> {
                // a ragged row: one entry more in some row
                int at = nthIndex(text, "[ \"", rnd);
                return text.substring(0, at + 2) + "\"1\", " + text.substring(at + 2);
            }
            case 6 -> {
                return "{\"layers\": " + "[".repeat(1 + rnd.nextInt(3000)) + "]";
            }
            case 7 -> {
                byte[] b = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(b);
                return "{" + new String(b, StandardCharsets.ISO_8859_1);
            }
            default -> {
                String[] tops = {"[]", "1", "\"x\"", "null", "{}", "{\"layers\": []}", "{\"layers\": 3}",
                    "{\"layers\": [[[1]]], \"layers\": [[[2]]]}", "{\"layers\": [[[1, 2]], [[1, 2, 3]]]}",
                    "{\"layers\": [[[1]]], \"sigma_x\": [[-1]]}", "{\"layers\": [[[1]]], \"sigma_x\": [[1, 0]]}",
                    "{\"layers\": [[[1]]], \"x\": [[1]]}", "{\"layers\": [[[1]]], \"x\": [[0]], \"y\": [[1]]}",
                    "{\"layers\": [[[1]]], \"target\": [[1, 2]]}", "{\"layers\": [[[1]]], \"sigma_x\": [[1]], \"x\": [[1]]}",
                    "{\"layers\": [[[1, 2], [3, 4]], [[1, 0], [0, 1]]], \"sigma_x\": [[1, 2], [3, 1]]}"};
                return tops[rnd.nextInt(tops.length)];
            }
        }
    }

    private static String replaceEntry(SplittableRandom rnd, String text, String bad) {
        int layers = text.indexOf("\"layers\"");
        int at = nthIndex(text.substring(layers), "\"", rnd) + layers;
        // find a quoted entry "p/q" after position at
        int open = text.indexOf("\"", Math.max(at, layers + 10));
        while (open >= 0 && open + 1 < text.length() && !Character.isDigit(text.charAt(open + 1))
                && text.charAt(open + 1) != '-') {
            open = text.indexOf("\"", open + 1);
        }
        if (open < 0) {
            return text.replace("\"layers\" : [ [ [ ", "\"layers\" : [ [ [ " + bad + ", ");
        }
        int close = text.indexOf("\"", open + 1);
        return text.substring(0, open) + bad + text.substring(close + 1);
    }

    private static int nthIndex(String text, String what, SplittableRandom rnd) {
        List<Integer> at = new ArrayList<>();
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            at.add(i);
        }
        return at.isEmpty() ? 0 : at.get(rnd.nextInt(at.size()));
    }

    // ---- arrays ------------------------------------------------------------------------------

    private static byte[] npy(String header, int dataBytes, int major) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            out.write(h.length & 0xff);
            out.write((h.length >> 8) & 0xff);
        } else {
            out.writeBytes(new byte[] {(byte) h.length, (byte) (h.length >> 8), (byte) (h.length >> 16),
                (byte) (h.length >> 24)});
        }
        out.writeBytes(h);
        out.writeBytes(new byte[Math.max(0, dataBytes)]);
        return out.toByteArray();
    }

    private static byte[] badNpy(SplittableRandom rnd) {
        String[] shapes = {"(1000000000, 1000000000)", "(3000000000,)", "(-1, 3)", "(2, x)", "(4294967297,)",
            "(65536, 65536)", "(46341, 46341)", "()", "(8, 4, 2)", "(0, 4)"};
        String[] descrs = {"<f8", "<f4", "<c16", "|O", "<U3", "zz", "<f16", "|V8", "<i8", ">f8"};
        int kind = rnd.nextInt(7);
        switch (kind) {
            case 0 -> {
                // a declared shape the file cannot hold (from a few bytes to a 3 GiB claim)
                String shape = shapes[rnd.nextInt(shapes.length)];
                String descr = descrs[rnd.nextInt(2)];
                return npy(String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }\n",
                        descr, shape), rnd.nextInt(64), 1);
            }
            case 1 -> {
                String descr = descrs[2 + rnd.nextInt(descrs.length - 3)];
                return npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (8, 4), }\n", 8 * 4 * 16, 1);
            }
            case 2 -> {
                byte[] ok = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (8, 4), }\n", 8 * 4 * 8, 1);
                byte[] cut = new byte[rnd.nextInt(ok.length - 1)];
                System.arraycopy(ok, 0, cut, 0, cut.length);
                return cut;
            }
            case 3 -> {
                byte[] b = new byte[rnd.nextInt(300)];
                rnd.nextBytes(b);
                return b;
            }
            case 4 -> {
                String[] headers = {"{'descr': '<f8', 'shape': (8, 4), }", "{'fortran_order': False}", "garbage",
                    "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (8, 4), }"};
                return npy(headers[rnd.nextInt(headers.length)], 8 * 4 * 8, 1);
            }
            case 5 -> {
                // header length beyond the file, or a version 2 header claiming gigabytes
                byte[] b = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (8, 4), }\n", 0, 2);
                b[8] = (byte) 0xff;
                b[9] = (byte) 0xff;
                b[10] = (byte) rnd.nextInt(256);
                b[11] = (byte) 0x7f;
                return b;
            }
            default -> {
                byte[] b = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (8, 4), }\n", 8 * 4 * 8, 1);
                b[6] = (byte) (4 + rnd.nextInt(200));
                return b;
            }
        }
    }

    private static byte[] badNpz(SplittableRandom rnd) throws IOException {
        int kind = rnd.nextInt(6);
        if (kind == 0) {
            byte[] b = new byte[rnd.nextInt(400)];
            rnd.nextBytes(b);
            return b;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            switch (kind) {
                case 1 -> {
                    zip.putNextEntry(new ZipEntry("W1.txt"));
                    zip.write("hello".getBytes(StandardCharsets.UTF_8));
                }
                case 2 -> {
                    zip.putNextEntry(new ZipEntry("W1.npy"));
                    zip.write(badNpy(rnd));
                }
                case 3 -> {
                    // a bomb: a member of zeros that inflates past anything a weights file needs
                    zip.putNextEntry(new ZipEntry("W1.npy"));
                    zip.write(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4000, 4000), }\n", 0, 1));
                    zip.write(new byte[4_000_000]);
                }
                case 4 -> {
                    zip.putNextEntry(new ZipEntry("W1.npy"));
                    zip.write(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (5, 4), }\n", 5 * 4 * 8, 1));
                    zip.putNextEntry(new ZipEntry("W2.npy"));
                    zip.write(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (7, 7), }\n", 7 * 7 * 8, 1));
                }
                default -> {
                    // an archive with no arrays at all
                    zip.putNextEntry(new ZipEntry("dir/"));
                }
            }
        }
        byte[] b = bytes.toByteArray();
        if (kind != 5 && rnd.nextInt(4) == 0) {
            // cut the archive short: the central directory is lost
            byte[] cut = new byte[b.length / 2];
            System.arraycopy(b, 0, cut, 0, cut.length);
            return cut;
        }
        return b;
    }

    // ---- results and proof files -------------------------------------------------------------

    private static String badResults(SplittableRandom rnd, String valid) {
        String text = valid.strip();
        switch (rnd.nextInt(6)) {
            case 0 -> {
                return text.substring(0, 1 + rnd.nextInt(text.length() - 2));
            }
            case 1 -> {
                return text.replaceFirst("\"schema_version\" : 1", "\"schema_version\" : " + (2 + rnd.nextInt(1000)));
            }
            case 2 -> {
                String[] fields = {"claims", "tool", "settings", "machine", "started_at", "command_line"};
                String[] values = {"3", "\"x\"", "null", "[]", "{}", "true", "1e999999999"};
                String f = fields[rnd.nextInt(fields.length)];
                int at = text.indexOf("\"" + f + "\" : ");
                int start = at + f.length() + 5;
                return text.substring(0, start) + values[rnd.nextInt(values.length)] + ", \"extra_" + f + "\" : "
                        + text.substring(start);
            }
            case 3 -> {
                return "{\"schema_version\" : 1, \"schema_version\" : 1, " + text.substring(1);
            }
            case 4 -> {
                String[] tops = {"", "[]", "1", "null", "{}", "{\"schema_version\": \"1\"}", "\u0000\u0001",
                    "{\"schema_version\": 1}", "{\"schema_version\": 1e999999999}"};
                return tops[rnd.nextInt(tops.length)];
            }
            default -> {
                // a claim whose status disagrees with its instances, or an unknown verdict
                return text.replaceFirst("\"PROVED\"", "\"MAYBE\"");
            }
        }
    }

    private static String badProof(SplittableRandom rnd, String valid) {
        String[] bad = {
            "   - obligation: symbolic hessian-structure dims=1000,1000,1000",
            "   - obligation: symbolic hessian-structure dims=2,2,2 factor=1000",
            "   - obligation: symbolic scalar-hessian m=99",
            "   - obligation: symbolic telescoping m=1",
            "   - obligation: symbolic no-such-identity",
            "   - obligation: symbolic",
            "   - obligation: symbolic phi-norm dims=2 sigma=identity",
            "   - obligation: symbolic phi-norm sigma=diagonal",
            "   - obligation: symbolic balancedness dims=a,b",
            "   - obligation: symbolic balancedness dims=2,2 dims=2,2",
            "   - obligation: symbolic scalar-hessian x",
            "   - obligation: symbolic scalar-hessian m=",
            "   - obligation: checked theorem-1 instances=0",
            "   - obligation: checked theorem-1 instances=99999999999",
            "   - obligation: checked theorem-1 seed=abc",
            "   - obligation: checked Theorem 1",
            "   - obligation: checked theorem-1 depth=3",
            "   - obligation: argument",
            "   - obligation: proved by magic",
            "   - obligation: symbolic identity-init m=7 d=3",
        };
        String line = bad[rnd.nextInt(bad.length)];
        switch (rnd.nextInt(4)) {
            case 0 -> {
                return valid.replace("# Lemma 2", "Lemma 2");
            }
            case 1 -> {
                return "# Title only\n\nNo steps here.\n";
            }
            default -> {
                List<Integer> at = new ArrayList<>();
                for (int i = valid.indexOf("   - obligation:"); i >= 0; i = valid.indexOf("   - obligation:", i + 1)) {
                    at.add(i);
                }
                int pos = at.get(rnd.nextInt(at.size()));
                return valid.substring(0, pos) + line + "\n" + valid.substring(pos);
            }
        }
    }

    // ---- command-line values -----------------------------------------------------------------

    private String[] badCommandLine(SplittableRandom rnd) {
        String[] numbers = {"-1", "0", "abc", "1e5x", "NaN", "99999999999999999999", "", " ", "-0", "1,2"};
        String n = numbers[rnd.nextInt(numbers.length)];
        String out = dir.resolve("cli-out-" + rnd.nextInt(1000)).toString();
        return switch (rnd.nextInt(16)) {
            // each check names one claim and one instance, so that a value wrongly accepted fails fast
            case 0 -> new String[] {"check", "--digits", pick(rnd, n, "15", "2001", "100000"), "--quiet", "--claims",
                "lemma4", "--instances", "1", "--out", out};
            case 1 -> new String[] {"check", "--instances", pick(rnd, n, "0", "100001"), "--quiet", "--claims",
                "lemma4", "--out", out};
            case 2 -> new String[] {"check", "--time-limit", pick(rnd, n, "-5", "NaN", "-Infinity"), "--quiet",
                "--claims", "lemma4", "--instances", "1", "--out", out};
            case 3 -> new String[] {"check", "--max-dim", pick(rnd, n, "17", "1000"), "--quiet", "--claims", "lemma4",
                "--instances", "1", "--out", out};
            case 4 -> new String[] {"generate", "--family", "flattest", "--dims",
                pick(rnd, "1000000,1000000", "0,2", "2", "a,b", "-3,2", "100,100,100", "2,,2", "65536,65536,65536")};
            case 5 -> new String[] {"generate", "--family", pick(rnd, "nope", "", "FLATTEST!", "../x"), "--dims", "2,2"};
            case 6 -> new String[] {"inspect", "test-cases/examples/fig3-flattest.json", "--digits",
                pick(rnd, n, "5", "2001")};
            case 7 -> new String[] {"inspect", "test-cases/examples/fig3-flattest.json", "--max-parameters",
                pick(rnd, "1", "10", "95", n)};
            case 8 -> new String[] {"inspect", pick(rnd, "no-such-file.json", dir.toString(), "")};
            case 9 -> new String[] {"report", "reports/baseline/results.json", "--out", out, "--margin-threshold",
                pick(rnd, "-1", "abc", "-0.5")};
            case 10 -> new String[] {"report", "reports/baseline/results.json", "--out", out, "--time-factor",
                pick(rnd, "0.5", "-1", "Infinity", "NaN", "abc")};
            case 11 -> new String[] {"experiment", pick(rnd, "all", "fig4"), "--shard",
                pick(rnd, "0/0", "3/2", "x", "1/0", "-1/2", "1/2/3"), "--out", out};
            case 12 -> new String[] {"sharpness", "--weights", "no-such.npz", "--iterations", pick(rnd, "0", "-3", n)};
            case 13 -> new String[] {pick(rnd, "chek", "frobnicate", "--nonsense", "check --all")};
            case 14 -> new String[] {"check", pick(rnd, "--frobnicate", "--seed", "--digits", "--out"), };
            default -> new String[] {"train", "--depth", pick(rnd, "0", "-1", n), "--out", out + ".npz", "--epochs", "1"};
        };
    }

    private static String pick(SplittableRandom rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }
}
