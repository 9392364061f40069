package org.flatminima.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.flatminima.errors.Problem;
import org.flatminima.io.Budget;
import org.flatminima.errors.UserError;
import org.flatminima.io.SafeFiles;

/**
 * Reads and writes NumPy's {@code .npz} archives (a zip of {@code NAME.npy} entries, stored or
 * deflated, as {@code numpy.savez} and {@code numpy.savez_compressed} write them).
 */
public final class Npz {
    /** Deflate expands at most about 1032 to 1; a member claiming more is malformed. */
    static final long MAX_DEFLATE_RATIO = 1100;

    private Npz() {}

    /** Reads every array in {@code file}, keyed by name (without {@code .npy}), in archive order. */
    public static Map<String, NpyArray> read(Path file) {
        if (!Files.exists(file)) {
            throw new UserError(Problem.FILE_MISSING, file);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw new UserError(Problem.NPY_MALFORMED, file, "entry " + name + " is not a .npy array");
                }
                String key = name.substring(0, name.length() - 4);
                long declared = e.getSize();
                long compressed = e.getCompressedSize();
                if (declared > Integer.MAX_VALUE - 8) {
                    throw new UserError(Problem.TOO_LARGE, file + " (member " + name + ")", Budget.bytes(declared),
                            "what one array can hold (2 GiB)", "split the array");
                }
                if (e.getMethod() == ZipEntry.DEFLATED && compressed >= 0 && declared > Budget.times(compressed,
                        MAX_DEFLATE_RATIO)) {
                    throw new UserError(Problem.NPY_MALFORMED, file, "member " + name + " declares " + declared
                            + " bytes from " + compressed + " compressed bytes, more than deflate can produce");
                }
                try (InputStream in = zip.getInputStream(e)) {
                    arrays.put(key, Npy.readMember(in, declared, file.toString(), key));
                }
            }
        } catch (ZipException e) {
            throw new UserError(e, Problem.NPY_MALFORMED, file, "not a zip archive: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, file, e.getMessage());
        }
        if (arrays.isEmpty()) {
            throw new UserError(Problem.NPY_MALFORMED, file, "the archive holds no arrays");
        }
        return arrays;
    }

    /** The array {@code name} of {@code arrays} read from {@code file}, or a one-line error naming what was found. */
    public static NpyArray require(Map<String, NpyArray> arrays, String name, Path file) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            throw new UserError(Problem.NPZ_ARRAY_MISSING, file, name, String.join(", ", arrays.keySet()));
        }
        return a;
    }

    /**
     * Writes {@code arrays} to {@code file} atomically as an uncompressed archive of float32
     * ({@code single}) or float64 arrays.
     */
    public static void write(Path file, Map<String, NpyArray> arrays, boolean single) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setMethod(ZipOutputStream.STORED);
            List<String> names = new ArrayList<>(arrays.keySet());
            for (String name : names) {
                byte[] data = Npy.bytes(arrays.get(name), single);
                ZipEntry e = new ZipEntry(name + ".npy");
                CRC32 crc = new CRC32();
                crc.update(data);
                e.setMethod(ZipEntry.STORED);
                e.setSize(data.length);
                e.setCompressedSize(data.length);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_WRITE_FAILED, file, e.getMessage());
        }
        SafeFiles.writeBytes(file, bytes.toByteArray());
    }
}
