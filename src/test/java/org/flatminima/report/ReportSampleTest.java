package org.flatminima.report;

import org.flatminima.results.ResultsIO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * The committed sample results file (used by {@code .ci/screenshot-report} and the README) is
 * exactly what {@link ResultsFixtures#sample()} generates, and it validates. Regenerate it with
 * {@code mvn test -Dtest=ReportSampleTest -Dflatminima.regenerate=true}.
 */
class ReportSampleTest extends QuietTest {
    static final Path SAMPLE = Path.of("src/test/resources/org/flatminima/report/sample-results.json");

    @Test
    void committedSampleIsRegeneratedAndValid() throws IOException {
        String expected = ResultsIO.toJson(ResultsFixtures.sample());
        if (Boolean.getBoolean("flatminima.regenerate")) {
            Files.createDirectories(SAMPLE.getParent());
            Files.writeString(SAMPLE, expected);
        }
        assertEquals(expected, Files.readString(SAMPLE));
        assertEquals(ResultsFixtures.sample(), ResultsIO.read(SAMPLE));
    }
}
