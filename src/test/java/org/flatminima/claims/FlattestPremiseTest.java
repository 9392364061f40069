package org.flatminima.claims;

import org.flatminima.results.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** The Omega_0 premise, the families that reach it outside Theorem 4, and Lemma 1's linear-rate criterion. */
class FlattestPremiseTest extends QuietTest {
    private static final CheckSettings SETTINGS = new CheckSettings(30, 3, 4);

    @Test
    void offTheorem4InstancesAreFlattestButBreakTheorem4sCondition() {
        Property.forAll("off-theorem4 in Omega_0", 10, 0x0FF4L, rnd -> {
            Instance in = InstanceFamilies.generate(InstanceSource.FLATTEST_OFF_THEOREM4, rnd.nextLong(Long.MAX_VALUE), SETTINGS);
            Premises.Target t = Premises.target(in, 30);
            assertNull(Premises.inOmega0(in, t), in.shape() + ": not in Omega_0");
            Outcome thm4 = Premises.structurallyFlattest(in, t);
            assertNotNull(thm4, in.shape() + ": Theorem 4's condition holds");
            assertEquals(Verdict.HYPOTHESIS_NOT_MET, thm4.verdict());
            assertTrue(in.depth() >= 3);
            assertFalse(t.top().sigmaSquared().equals(org.flatminima.numbers.Rational.ONE), "sigma_max(T) = 1");
        });
    }

    @Test
    void nonFlattestMinimaAreOutsideOmega0() {
        Property.forAll("non-flattest outside Omega_0", 8, 0x0E0L, rnd -> {
            Instance in = InstanceFamilies.generate(InstanceSource.NON_FLATTEST, rnd.nextLong(Long.MAX_VALUE), SETTINGS);
            Outcome o = Premises.inOmega0(in, Premises.target(in, 30));
            assertNotNull(o, in.shape() + ": a non-flattest minimum passed as flattest");
            assertEquals(Verdict.HYPOTHESIS_NOT_MET, o.verdict(), o.method());
        });
    }

    @Test
    void theoremFamiliesAvoidDegenerateDraws() {
        int degenerate = 0;
        int total = 0;
        for (InstanceSource f : List.of(InstanceSource.FLATTEST_GAUGED, InstanceSource.FLATTEST_UNEQUAL_LOWER, InstanceSource.FLATTEST_EQ27)) {
            for (long seed = 1; seed <= 20; seed++) {
                Instance in = InstanceFamilies.generate(f, seed * 7919, SETTINGS);
                Premises.Target t = Premises.target(in, 30);
                total++;
                if (in.depth() == 1 || org.flatminima.numbers.Rational.ONE.equals(t.top().sigmaSquared())) {
                    degenerate++;
                }
            }
        }
        assertTrue(degenerate * 10 <= total, degenerate + " of " + total + " draws have m = 1 or sigma_max(T) = 1");
    }

    @Test
    void scalarFamiliesMoveSigmaX() {
        int moved = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Instance in = InstanceFamilies.generate(seed % 2 == 0 ? InstanceSource.SCALAR_FLATTEST : InstanceSource.SCALAR_MINIMUM, seed, SETTINGS);
            moved += in.meetsA2() ? 0 : 1;
        }
        assertTrue(moved >= 20, "only " + moved + " of 40 scalar draws have sigma_x^2 != 1");
        for (long seed = 1; seed <= 10; seed++) {
            assertFalse(InstanceFamilies.generate(InstanceSource.SCALAR_SIGMA, seed, SETTINGS).meetsA2());
        }
    }

    @Test
    void geometricLossIsLinearAndPowerLawIsNot() {
        List<Double> geometric = new ArrayList<>();
        List<Double> powerLaw = new ArrayList<>();
        for (int t = 0; t <= 2000; t++) {
            geometric.add(Math.pow(0.95, t));
            powerLaw.add(Math.pow(1 + t, -8.0));
        }
        assertTrue(Lemma1IdentityInitialisation.Rate.of(geometric).linear());
        Lemma1IdentityInitialisation.Rate p = Lemma1IdentityInitialisation.Rate.of(powerLaw);
        assertFalse(p.linear(), "a power-law decay passed as linear: slope ratio " + p.slopeRatio());
    }
}
