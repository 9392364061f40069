package org.flatminima.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One of each kind of identity in the default suite; larger sizes are tagged slow. */
class IdentitiesTest extends QuietTest {
    private static void assertProved(List<IdentityResult> results) {
        assertFalse(results.isEmpty());
        for (IdentityResult r : results) {
            assertEquals(IdentityResult.Status.PROVED, r.status(), r.summary());
            assertTrue(r.entries() > 0);
        }
    }

    private static IdentityResult only(String name, Map<String, String> p) {
        List<IdentityResult> rs = Identities.run(name, p);
        assertEquals(1, rs.size());
        return rs.get(0);
    }

    @Test
    void scalarHessianIsRankOneOnTheMinima() {
        assertProved(Identities.run("scalar-hessian", Map.of("m", "4")));
        assertProved(Identities.run("scalar-top-eigenvalue", Map.of("m", "4")));
    }

    @Test
    void lagrangeConditionsForceEqualMagnitudesAndFlattestSharpnessIsEquationThirteen() {
        assertProved(Identities.run("scalar-lagrange", Map.of("m", "4")));
        assertProved(Identities.run("scalar-flattest-sharpness", Map.of("m", "4")));
    }

    @Test
    void twoLayerInterpolationPlotIsSymmetric() {
        assertProved(Identities.run("lemma2-interpolation", Map.of()));
    }

    @Test
    void hessianStructureHoldsWithSymbolicSigmaHalf() {
        assertProved(Identities.run("hessian-structure", Map.of("dims", "2,3,2", "sigma", "symbolic")));
    }

    @Test
    void phiNormAndTelescopingHold() {
        assertProved(Identities.run("phi-norm", Map.of("dims", "2,3,2")));
        assertProved(Identities.run("telescoping", Map.of("m", "2", "full", "true")));
        assertProved(Identities.run("telescoping", Map.of("m", "3")));
    }

    @Test
    void diagonalSolutionAttainsTheBound() {
        assertProved(Identities.run("diagonal-solution", Map.of("m", "3", "d", "2")));
        assertProved(Identities.run("diagonal-gains", Map.of("m", "3", "d", "2")));
    }

    @Test
    void gradientFlowConservesBalance() {
        assertProved(Identities.run("balancedness", Map.of("dims", "2,3,2")));
        assertProved(Identities.run("identity-init", Map.of("m", "2", "d", "2")));
    }

    // ---- negative controls ------------------------------------------------------------------

    @Test
    void hessianFactorOneIsRefutedWithItsResidual() {
        IdentityResult r = only("hessian-structure", Map.of("dims", "2,2,2", "factor", "1"));
        assertEquals(IdentityResult.Status.REFUTED, r.status(), r.summary());
        assertFalse(r.residual().isEmpty());
        assertTrue(r.witness().contains("value"), r.witness());
        assertTrue(r.summary().contains("residual"), r.summary());
    }

    @Test
    void swappedKroneckerFactorsAreRefuted() {
        IdentityResult r = only("hessian-structure", Map.of("dims", "2,2,2", "swap", "true"));
        assertEquals(IdentityResult.Status.REFUTED, r.status(), r.summary());
        assertFalse(r.residual().isEmpty());
    }

    @Test
    void aFalseScalarIdentityIsRefutedAndATrueOneProved() {
        SymjaEngine e = SymjaEngine.instance();
        IdentityResult wrong = IdentityCheck.decideEqual("square", "(x+y)^2 = x^2 + y^2",
                e.eval("(x$+y$)^2"), e.eval("x$^2+y$^2"));
        assertEquals(IdentityResult.Status.REFUTED, wrong.status());
        assertTrue(wrong.residual().contains("x*y"), wrong.residual());
        IdentityResult right = IdentityCheck.decideEqual("square", "(x+y)^2 = x^2 + 2xy + y^2",
                e.eval("(x$+y$)^2"), e.eval("x$^2+2*x$*y$+y$^2"));
        assertEquals(IdentityResult.Status.PROVED, right.status());
        IdentityResult rational = IdentityCheck.decideEqual("fractions", "1/x + 1/y = (x+y)/(x y)",
                e.eval("1/x$+1/y$"), e.eval("(x$+y$)/(x$*y$)"));
        assertEquals(IdentityResult.Status.PROVED, rational.status());
    }

    @Test
    void nonnegativityCertificateRejectsANegativeCoefficient() {
        SymjaEngine e = SymjaEngine.instance();
        assertEquals(IdentityResult.Status.PROVED, IdentityCheck.decideNonnegative("pos", "", List.of(
                e.eval("(1+s$)^3 - 1")), List.of("p")).status());
        assertEquals(IdentityResult.Status.UNDECIDED, IdentityCheck.decideNonnegative("neg", "", List.of(
                e.eval("1 - s$")), List.of("p")).status());
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Identities.run("no-such", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Identities.run("telescoping", Map.of("k", "3")));
        assertThrows(IllegalArgumentException.class, () -> Identities.run("hessian-structure", Map.of("dims", "5,5,5")));
    }

    // ---- the larger sizes (slow) ----------------------------------------------------------------

    @Test
    @Tag("slow")
    void lemmaThreeForEveryNamedDimsVector() {
        for (String dims : List.of("2,2,2", "2,3,2", "3,2,3", "2,2,2,2", "1,3,1", "3,3,3", "2,3,3,2", "2,2,2,2,2")) {
            assertProved(Identities.run("hessian-structure", Map.of("dims", dims)));
        }
        assertProved(Identities.run("hessian-structure", Map.of("dims", "2,2,2,2", "sigma", "symbolic")));
    }

    @Test
    @Tag("slow")
    void telescopingAndDiagonalSolutionUpToFourLayers() {
        assertProved(Identities.run("telescoping", Map.of("m", "4")));
        assertProved(Identities.run("telescoping", Map.of("m", "3", "full", "true")));
        assertProved(Identities.run("telescoping", Map.of("m", "4", "full", "true")));
        assertProved(Identities.run("diagonal-solution", Map.of("m", "4", "d", "2")));
        assertProved(Identities.run("diagonal-solution", Map.of("m", "3", "d", "3")));
        for (int m = 2; m <= 6; m++) {
            assertProved(Identities.run("scalar-lagrange", Map.of("m", Integer.toString(m))));
        }
    }
}
