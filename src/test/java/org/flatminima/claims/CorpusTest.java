package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import org.flatminima.results.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flatminima.cases.CaseFile;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** Replays every case of the regression corpus and requires the verdict recorded with it. */
class CorpusTest extends QuietTest {
    static final Path CORPUS = Path.of("test-cases", "corpus");

    @Test
    void everyCorpusCaseKeepsItsRecordedVerdict() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "empty corpus");
        ClaimRegistry reg = ClaimRegistry.standard();
        int controls = 0;
        for (Path f : files) {
            CaseFile.Case c = CaseFile.read(f);
            String claim = c.metadata().get("claim").asText();
            Verdict expect = Verdict.valueOf(c.metadata().get("expect").asText());
            Claim cl = reg.get(claim);
            Outcome o = cl.decide(new Instance("corpus", 0, c.network()), CheckSettings.DEFAULT);
            assertEquals(expect, o.verdict(), f + ": " + o.method());
            if (cl.kind() == ClaimKind.CONTROL) {
                controls++;
                assertEquals(Verdict.REFUTED, o.verdict(), f + " is a control case that is not refuted");
            } else {
                assertTrue(o.verdict() != Verdict.REFUTED, f + " records a refutation of the paper");
            }
        }
        assertTrue(controls > 0, "the corpus holds no control cases");
    }
}
