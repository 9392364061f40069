package org.flatminima.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the commit checked out in a git working tree by reading {@code .git} directly (no git
 * process): follows {@code HEAD} to its ref, loose or packed, and handles linked worktrees whose
 * {@code .git} is a file pointing elsewhere.
 */
public final class GitCommit {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    private GitCommit() {}

    /** The commit checked out in {@code dir} or its nearest enclosing working tree, if any. */
    public static Optional<String> find(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return resolve(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String text = read(dotGit);
                    if (!text.startsWith("gitdir:")) {
                        return Optional.empty();
                    }
                    Path gitDir = d.resolve(text.substring("gitdir:".length()).trim()).normalize();
                    Path common = gitDir;
                    Path commonFile = gitDir.resolve("commondir");
                    if (Files.isRegularFile(commonFile)) {
                        common = gitDir.resolve(read(commonFile)).normalize();
                    }
                    return resolve(gitDir, common);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> resolve(Path gitDir, Path commonDir) throws IOException {
        String head = read(gitDir.resolve("HEAD"));
        if (SHA.matcher(head).matches()) {
            return Optional.of(head);
        }
        if (!head.startsWith("ref:")) {
            return Optional.empty();
        }
        String ref = head.substring(4).trim();
        for (Path base : new Path[] {gitDir, commonDir}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String sha = read(loose);
                return SHA.matcher(sha).matches() ? Optional.of(sha) : Optional.empty();
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[1].equals(ref) && SHA.matcher(parts[0]).matches()) {
                    return Optional.of(parts[0]);
                }
            }
        }
        return Optional.empty();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8).trim();
    }
}
