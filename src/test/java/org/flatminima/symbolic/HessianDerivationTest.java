package org.flatminima.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class HessianDerivationTest extends QuietTest {
    @Test
    void hessianOnMinimaEqualsTwoPhiPhiTransposeForThreeLayerTwoByTwo() {
        HessianDerivation d = HessianDerivation.derive(SymbolicNetwork.white(2, 2, 2, 2));
        assertTrue(d.structure().proved(), d.structure().summary());
        assertEquals(12, d.hessian().rows());
        assertEquals(4, d.rankAtPoint(), d.rankPoint());
    }

    @Test
    void scalarNetworkGetsSectionThreeIdentities() {
        HessianDerivation d = HessianDerivation.derive(new SymbolicNetwork(new int[] {1, 1, 1, 1},
                SymbolicNetwork.SigmaKind.SYMBOLIC, null, SymbolicNetwork.TargetKind.SYMBOLIC, null));
        assertTrue(d.structure().proved(), d.structure().summary());
        for (IdentityResult r : d.scalar().results()) {
            assertTrue(r.proved(), r.summary());
        }
        assertEquals(4, d.scalar().positivePatterns().size());
        assertEquals(1, d.rankAtPoint());
    }
}
