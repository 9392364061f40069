package org.flatminima.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * File output that never loses what the user already had: every file is written to a temporary
 * sibling and moved into place only once complete, existing outputs are replaced only when the
 * caller was given {@code --force}, and a directory of outputs is swapped in whole.
 */
public final class SafeFiles {
    private SafeFiles() {}

    /** Throws a {@link UserError} if {@code target} exists and {@code force} is false. */
    public static void requireWritable(Path target, boolean force) {
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
     * If the writer fails, {@code target} is left exactly as it was and the staging directory is
     * removed. With {@code force} false an existing {@code target} is an error before anything runs.
     */
    public static void replaceDirectory(Path target, boolean force, DirectoryWriter writer) {
        requireWritable(target, force);
        Path parent = absoluteParent(target);
        Path staging = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging.");
            writer.write(staging);
            try {
                Files.setPosixFilePermissions(staging,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the platform's defaults apply
            }
            if (Files.exists(target)) {
                old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old.");
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
