package org.flatminima.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

class TexPrinterTest extends QuietTest {
    private static String tex(String symja) {
        return TexPrinter.tex(SymjaEngine.instance().eval(symja));
    }

    @Test
    void productsAreImplicitAndPowersOfIndexedSymbolsReadNaturally() {
        assertEquals("2\\sigma_x^{2} w_{1} w_{2}^{2}", tex("2*sigma$^2*w$1*w$2^2"));
        assertEquals("2\\sigma_x^{2} w_{1} w_{2}^{2} - 2\\sigma_x^{2} \\tau w_{2}",
                tex("-2*sigma$^2*tau$*w$2 + 2*sigma$^2*w$1*w$2^2"));
        assertEquals("(w^{(1)}_{11})^{2} - T_{12}", tex("w1$1$1^2 - t$1$2"));
    }

    @Test
    void negativePowersAreFractionsAndRationalPowersAreRoots() {
        assertEquals("\\frac{1}{w_{1}^{2}} + \\frac{1}{w_{2}^{2}}", tex("w$1^(-2) + w$2^(-2)"));
        assertEquals("\\frac{2\\tau^{2}}{w_{1} w_{2}}", tex("2*tau$^2/(w$1*w$2)"));
        assertEquals("\\frac{3}{4}\\,w_{1}", tex("3/4*w$1"));
        assertEquals("\\lvert \\tau \\rvert^{4/3}", tex("Abs(tau$)^(4/3)"));
        assertEquals("\\sqrt{\\lvert \\tau \\rvert}", tex("Abs(tau$)^(1/2)"));
        assertEquals("12 \\cdot 2^{1/3}", tex("6*Abs(-2)^(4/3)"));
        assertEquals("2\\sigma_x^{2} \\left(w_{1}^{2} + w_{2}^{2}\\right)", tex("2*sigma$^2*(w$1^2 + w$2^2)"));
    }

    @Test
    void contentIsTakenOutWithoutFactor() {
        SymjaEngine e = SymjaEngine.instance();
        IExpr x = e.eval("-2*sigma$^2*tau$*w$2 + 2*sigma$^2*w$1*w$2^2");
        IExpr c = Content.factorOut(x);
        assertEquals("2\\sigma_x^{2} w_{2} \\left(w_{1} w_{2} - \\tau\\right)", TexPrinter.tex(c));
        assertTrue(e.expand(F.Subtract(x, c)).isZero());
        IExpr product = e.eval("Expand(2*(r$1$1^2 + r$1$2^2)*(w$1^2 + w$2^2))");
        IExpr split = Content.separate(product, s -> s.toString().startsWith("r"));
        assertEquals("2\\left(r_{11}^{2} + r_{12}^{2}\\right) \\left(w_{1}^{2} + w_{2}^{2}\\right)", TexPrinter.tex(split));
        assertTrue(e.expand(F.Subtract(product, split)).isZero());
        // Negative control: a sum that is not such a product is left alone (content taken out only).
        IExpr notProduct = e.eval("Expand(2*(r$1$1^2 + r$1$2^2)*(w$1^2 + w$2^2) + 2*r$1$1^2*w$1^2)");
        assertEquals(Content.factorOut(notProduct), Content.separate(notProduct, s -> s.toString().startsWith("r")));
        IExpr none = e.eval("w$1 + 2*w$2");
        assertTrue(Content.factorOut(none) == none, "no content: unchanged");
    }

    @Test
    void longSumsAreSplitIntoLinesThatFitTheBudget() {
        StringBuilder s = new StringBuilder("0");
        for (int i = 1; i <= 30; i++) {
            s.append(" - ").append(i).append("*w$").append(i).append("^2");
        }
        List<String> lines = TexPrinter.lines(SymjaEngine.instance().eval(s.toString()), TexPrinter.PAGE);
        assertTrue(lines.size() > 3, lines.toString());
        for (String line : lines) {
            assertTrue(TexPrinter.width(line) <= TexPrinter.PAGE, line);
        }
        assertTrue(lines.get(1).startsWith("- "), lines.get(1));
        assertEquals(String.join(" ", lines).replace("  ", " "), tex(s.toString()).replace("  ", " "));
    }
}
