package org.flatminima.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.errors.UserError;
import org.flatminima.testing.CliRun;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs that used to end in an OutOfMemoryError, exit 70 or a run that never ended: each
 * is now refused before anything large is allocated, with one line naming the size and how to allow it.
 */
class ResourceLimitsTest extends QuietTest {
    @TempDir
    Path dir;

    private static void assertRefused(CliRun r, String... mentions) {
        assertEquals(UserError.EXIT_CODE, r.exit(), r.err());
        assertTrue(r.errIsOneLine(), r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "expected '" + m + "' in: " + r.err());
        }
    }

    /** A two-layer case of d x d layers, about 1 MB of JSON for d = 400. */
    private Path wideCase(int d) throws IOException {
        StringBuilder sb = new StringBuilder("{\"layers\": [");
        for (int k = 0; k < 2; k++) {
            sb.append(k == 0 ? "[" : ", [");
            for (int i = 0; i < d; i++) {
                sb.append(i == 0 ? "[" : ",[");
                for (int j = 0; j < d; j++) {
                    sb.append(j == 0 ? "" : ",").append(i == j ? '1' : '0');
                }
                sb.append(']');
            }
            sb.append(']');
        }
        Path f = dir.resolve("wide.json");
        Files.writeString(f, sb.append("]}").toString());
        return f;
    }

    @Test
    void aWideCaseIsRefusedByItsParameterCountBeforeTheHessianIsBuilt() throws IOException {
        Path f = wideCase(400);
        assertTrue(Files.size(f) > 600_000);
        assertRefused(CliRun.of("inspect", f.toString()), "N = 320000", "--max-parameters 320000");
        assertRefused(CliRun.of("check", "--replay", f.toString(), "--quiet"), "N = 320000");
        // raising the limit leads to the heap estimate: 320000^2 entries do not fit any heap
        assertRefused(CliRun.of("inspect", f.toString(), "--max-parameters", "1000000"), "FLATMINIMA_JAVA_OPTS");
    }

    @Test
    void generateRefusesAMillionByAMillion() {
        assertRefused(CliRun.of("generate", "--family", "flattest-gauged", "--dims", "1000000,1000000"),
                "N = 1000000000000", "--max-parameters");
    }

    @Test
    void hugeDecimalExponentsAreRefusedAtOnce() throws IOException {
        String[] entries = {"\"1e100000000\"", "1e999999999", "\"1e999999999\"", "\"-2.5e-400000\""};
        for (String e : entries) {
            Path f = dir.resolve("exp.json");
            Files.writeString(f, "{\"layers\": [[[" + e + ", 1]], [[1], [2]]]}");
            long t0 = System.nanoTime();
            CliRun r = CliRun.of("inspect", f.toString());
            assertRefused(r, "decimal exponent", "layer W1 entry (1,1)");
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, e + " took too long");
        }
        // the bound is not a refusal of large values as such: 1e1000 is read exactly
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, "{\"layers\": [[[\"1e1000\"]]]}");
        assertEquals(0, CliRun.of("generate", "--help").exit());
        assertTrue(org.flatminima.cases.CaseFile.read(ok).network().layer(1).get(0, 0).numerator().toString().length()
                == 1001);
    }

    /** A .npy header claiming {@code shape} of float64, followed by {@code dataBytes} (sparse) bytes. */
    private Path sparseNpy(String name, String shape, long dataBytes) throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        Path f = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(b.array());
            raf.setLength(b.capacity() + dataBytes);
        }
        return f;
    }

    @Test
    void aThreeGibibyteNpyIsRefusedFromItsHeaderAndSize() throws IOException {
        long n = 3L * 1024 * 1024 * 1024 / 8 / 1000;
        Path big = sparseNpy("big.npy", "(" + n + ", 1000)", n * 1000 * 8);
        assertTrue(Files.size(big) > 3_000_000_000L);
        Path y = dir.resolve("Y.npy");
        Npy.write(y, NpyArray.matrix(2, 1, new double[] {1, 2}), false);
        org.flatminima.nn.Network net = new org.flatminima.nn.Network(new int[] {1000, 1},
                org.flatminima.nn.Activation.RELU, false);
        Path w = dir.resolve("W.npz");
        new org.flatminima.nn.NetworkWeights(net, net.heParameters(1)).write(w, false);
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("sharpness", "--weights", w.toString(), "--inputs", big.toString(), "--targets",
                y.toString(), "--quiet");
        assertRefused(r, big.toString(), "GiB");
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        // a header that promises more data than the file holds is malformed, however small the file
        Path liar = sparseNpy("liar.npy", "(20000, 20000)", 64);
        assertRefused(CliRun.of("sharpness", "--weights", w.toString(), "--inputs", liar.toString(), "--targets",
                y.toString(), "--quiet"), "needs 3200000000 data bytes");
    }

    /** A zip whose one member's sizes in the central directory are replaced by {@code declared}. */
    private Path bomb(long declared) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (20000, 20000), }\n";
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("W1.npy"));
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
            zip.write(header.getBytes(StandardCharsets.ISO_8859_1));
            zip.write(new byte[4 << 20]);
        }
        byte[] b = bytes.toByteArray();
        // the central directory entry (signature PK\1\2) holds the uncompressed size at offset 24
        for (int i = b.length - 46; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                ByteBuffer.wrap(b, i + 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) declared);
                break;
            }
        }
        Path f = dir.resolve("bomb-" + declared + ".npz");
        Files.write(f, b);
        return f;
    }

    @Test
    void zipBombMembersAreCheckedBeforeInflating() throws IOException {
        Path x = dir.resolve("X.npy");
        Npy.write(x, NpyArray.matrix(2, 1, new double[] {1, 2}), false);
        for (long declared : new long[] {3_200_000_000L, 0xFFFF_FFF0L, 1000}) {
            Path f = bomb(declared);
            long t0 = System.nanoTime();
            CliRun r = CliRun.of("sharpness", "--weights", f.toString(), "--inputs", x.toString(), "--targets",
                    x.toString(), "--quiet");
            assertRefused(r, f.toString());
            assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        }
    }

    @Test
    void outOfMemoryAtTheTopIsOneLineWithAdviceAndExit70() throws Exception {
        // a JVM with a heap far too small for an inspection: the estimate cannot foresee every allocation,
        // so the last resort in Main must turn the OutOfMemoryError into one line
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx12m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "org.flatminima.cli.Main", "inspect",
                "test-cases/examples/fig3-flattest.json", "--digits", "16")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        assertEquals(70, exit, err);
        assertTrue(!err.strip().contains("\n") && !err.contains("\tat ") && err.contains("out of memory")
                && err.contains("FLATMINIMA_JAVA_OPTS"), err);
    }
}
