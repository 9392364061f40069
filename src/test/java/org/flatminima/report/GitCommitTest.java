package org.flatminima.report;

import org.flatminima.results.GitCommit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest extends QuietTest {
    private static final String A = "1111111111111111111111111111111111111111";
    private static final String B = "2222222222222222222222222222222222222222";

    @TempDir
    Path dir;

    @Test
    void followsHeadToALooseRef() throws IOException {
        Path git = Files.createDirectories(dir.resolve("repo/.git/refs/heads"));
        Files.writeString(dir.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), A + "\n");
        Path sub = Files.createDirectories(dir.resolve("repo/src/main"));
        assertEquals(Optional.of(A), GitCommit.find(sub));
    }

    @Test
    void followsHeadToAPackedRef() throws IOException {
        Files.createDirectories(dir.resolve("repo/.git"));
        Files.writeString(dir.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve("repo/.git/packed-refs"),
                "# pack-refs with: peeled\n" + B + " refs/heads/other\n" + A + " refs/heads/main\n");
        assertEquals(Optional.of(A), GitCommit.find(dir.resolve("repo")));
    }

    @Test
    void readsADetachedHeadAndALinkedWorktree() throws IOException {
        Path common = Files.createDirectories(dir.resolve("main/.git"));
        Path wtGit = Files.createDirectories(common.resolve("worktrees/feature"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Files.createDirectories(common.resolve("refs/heads"));
        Files.writeString(common.resolve("refs/heads/feature"), B + "\n");
        Path wt = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertEquals(Optional.of(B), GitCommit.find(wt));

        Files.writeString(wtGit.resolve("HEAD"), A + "\n");
        assertEquals(Optional.of(A), GitCommit.find(wt));
    }

    @Test
    void noCheckoutMeansNoCommit() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        // The temporary directory may itself sit inside a checkout; only assert on a broken one.
        Files.writeString(plain.resolve(".git"), "not a gitdir line\n");
        assertEquals(Optional.empty(), GitCommit.find(plain));
    }
}
