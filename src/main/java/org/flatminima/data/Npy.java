package org.flatminima.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Budget;
import org.flatminima.io.SafeFiles;

/**
 * Reads and writes NumPy's {@code .npy} format (versions 1.0 to 3.0). Reading accepts float32,
 * float64 and integer element types in either byte order and C or Fortran order; writing produces
 * version 1.0 little-endian float32 or float64 in C order, which {@code numpy.load} reads.
 * Every defect of a file is a {@link UserError} naming the file.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads the array in {@code file}, after checking its declared shape against its size and the heap. */
    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            byte[] prefix;
            try (InputStream in = Files.newInputStream(file)) {
                prefix = in.readNBytes((int) Math.min(size, MAX_HEADER_BYTES + 12));
            }
            Header h = header(prefix, size, file.toString(), "array");
            requireMemory(file.toString(), size, h);
            if (size > Integer.MAX_VALUE - 8) {
                throw new UserError(Problem.TOO_LARGE, file, Budget.bytes(size), "the 2 GiB one .npy file may have "
                        + "here", "split the array into several files or use a subset");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(Problem.FILE_MISSING, file);
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, file, e.getMessage());
        }
        return parse(bytes, file.toString(), "array");
    }

    /** Reads one array from {@code in} (consumed to its end); {@code where} names it in errors. */
    public static NpyArray read(InputStream in, String where, String name) throws IOException {
        return parse(in.readAllBytes(), where, name);
    }

    /**
     * Reads one archive member of declared (uncompressed) size {@code declared}: the header is read
     * and checked against that size and the heap before the data are inflated, and no more than
     * {@code declared} bytes are ever inflated (a member that inflates past its declared size is refused).
     */
    static NpyArray readMember(InputStream in, long declared, String where, String name) throws IOException {
        if (declared < 0) {
            throw malformed(where, name, "the archive does not declare the member's size");
        }
        byte[] prefix = in.readNBytes((int) Math.min(declared, MAX_HEADER_BYTES + 12));
        Header h = header(prefix, declared, where, name);
        requireMemory(where + " (member " + name + ")", declared, h);
        byte[] bytes = new byte[(int) declared];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        int got = in.readNBytes(bytes, prefix.length, bytes.length - prefix.length);
        if (prefix.length + got != declared) {
            throw malformed(where, name, "member is shorter than its declared " + declared + " bytes");
        }
        if (in.read() != -1) {
            throw malformed(where, name, "member inflates past its declared " + declared + " bytes");
        }
        return parse(bytes, where, name);
    }

    /** Header lengths above this are refused (numpy writes a few hundred bytes). */
    static final int MAX_HEADER_BYTES = 1 << 20;

    /** A parsed header: element type, order, shape, element count and where the data start. */
    private record Header(ElementType type, String descr, boolean fortran, int[] shape, long count, int dataStart) {}

    /** Refuses an array whose file bytes plus its values (twice, for Fortran order) exceed the heap. */
    private static void requireMemory(String where, long fileBytes, Header h) {
        long values = Budget.times(h.count(), h.fortran() ? 16 : 8);
        Budget.requireHeap(where + " (shape " + shapeText(h.shape()) + " of " + h.descr() + ")",
                Budget.plus(fileBytes, values));
    }

    /** Parses the bytes of a {@code .npy} file; {@code where} and {@code name} appear in error messages. */
    public static NpyArray parse(byte[] bytes, String where, String name) {
        Header h = header(bytes, bytes.length, where, name);
        requireMemory(where, 0, h);
        int count = (int) h.count();
        ByteBuffer data = ByteBuffer.wrap(bytes, h.dataStart(), (int) (count * h.type().size)).slice()
                .order(h.type().order);
        double[] values = new double[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = h.type().get(data, i);
        }
        if (h.fortran() && h.shape().length > 1) {
            values = fortranToC(values, h.shape());
        }
        return new NpyArray(h.shape(), h.descr(), values);
    }

    /**
     * Parses the header at the start of {@code bytes} of a file (or member) of {@code total} bytes and
     * checks that its shape accounts for exactly the data that follow.
     */
    private static Header header(byte[] bytes, long total, String where, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw malformed(where, name, "file is too short for a header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw malformed(where, name, "missing the \\x93NUMPY magic string");
            }
        }
        int major = bytes[6] & 0xff;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw malformed(where, name, "file is too short for a header");
            }
            long len = buf.getInt(8) & 0xffffffffL;
            if (len > MAX_HEADER_BYTES) {
                throw malformed(where, name, "header length " + len + " is too large");
            }
            headerLength = (int) len;
            headerStart = 12;
        } else {
            throw malformed(where, name, "unknown format version " + major);
        }
        if ((long) headerStart + headerLength > bytes.length) {
            throw malformed(where, name, "header runs past the end of the file");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            String shown = header.strip();
            throw malformed(where, name, "header lacks descr, fortran_order or shape: "
                    + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown));
        }
        String descr = d.group(1);
        boolean fortran = f.group(1).equals("True");
        int[] shape = parseShape(s.group(1), where, name);
        ElementType type = ElementType.of(descr);
        if (type == null) {
            throw new UserError(Problem.NPY_UNSUPPORTED_TYPE, where, name.equals("array") ? "the array" : "array " + name, descr);
        }
        long count = 1;
        for (int dim : shape) {
            count *= dim;
            if (count > Integer.MAX_VALUE - 8) {
                throw malformed(where, name, "shape " + shapeText(shape) + " has more elements than one array can hold");
            }
        }
        int dataStart = headerStart + headerLength;
        long needed = count * type.size;
        if (total - dataStart != needed) {
            throw malformed(where, name, "shape " + shapeText(shape) + " of " + descr + " needs " + needed
                    + " data bytes, file has " + (total - dataStart));
        }
        return new Header(type, descr, fortran, shape, count, dataStart);
    }

    /** Writes {@code array} to {@code file} atomically as float32 ({@code single}) or float64. */
    public static void write(Path file, NpyArray array, boolean single) {
        SafeFiles.writeBytes(file, bytes(array, single));
    }

    /** The bytes of a version 1.0 {@code .npy} file holding {@code array} as float32 or float64. */
    public static byte[] bytes(NpyArray array, boolean single) {
        String descr = single ? "<f4" : "<f8";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(array.shape()) + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        int size = single ? 4 : 8;
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + array.values().length * size)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : array.values()) {
            if (single) {
                out.putFloat((float) v);
            } else {
                out.putDouble(v);
            }
        }
        return out.array();
    }

    static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static int[] parseShape(String text, String where, String name) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                int v = Integer.parseInt(p);
                if (v < 0) {
                    throw malformed(where, name, "negative dimension in shape (" + text + ")");
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw malformed(where, name, "bad shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] fortranToC(double[] values, int[] shape) {
        int rank = shape.length;
        double[] out = new double[values.length];
        int[] index = new int[rank];
        for (int f = 0; f < values.length; f++) {
            int c = 0;
            for (int k = 0; k < rank; k++) {
                c = c * shape[k] + index[k];
            }
            out[c] = values[f];
            for (int k = 0; k < rank; k++) {
                if (++index[k] < shape[k]) {
                    break;
                }
                index[k] = 0;
            }
        }
        return out;
    }

    private static UserError malformed(String where, String name, String why) {
        return new UserError(Problem.NPY_MALFORMED, where, (name.equals("array") ? "" : name + ": ") + why);
    }

    private enum Kind { FLOAT, SIGNED, UNSIGNED, BOOL }

    private record ElementType(Kind kind, int size, ByteOrder order) {
        static ElementType of(String descr) {
            if (descr.length() < 3) {
                return null;
            }
            char endian = descr.charAt(0);
            ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            if (endian != '<' && endian != '>' && endian != '|' && endian != '=') {
                return null;
            }
            char k = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                return null;
            }
            Kind kind = switch (Character.toLowerCase(k)) {
                case 'f' -> (size == 4 || size == 8) ? Kind.FLOAT : null;
                case 'i' -> (size == 1 || size == 2 || size == 4 || size == 8) ? Kind.SIGNED : null;
                case 'u' -> (size == 1 || size == 2 || size == 4) ? Kind.UNSIGNED : null;
                case 'b' -> size == 1 ? Kind.BOOL : null;
                default -> null;
            };
            return kind == null ? null : new ElementType(kind, size, order);
        }

        double get(ByteBuffer b, int i) {
            int at = i * size;
            return switch (kind) {
                case FLOAT -> size == 4 ? b.getFloat(at) : b.getDouble(at);
                case SIGNED -> switch (size) {
                    case 1 -> b.get(at);
                    case 2 -> b.getShort(at);
                    case 4 -> b.getInt(at);
                    default -> b.getLong(at);
                };
                case UNSIGNED -> switch (size) {
                    case 1 -> b.get(at) & 0xff;
                    case 2 -> b.getShort(at) & 0xffff;
                    default -> b.getInt(at) & 0xffffffffL;
                };
                case BOOL -> b.get(at) != 0 ? 1 : 0;
            };
        }
    }

    /** Reads all of {@code in} (small helper for archive entries). */
    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
