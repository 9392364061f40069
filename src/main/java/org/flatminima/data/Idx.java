package org.flatminima.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * Reads the IDX files of the MNIST distribution ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte} and the test pair), plain or gzipped (detected by content).
 */
public final class Idx {
    private Idx() {}

    /** An IDX array of unsigned bytes: its dimensions and its values in row-major order. */
    public record UnsignedBytes(int[] dims, byte[] values) {}

    /** Reads an unsigned-byte IDX file, decompressing it first if it is gzipped. */
    public static UnsignedBytes read(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(Problem.FILE_MISSING, file);
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, file, e.getMessage());
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            } catch (IOException e) {
                throw new UserError(e, Problem.IDX_MALFORMED, file, "corrupt gzip stream: " + e.getMessage());
            }
        }
        return parse(raw, file.toString());
    }

    static UnsignedBytes parse(byte[] raw, String where) {
        if (raw.length < 4 || raw[0] != 0 || raw[1] != 0) {
            throw new UserError(Problem.IDX_MALFORMED, where, "missing the IDX magic number");
        }
        if ((raw[2] & 0xff) != 0x08) {
            throw new UserError(Problem.IDX_MALFORMED, where,
                    String.format("element type 0x%02x is not unsigned byte (0x08)", raw[2] & 0xff));
        }
        int rank = raw[3] & 0xff;
        if (rank < 1 || raw.length < 4 + 4 * rank) {
            throw new UserError(Problem.IDX_MALFORMED, where, "header is truncated or has rank " + rank);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = b.getInt(4 + 4 * i);
            if (dims[i] < 0) {
                throw new UserError(Problem.IDX_MALFORMED, where, "negative dimension " + dims[i]);
            }
            count *= dims[i];
        }
        int start = 4 + 4 * rank;
        if (raw.length - start != count) {
            throw new UserError(Problem.IDX_MALFORMED, where, "header promises " + count + " bytes of data, file has "
                    + (raw.length - start));
        }
        byte[] values = new byte[(int) count];
        System.arraycopy(raw, start, values, 0, values.length);
        return new UnsignedBytes(dims, values);
    }

    /**
     * Reads an MNIST image file and its label file into {@link Digits} (pixels divided by 255).
     * The images must be square and as many as the labels.
     */
    public static Digits readDigits(Path images, Path labels) {
        UnsignedBytes im = read(images);
        UnsignedBytes lb = read(labels);
        if (im.dims().length != 3 || im.dims()[1] != im.dims()[2]) {
            throw new UserError(Problem.IDX_MALFORMED, images, "expected count x side x side images, got "
                    + java.util.Arrays.toString(im.dims()));
        }
        if (lb.dims().length != 1 || lb.dims()[0] != im.dims()[0]) {
            throw new UserError(Problem.IDX_MALFORMED, labels, "expected " + im.dims()[0] + " labels, got dimensions "
                    + java.util.Arrays.toString(lb.dims()));
        }
        float[] px = new float[im.values().length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (im.values()[i] & 0xff) / 255f;
        }
        int[] l = new int[lb.values().length];
        for (int i = 0; i < l.length; i++) {
            l[i] = lb.values()[i] & 0xff;
            if (l[i] > 9) {
                throw new UserError(Problem.IDX_MALFORMED, labels, "label " + l[i] + " at index " + i + " is not a digit");
            }
        }
        return new Digits(im.dims()[0], im.dims()[1], px, l, "IDX " + images.getFileName());
    }

    /**
     * Finds and reads the {@code split} ("train" or "t10k"/"test") pair in {@code dir}, accepting
     * the names {@code train-images-idx3-ubyte} and {@code train-images.idx3-ubyte}, each optionally
     * with {@code .gz}.
     */
    public static Digits readDirectory(Path dir, String split) {
        String prefix = split.equals("test") ? "t10k" : split;
        Path images = find(dir, prefix + "-images", "idx3-ubyte");
        Path labels = find(dir, prefix + "-labels", "idx1-ubyte");
        return readDigits(images, labels);
    }

    private static Path find(Path dir, String stem, String suffix) {
        for (String sep : new String[] {"-", "."}) {
            for (String gz : new String[] {"", ".gz"}) {
                Path p = dir.resolve(stem + sep + suffix + gz);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new UserError(Problem.MNIST_MISSING, dir.resolve(stem + "-" + suffix + "[.gz]"));
    }
}
