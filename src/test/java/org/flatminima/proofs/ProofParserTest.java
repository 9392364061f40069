package org.flatminima.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class ProofParserTest extends QuietTest {
    private static final Path P = Path.of("example.md");

    @Test
    void parsesStepsAndTheThreeKindsOfObligation() {
        ProofFile f = ProofParser.parse(P, List.of(
                "# Example", "", "Prose.", "",
                "1. First step.",
                "   - obligation: symbolic hessian-structure dims=2,2,2 sigma=symbolic",
                "   - obligation: checked theorem-1 instances=7 seed=42",
                "2. Second step.",
                "   - obligation: argument because the appendix says so"));
        assertEquals("Example", f.title());
        assertEquals(2, f.steps().size());
        Obligation.Symbolic s = assertInstanceOf(Obligation.Symbolic.class, f.steps().get(0).obligations().get(0));
        assertEquals("hessian-structure", s.identity());
        assertEquals("2,2,2", s.parameters().get("dims"));
        Obligation.Checked c = assertInstanceOf(Obligation.Checked.class, f.steps().get(0).obligations().get(1));
        assertEquals("theorem-1", c.claimId());
        assertEquals(7, c.instances());
        assertEquals(42L, c.seed());
        assertInstanceOf(Obligation.Argument.class, f.steps().get(1).obligations().get(0));
    }

    @Test
    void malformedFilesAreOneLineErrorsWithFileAndLine() {
        UserError noObligation = assertThrows(UserError.class, () -> ProofParser.parse(P, List.of(
                "# T", "1. Step without obligation.", "2. Next.", "   - obligation: argument x")));
        assertEquals(Problem.PROOF_MALFORMED, noObligation.problem());
        assertTrue(noObligation.getMessage().startsWith("example.md:2:"), noObligation.getMessage());
        UserError unknown = assertThrows(UserError.class, () -> ProofParser.parse(P, List.of(
                "# T", "1. Step.", "   - obligation: symbolic no-such-identity")));
        assertTrue(unknown.getMessage().contains("unknown identity"), unknown.getMessage());
        UserError badParam = assertThrows(UserError.class, () -> ProofParser.parse(P, List.of(
                "# T", "1. Step.", "   - obligation: symbolic telescoping q=3")));
        assertTrue(badParam.getMessage().contains("no parameter"), badParam.getMessage());
        UserError numbering = assertThrows(UserError.class, () -> ProofParser.parse(P, List.of(
                "# T", "1. Step.", "   - obligation: argument x", "3. Step.", "   - obligation: argument y")));
        assertTrue(numbering.getMessage().contains("follows step 1"), numbering.getMessage());
        assertThrows(UserError.class, () -> ProofParser.parse(P, List.of(
                "# T", "1. Step.", "   - obligation: guessed x")));
    }

    @Test
    void everyCommittedProofFileParsesAndCoversEveryNumberedResult() throws Exception {
        Path dir = Path.of("proofs");
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
        }
        for (String expected : List.of("lemma-1.md", "lemma-2.md", "lemma-3.md", "lemma-4.md", "theorem-1.md",
                "theorem-2.md", "theorem-3.md", "theorem-4.md", "scalar-networks.md")) {
            assertTrue(names.contains(expected), expected + " missing from proofs/");
        }
        RegistryCheckedObligationRunner checker = new RegistryCheckedObligationRunner();
        for (String n : names) {
            ProofFile f = ProofParser.parse(dir.resolve(n));
            assertTrue(f.steps().size() >= 2, n);
            for (ProofStep step : f.steps()) {
                for (Obligation o : step.obligations()) {
                    if (o instanceof Obligation.Checked c) {
                        assertTrue(checker.knows(c.claimId()), n + " step " + step.number() + ": unknown claim " + c.claimId());
                    }
                }
            }
        }
        assertTrue(!checker.knows("theorem-1"), "a negative control: an id the checker does not have");
    }
}
