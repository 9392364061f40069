package org.flatminima.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest extends QuietTest {
    @TempDir
    Path dir;

    private static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private void writePair(String split, boolean gz, byte[] pixels, byte[] labels, int count, int side)
            throws IOException {
        byte[] im = idx(new int[] {count, side, side}, pixels);
        byte[] lb = idx(new int[] {count}, labels);
        Files.write(dir.resolve(split + "-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? gzip(im) : im);
        Files.write(dir.resolve(split + "-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz ? gzip(lb) : lb);
    }

    @Test
    void idxPlainAndGzippedReadTheSamePixels() throws IOException {
        SplittableRandom rnd = new SplittableRandom(17);
        int count = 5;
        int side = 4;
        byte[] px = new byte[count * side * side];
        byte[] lb = new byte[count];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rnd.nextInt(256);
        }
        for (int i = 0; i < count; i++) {
            lb[i] = (byte) rnd.nextInt(10);
        }
        writePair("train", false, px, lb, count, side);
        writePair("t10k", true, px, lb, count, side);
        Digits plain = Idx.readDirectory(dir, "train");
        Digits zipped = Idx.readDirectory(dir, "test");
        assertArrayEquals(plain.pixels(), zipped.pixels());
        assertArrayEquals(plain.labels(), zipped.labels());
        for (int i = 0; i < px.length; i++) {
            assertEquals((px[i] & 0xff) / 255f, plain.pixels()[i]);
        }
        assertEquals(lb[3], plain.labels()[3]);
    }

    @Test
    void truncatedIdxAndMissingDirectoryAreOneLineErrors() throws IOException {
        byte[] im = idx(new int[] {2, 3, 3}, new byte[18]);
        Files.write(dir.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(im, im.length - 1));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {2}, new byte[2]));
        UserError e = assertThrows(UserError.class, () -> Idx.readDirectory(dir, "train"));
        assertEquals(Problem.IDX_MALFORMED, e.problem());
        assertEquals(Problem.MNIST_MISSING,
                assertThrows(UserError.class, () -> Idx.readDirectory(dir.resolve("nowhere"), "train")).problem());
    }

    @Test
    void downsamplingAveragesBlocks() {
        float[] px = new float[16];
        for (int i = 0; i < 16; i++) {
            px[i] = i / 16f;
        }
        Digits d = new Digits(1, 4, px, new int[] {0}, "test").downsample(2);
        assertEquals(2, d.side());
        assertEquals((0 + 1 + 4 + 5) / 64f, d.pixels()[0], 1e-7);
        assertEquals((10 + 11 + 14 + 15) / 64f, d.pixels()[3], 1e-7);
    }

    @Test
    void denoisingNoiseIsFixedBySeed() {
        Digits d = new Digits(3, 2, new float[] {0, 1, 0, 1, 1, 1, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f},
                new int[] {3, 1, 2}, "test");
        Dataset a = d.denoising(3, 1.25, 9);
        Dataset b = d.denoising(3, 1.25, 9);
        Dataset c = d.denoising(3, 1.25, 10);
        assertArrayEquals(a.inputs(), b.inputs());
        assertNotEquals(a.inputs()[0], c.inputs()[0]);
        // Class-balanced order: labels 1, 2, 3 -> images 1, 2, 0; targets are the clean images.
        assertEquals(1f, a.targets()[0]);
        assertEquals(0.5f, a.targets()[4]);
        assertEquals(0f, a.targets()[8]);
        double sum = 0;
        for (int i = 0; i < a.inputs().length; i++) {
            sum += Math.pow(a.inputs()[i] - a.targets()[i], 2);
        }
        assertTrue(sum > 0);
        assertEquals(9L, a.provenance().get("noise_seed"));
    }

    @Test
    void npmDigitsLoadAndCacheWhenSetUpHasFetchedThem() throws IOException {
        Path source = NpmMnist.defaultDirectory().resolve(NpmMnist.ARCHIVE_NAME);
        Assumptions.assumeTrue(Files.isRegularFile(source), "scripts/setup has not fetched " + source);
        Files.copy(source, dir.resolve(NpmMnist.ARCHIVE_NAME));
        Digits first = NpmMnist.load(dir);
        assertTrue(Files.isRegularFile(dir.resolve(NpmMnist.CACHE_NAME)));
        Digits cached = NpmMnist.load(dir);
        assertEquals(10000, first.count());
        assertEquals(28, first.side());
        assertArrayEquals(first.pixels(), cached.pixels());
        assertArrayEquals(first.labels(), cached.labels());
        int[] perDigit = new int[10];
        for (int l : first.labels()) {
            perDigit[l]++;
        }
        for (int c : perDigit) {
            assertTrue(c > 800 && c < 1200, "digit counts " + java.util.Arrays.toString(perDigit));
        }
    }

    @Test
    void tamperedArchiveFailsTheIntegrityCheck() throws IOException {
        Files.write(dir.resolve(NpmMnist.ARCHIVE_NAME), new byte[] {1, 2, 3});
        UserError e = assertThrows(UserError.class, () -> NpmMnist.load(dir));
        assertEquals(Problem.MNIST_INTEGRITY_FAILED, e.problem());
        assertEquals(Problem.MNIST_MISSING,
                assertThrows(UserError.class, () -> NpmMnist.load(dir.resolve("empty"))).problem());
    }
}
