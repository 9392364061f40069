package org.flatminima.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * File output that never loses what the user already had: every file is written to a temporary
 * sibling and moved into place only once complete, existing outputs are replaced only when the
 * caller was given {@code --force}, and a directory of outputs is swapped in whole. A directory is
 * replaced, even with {@code --force}, only when it is empty or carries the tool's marker
 * ({@link OutputMarker}), or is a report directory of a version before markers (exactly the report
 * files, see {@link OutputMarker#isUnmarkedReport}); a plain file is never replaced by a directory nor a directory by a file.
 */
public final class SafeFiles {
    private SafeFiles() {}

    /** Throws a {@link UserError} if {@code target} exists and {@code force} is false. */
    public static void requireWritable(Path target, boolean force) {
        if (Files.isDirectory(target)) {
            throw new UserError(Problem.OUT_IS_A_DIRECTORY, target);
        }
        if (!force && Files.exists(target)) {
            throw new UserError(Problem.FILE_EXISTS, target);
        }
    }

    /** Writes {@code text} (UTF-8) to {@code target} atomically, creating parent directories. */
    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code target} atomically, creating parent directories. */
    public static void writeBytes(Path target, byte[] bytes) {
        Path parent = absoluteParent(target);
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, bytes);
                makeReadable(tmp);
                moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_WRITE_FAILED, target, e.getMessage());
        }
    }

    /**
     * Fills a fresh staging directory through {@code writer}, then replaces {@code target} with it.
     * The new directory carries the tool's marker ({@link OutputMarker}) naming {@code kind}. If the
     * writer fails, {@code target} is left exactly as it was and the staging directory is removed.
     * {@code target} is replaced only as {@link #requireReplaceableDirectory} allows.
     */
    public static void replaceDirectory(Path target, String kind, boolean force, DirectoryWriter writer) {
        requireReplaceableDirectory(target, force);
        Path parent = absoluteParent(target);
        Path staging = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            cleanStale(parent, target.getFileName().toString(), target);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging." + ownerTag());
            writer.write(staging);
            OutputMarker.write(staging, kind);
            try {
                Files.setPosixFilePermissions(staging,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the platform's defaults apply
            }
            requireReplaceableDirectory(target, force);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old." + ownerTag());
                Files.delete(old);
                Files.move(target, old);
            }
            Files.move(staging, target);
            staging = null;
            if (old != null) {
                deleteTree(old);
                old = null;
            }
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_WRITE_FAILED, target, e.getMessage());
        } finally {
            try {
                if (old != null && !Files.exists(target)) {
                    Files.move(old, target);
                }
                if (staging != null) {
                    deleteTree(staging);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@link #replaceDirectory(Path, String, boolean, DirectoryWriter)} with the kind {@code output}. */
    public static void replaceDirectory(Path target, boolean force, DirectoryWriter writer) {
        replaceDirectory(target, "output", force, writer);
    }

    /**
     * Throws a {@link UserError} unless {@code target} may become an output directory of the tool:
     * it does not exist, or (only with {@code force}) it is an empty directory or one that carries
     * the tool's marker. A plain file, a link, and a directory holding anything the tool did not
     * write are refused even with {@code force}; the message names the path and what is there.
     */
    public static void requireReplaceableDirectory(Path target, boolean force) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError(Problem.OUT_IS_NOT_A_DIRECTORY, target, Files.isSymbolicLink(target)
                    ? "a symbolic link" : "a file");
        }
        if (!force) {
            throw new UserError(Problem.FILE_EXISTS, target);
        }
        if (isEmptyDirectory(target) || OutputMarker.read(target).isPresent() || OutputMarker.isUnmarkedReport(target)) {
            return;
        }
        throw new UserError(Problem.OUT_NOT_OURS, target, describeForeign(target));
    }

    /** True if {@code dir} is a directory with no entries at all. */
    public static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** A short description of what a foreign directory holds, e.g. {@code 3 entries such as thesis.tex}. */
    static String describeForeign(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            String marker = Files.exists(dir.resolve(OutputMarker.FILE_NAME))
                    ? " and a " + OutputMarker.FILE_NAME + " file that is not the tool's marker" : "";
            List<String> shown = names.stream().filter(n -> !n.equals(OutputMarker.FILE_NAME)).limit(3).toList();
            return names.size() + (names.size() == 1 ? " entry" : " entries") + " (" + String.join(", ", shown)
                    + (names.size() > shown.size() + (marker.isEmpty() ? 0 : 1) ? ", ..." : "") + ")" + marker;
        } catch (IOException e) {
            return "entries that cannot be listed (" + e.getMessage() + ")";
        }
    }

    /** The owner part of a staging name: this process's id and start time in epoch milliseconds. */
    static String ownerTag() {
        ProcessHandle me = ProcessHandle.current();
        long start = me.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return me.pid() + "-" + start + "-";
    }

    /**
     * Removes the staging directories ({@code .NAME.staging.PID-START-*}) that a killed run left in
     * {@code parent}, when their owning process is gone; a left-over {@code .NAME.old.*} (the previous
     * output, set aside while swapping) is moved back to {@code target} if that is missing, else removed.
     * Returns the number of directories cleaned.
     */
    public static int cleanStale(Path parent, String name, Path target) {
        int cleaned = 0;
        String stagingPrefix = "." + name + ".staging.";
        String oldPrefix = "." + name + ".old.";
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                boolean staging = f.startsWith(stagingPrefix);
                boolean old = f.startsWith(oldPrefix);
                if (!(staging || old) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String tag = f.substring((staging ? stagingPrefix : oldPrefix).length());
                if (ownerAlive(tag)) {
                    continue;
                }
                if (old && target != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(p, target);
                } else {
                    deleteTree(p);
                }
                cleaned++;
            }
        } catch (IOException e) {
            // cleaning is best effort: a directory we cannot list or remove stays for the user to see
        }
        return cleaned;
    }

    /** Whether the process named by a {@code PID-START-} tag still runs; untagged names count as dead. */
    static boolean ownerAlive(String tag) {
        String[] parts = tag.split("-", 3);
        if (parts.length < 3) {
            return false;
        }
        try {
            long pid = Long.parseLong(parts[0]);
            long start = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(h -> h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L) == start)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Renames a damaged file (a truncated task file or checkpoint) to {@code NAME.broken}, or
     * {@code NAME.broken-2}, ... when that exists, so that it is kept for inspection but no longer
     * read. Returns the new path.
     */
    public static Path setAside(Path file) {
        Path renamed = file.resolveSibling(file.getFileName() + ".broken");
        for (int i = 2; Files.exists(renamed, LinkOption.NOFOLLOW_LINKS); i++) {
            renamed = file.resolveSibling(file.getFileName() + ".broken-" + i);
        }
        try {
            Files.move(file, renamed);
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_WRITE_FAILED, file, e.getMessage());
        }
        return renamed;
    }

    /** Writes a set of files into a directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path directory) throws IOException;
    }

    /** Deletes a file tree if present. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Temporary files are created owner-only; outputs get the usual rw-r--r-- where POSIX permissions exist. */
    private static void makeReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path absoluteParent(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent == null ? target.toAbsolutePath().getRoot() : parent;
    }
}
