package org.flatminima.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

class DerivationDocumentTest extends QuietTest {
    private static DerivationDocument scalar(int m) {
        int[] dims = new int[m + 1];
        java.util.Arrays.fill(dims, 1);
        return new DerivationDocument(HessianDerivation.derive(new SymbolicNetwork(dims,
                SymbolicNetwork.SigmaKind.SYMBOLIC, null, SymbolicNetwork.TargetKind.SYMBOLIC, null)), "test");
    }

    @Test
    void scalarSharpnessIsShownCancelledAndEquationThirteenUsesTheAbsoluteValue() {
        String md = scalar(2).markdown();
        assertTrue(md.contains("&= 2\\sigma_x^{2} \\left(w_{1}^{2} + w_{2}^{2}\\right)"), md);
        assertTrue(md.contains("= 4\\sigma_x^{2} \\lvert \\tau \\rvert"), md);
        assertFalse(md.contains("\\cdot {"), "no Symja TeXForm products");
        assertFalse(md.contains(" 1 entries"), md);
        String m3 = scalar(3).markdown();
        assertTrue(m3.contains("= 6\\sigma_x^{2} \\lvert \\tau \\rvert^{4/3}"), m3);
        // Check yourself at w = (1, 2, -1), sigma_x = 1: tau = -2, lambda = 2 * 4 * (1 + 1/4 + 1) = 18.
        assertTrue(m3.contains("\\lambda_{\\max}(H) = 18"), m3);
    }

    @Test
    void everySimplifiedFormIsProvedEqualAndAWrongOneIsRefuted() {
        DerivationDocument doc = new DerivationDocument(HessianDerivation.derive(new SymbolicNetwork(new int[] {2, 2, 2},
                SymbolicNetwork.SigmaKind.SYMBOLIC, null, SymbolicNetwork.TargetKind.SYMBOLIC, null)), "test");
        assertTrue(doc.simplificationChecks().size() >= 3, doc.simplificationChecks().toString());
        for (IdentityResult r : doc.simplificationChecks()) {
            assertTrue(r.proved(), r.summary());
        }
        // Negative control: the same test refutes a simplified form with a wrong coefficient.
        SymjaEngine e = SymjaEngine.instance();
        IExpr raw = scalarSharpness();
        IdentityResult wrong = IdentityCheck.decideEqual("wrong", "a wrong cancelled form", raw,
                e.eval("2*sigma$^2*(w$1^2 + 2*w$2^2)"));
        assertEquals(IdentityResult.Status.REFUTED, wrong.status(), wrong.summary());
    }

    private static IExpr scalarSharpness() {
        return HessianDerivation.derive(new SymbolicNetwork(new int[] {1, 1, 1}, SymbolicNetwork.SigmaKind.SYMBOLIC,
                null, SymbolicNetwork.TargetKind.SYMBOLIC, null)).scalar().sharpness();
    }

    @Test
    void noDisplayedLineIsWiderThanThePage() {
        DerivationDocument doc = new DerivationDocument(HessianDerivation.derive(new SymbolicNetwork(new int[] {2, 2, 2},
                SymbolicNetwork.SigmaKind.SYMBOLIC, null, SymbolicNetwork.TargetKind.SYMBOLIC, null)), "test");
        int displays = 0;
        for (DerivationDocument.Block b : doc.blocks()) {
            if (b instanceof DerivationDocument.Display x) {
                displays++;
                for (String row : x.rows()) {
                    assertTrue(TexPrinter.width(row) <= TexPrinter.PAGE + 8, TexPrinter.width(row) + ": " + row);
                }
            }
        }
        assertTrue(displays > 10);
    }

    @Test
    void htmlPageInlinesKatexAndMarksEveryFormula() throws Exception {
        java.nio.file.Path archive = KatexPage.defaultArchive();
        assumeTrue(Files.isRegularFile(archive), "KaTeX archive not fetched (scripts/setup)");
        String html = scalar(2).html(KatexPage.load(archive));
        assertTrue(html.contains("data:font/woff2;base64,"), "fonts inlined");
        assertFalse(html.contains("url(fonts/"), "no font fetched from disk or network");
        assertTrue(html.contains("katex.render("));
        assertTrue(html.contains("class=\"display\" data-tex=\"\\begin{aligned}"), "aligned displays");
    }
}
