package org.flatminima.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest extends QuietTest {
    @TempDir
    Path dir;

    @Test
    void float64RoundTripIsExact() {
        Property.forAll("npy float64 round trip", 20, 601L, rnd -> {
            int r = 1 + rnd.nextInt(6);
            int c = 1 + rnd.nextInt(6);
            double[] v = new double[r * c];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-30, 30));
            }
            NpyArray a = NpyArray.matrix(r, c, v);
            NpyArray back = Npy.parse(Npy.bytes(a, false), "mem", "array");
            assertEquals(a, back);
        });
    }

    @Test
    void float32RoundTripRoundsToFloat() {
        double[] v = {0.1, -2.5, 1e-3, 3.0};
        NpyArray back = Npy.parse(Npy.bytes(NpyArray.matrix(2, 2, v), true), "mem", "array");
        assertEquals("<f4", back.descr());
        for (int i = 0; i < v.length; i++) {
            assertEquals((double) (float) v[i], back.values()[i]);
        }
    }

    @Test
    void headerIsAlignedToSixtyFourBytes() {
        byte[] b = Npy.bytes(NpyArray.matrix(3, 5, new double[15]), false);
        int headerLength = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(8);
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals('\n', b[10 + headerLength - 1]);
    }

    @Test
    void fortranOrderIsTransposedIntoRowMajor() {
        // A 2x3 matrix [[1,2,3],[4,5,6]] stored column by column, big-endian int32.
        String dict = "{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }";
        byte[] header = (dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + 24);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length).put(header).order(ByteOrder.BIG_ENDIAN);
        for (int v : new int[] {1, 4, 2, 5, 3, 6}) {
            b.putInt(v);
        }
        NpyArray a = Npy.parse(b.array(), "mem", "array");
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.values());
    }

    @Test
    void npzRoundTripKeepsNamesAndValues() {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("W1", NpyArray.matrix(2, 3, new double[] {1, 2, 3, 4, 5, 6}));
        m.put("b1", new NpyArray(new int[] {2}, "<f8", new double[] {-1, 0.5}));
        Path f = dir.resolve("w.npz");
        Npz.write(f, m, false);
        Map<String, NpyArray> back = Npz.read(f);
        assertEquals(m, back);
    }

    @Test
    void truncatedDataIsAOneLineError() throws Exception {
        byte[] good = Npy.bytes(NpyArray.matrix(4, 4, new double[16]), false);
        Path f = dir.resolve("bad.npy");
        Files.write(f, java.util.Arrays.copyOf(good, good.length - 3));
        UserError e = assertThrows(UserError.class, () -> Npy.read(f));
        assertEquals(Problem.NPY_MALFORMED, e.problem());
        assertTrue(e.getMessage().contains("bad.npy") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void wrongMagicAndUnsupportedTypeAreRejected() throws Exception {
        Path f = dir.resolve("text.npy");
        Files.writeString(f, "this is not numpy data at all");
        assertEquals(Problem.NPY_MALFORMED, assertThrows(UserError.class, () -> Npy.read(f)).problem());
        byte[] complex = Npy.bytes(NpyArray.matrix(1, 1, new double[1]), false);
        String s = new String(complex, StandardCharsets.ISO_8859_1).replace("<f8", "<c8");
        UserError e = assertThrows(UserError.class,
                () -> Npy.parse(s.getBytes(StandardCharsets.ISO_8859_1), "mem", "array"));
        assertEquals(Problem.NPY_UNSUPPORTED_TYPE, e.problem());
    }

    @Test
    void npzThatIsNotAZipIsRejected() throws Exception {
        Path f = dir.resolve("w.npz");
        Files.writeString(f, "garbage");
        assertEquals(Problem.NPY_MALFORMED, assertThrows(UserError.class, () -> Npz.read(f)).problem());
        assertEquals(Problem.FILE_MISSING,
                assertThrows(UserError.class, () -> Npz.read(dir.resolve("none.npz"))).problem());
    }
}
