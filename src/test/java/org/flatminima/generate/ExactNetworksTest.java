package org.flatminima.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.exact.Bareiss;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.exact.SingularValueComparisons;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class ExactNetworksTest extends QuietTest {
    private static final int MAX_DIM = 4;
    private static final int MAX_DEPTH = 4;

    /** sigma_max(W) = s exactly: s^2 I - W^T W is positive semidefinite and singular. */
    static boolean topSingularValueIs(Rational[][] w, Rational s) {
        return SingularValueComparisons.isTop(w, s);
    }

    private static void assertGlobalMinimum(ExactNetwork n) {
        assertTrue(RationalMatrices.equals(n.target(), n.product()), n + ": product differs from target");
    }

    @Test
    void everyFamilyBuildsAGlobalMinimumWithShapesThatChain() {
        for (Family f : Family.values()) {
            Property.forAll("globalMinimum/" + f.label(), 12, 61L + f.ordinal(), rnd -> {
                ExactNetwork n = f.generate(rnd.nextLong(), MAX_DIM, MAX_DEPTH);
                assertEquals(f.label(), n.family());
                assertGlobalMinimum(n);
                assertTrue(n.depth() >= f.minDepth() && n.depth() <= MAX_DEPTH);
                assertEquals(f.meetsHypotheses(), n.meetsA1() && n.meetsA2(), n.toString());
                assertTrue(RationalMatrices.isSymmetric(n.sigmaX()));
                assertTrue(Inertia.isPositiveDefinite(n.sigmaX()));
                if (n.sigmaMaxRoot() != null) {
                    assertEquals(n.sigmaMaxT(), n.sigmaMaxRoot().pow(n.depth()));
                }
                if (n.sigmaMaxT() != null) {
                    assertTrue(topSingularValueIs(n.target(), n.sigmaMaxT()), n + ": sigma_max(T) is wrong");
                }
            });
        }
    }

    @Test
    void flattestFamiliesHaveEveryLayersTopSingularValueEqualToTheRoot() {
        for (Family f : new Family[] {Family.FLATTEST_EQ27, Family.FLATTEST_GAUGED, Family.FLATTEST_UNEQUAL_LOWER,
                Family.SCALAR_FLATTEST}) {
            Property.forAll("topSingularValue/" + f.label(), 12, 71L + f.ordinal(), rnd -> {
                ExactNetwork n = f.generate(rnd.nextLong(), MAX_DIM, MAX_DEPTH);
                assertTrue(n.flattestByConstruction());
                for (int j = 1; j <= n.depth(); j++) {
                    assertTrue(topSingularValueIs(n.layer(j), n.sigmaMaxRoot()), n + ": layer " + j);
                }
            });
        }
    }

    @Test
    void eq27AndGaugedLayersHaveExactlyTheRootsAsSingularValues() {
        Property.forAll("eq27SingularValues", 15, 81L, rnd -> {
            int[] dims = RandomDimensions.meetingA1(rnd, 1, MAX_DEPTH, MAX_DIM);
            int p = Math.min(dims[0], dims[dims.length - 1]);
            boolean repeated = p >= 2 && rnd.nextBoolean();
            int zeros = p - (repeated ? 2 : 1) >= 1 ? rnd.nextInt(0, p - (repeated ? 2 : 1) + 1) : 0;
            Rational[] roots = ExactNetworks.randomRoots(rnd, p, repeated, zeros);
            for (Family f : new Family[] {Family.FLATTEST_EQ27, Family.FLATTEST_GAUGED}) {
                ExactNetwork n = f.generate(rnd.nextLong(), dims, roots);
                int positive = (int) Arrays.stream(roots).filter(r -> r.signum() > 0).count();
                for (int j = 1; j <= n.depth(); j++) {
                    Rational[][] w = n.layer(j);
                    assertEquals(positive, Bareiss.rank(w), n + ": layer " + j);
                    for (Rational r : roots) {
                        if (r.signum() > 0) {
                            long expected = Arrays.stream(roots).filter(r::equals).count();
                            assertEquals(expected, SingularValueComparisons.multiplicity(w, r), n + ": layer " + j + ", " + r);
                        }
                    }
                }
                // and T has the m-th powers as singular values
                for (Rational r : roots) {
                    if (r.signum() > 0) {
                        long expected = Arrays.stream(roots).filter(r::equals).count();
                        assertEquals(expected, SingularValueComparisons.multiplicity(n.target(), r.pow(n.depth())));
                    }
                }
            }
        });
    }

    @Test
    void edgeDepthsOneAndTwoFollowEq27() {
        ExactNetwork one = Family.FLATTEST_EQ27.generate(5L, new int[] {3, 2});
        assertEquals(1, one.depth());
        assertTrue(RationalMatrices.equals(one.target(), one.layer(1)));
        ExactNetwork two = Family.FLATTEST_EQ27.generate(6L, new int[] {2, 3, 2});
        assertGlobalMinimum(two);
        assertTrue(topSingularValueIs(two.layer(1), two.sigmaMaxRoot()));
        assertTrue(topSingularValueIs(two.layer(2), two.sigmaMaxRoot()));
        ExactNetwork scalarOne = Family.SCALAR_FLATTEST.generate(7L, new int[] {1, 1});
        assertEquals(scalarOne.sigmaMaxT(), scalarOne.layer(1)[0][0].abs());
    }

    @Test
    void theorem4InstancesHaveUnequalLowerSingularValues() {
        // every instance has the same top value in all layers; in some the layers' spectra below it differ
        int[] unequal = {0};
        Property.forAll("theorem4Unequal", 20, 91L, rnd -> {
            ExactNetwork n = Family.FLATTEST_UNEQUAL_LOWER.generate(rnd.nextLong(), new int[] {3, 4, 3, 3});
            Rational first = RationalMatrices.frobeniusSquared(n.layer(1));
            for (int j = 2; j <= n.depth(); j++) {
                if (!RationalMatrices.frobeniusSquared(n.layer(j)).equals(first)) {
                    unequal[0]++;
                    return;
                }
            }
        });
        assertTrue(unequal[0] >= 10, "only " + unequal[0] + " of 20 instances had unequal layers");
    }

    @Test
    void negativeControlNonFlattestMinimaFailTheTopSingularValueTest() {
        // W_k -> G W_k G^{-1} with non-orthogonal G leaves the product but (generically) not the layer norms
        int[] caught = {0};
        Property.forAll("nonFlattestCaught", 20, 101L, rnd -> {
            ExactNetwork n = Family.NON_FLATTEST.generate(rnd.nextLong(), MAX_DIM, MAX_DEPTH);
            assertFalse(n.flattestByConstruction());
            for (int j = 1; j <= n.depth(); j++) {
                if (!topSingularValueIs(n.layer(j), n.sigmaMaxRoot())) {
                    caught[0]++;
                    return;
                }
            }
        });
        assertTrue(caught[0] >= 18, "only " + caught[0] + " of 20 non-flattest minima were caught");
    }

    @Test
    void negativeControlAPerturbedLayerBreaksTheProduct() {
        Property.forAll("perturbedLayerBreaksProduct", 20, 111L, rnd -> {
            Family f = Family.values()[rnd.nextInt(Family.values().length)];
            ExactNetwork n = f.generate(rnd.nextLong(), MAX_DIM, MAX_DEPTH);
            List<Rational[][]> layers = new ArrayList<>(n.layers());
            int k = rnd.nextInt(layers.size());
            Rational[][] w = RationalMatrices.copy(layers.get(k));
            // perturb an entry whose row and column both reach the output: scale the whole layer instead
            layers.set(k, RationalMatrices.scale(w, Rational.of(1001, 1000)));
            Rational[][] p = RationalMatrices.productRightToLeft(layers);
            assertFalse(RationalMatrices.equals(n.target(), p), n.toString());
        });
    }

    @Test
    void scalarFlattestMinimaHaveEqualMagnitudesAndVariedSigns() {
        boolean[] signs = new boolean[2];
        Property.forAll("scalarFlattest", 20, 121L, rnd -> {
            ExactNetwork n = Family.SCALAR_FLATTEST.generate(rnd.nextLong(), 1, 5);
            assertTrue(Arrays.stream(n.dims()).allMatch(d -> d == 1));
            for (Rational[][] w : n.layers()) {
                assertEquals(n.sigmaMaxRoot(), w[0][0].abs());
            }
            signs[n.target()[0][0].signum() > 0 ? 0 : 1] = true;
        });
        assertTrue(signs[0] && signs[1], "both signs of tau should occur");
    }

    @Test
    void scalarMinimaMultiplyToTau() {
        Property.forAll("scalarMinimum", 20, 131L, rnd -> {
            ExactNetwork n = Family.SCALAR_MINIMUM.generate(rnd.nextLong(), 1, 5);
            assertGlobalMinimum(n);
            assertEquals(n.sigmaMaxT(), n.target()[0][0].abs());
            if (n.sigmaMaxRoot() != null) {
                assertEquals(n.sigmaMaxT(), n.sigmaMaxRoot().pow(n.depth()));
            }
        });
    }

    @Test
    void hypothesisNotMetFamiliesBreakExactlyTheirHypothesis() {
        Property.forAll("hypothesisNotMet", 15, 141L, rnd -> {
            ExactNetwork s = Family.SIGMA_X_NOT_IDENTITY.generate(rnd.nextLong(), MAX_DIM, MAX_DEPTH);
            assertTrue(s.meetsA1());
            assertFalse(s.meetsA2());
            ExactNetwork b = Family.BOTTLENECK.generate(rnd.nextLong(), MAX_DIM, MAX_DEPTH);
            assertFalse(b.meetsA1());
            assertTrue(b.meetsA2());
            assertTrue(Bareiss.rank(b.target()) <= RandomDimensions.narrowest(b.dims()));
            assertGlobalMinimum(b);
        });
    }

    @Test
    void randomTargetsLeaveSigmaMaxUnknown() {
        Property.forAll("randomTarget", 15, 151L, rnd -> {
            ExactNetwork n = Family.RANDOM_TARGET.generate(rnd.nextLong(), MAX_DIM, MAX_DEPTH);
            assertNull(n.sigmaMaxT());
            assertNull(n.sigmaMaxRoot());
            assertFalse(RationalMatrices.isZero(n.target()));
        });
    }

    @Test
    void theSameSeedReplaysTheSameInstance() {
        for (Family f : Family.values()) {
            ExactNetwork a = f.generate(12345L, MAX_DIM, MAX_DEPTH);
            ExactNetwork b = f.generate(12345L, MAX_DIM, MAX_DEPTH);
            assertEquals(a, b, f.label());
            assertEquals(f, Family.byLabel(a.family()));
            assertEquals(a, f.generate(a.seed(), a.dims()), f.label() + " replays from its seed and widths");
        }
        assertNotEquals(Family.FLATTEST_GAUGED.generate(1L, MAX_DIM, MAX_DEPTH),
                Family.FLATTEST_GAUGED.generate(2L, MAX_DIM, MAX_DEPTH));
    }

    @Test
    void figureThreeSizeBuildsExactly() {
        // the paper's Fig. 3: d = 4, m = 6, 96 parameters
        ExactNetwork n = Family.FLATTEST_GAUGED.generate(3L, RandomDimensions.uniform(4, 6));
        assertEquals(96, n.parameters());
        assertGlobalMinimum(n);
    }

    @Test
    void identityChainFactorsAnyTarget() {
        Property.forAll("identityChain", 20, 161L, rnd -> {
            int[] dims = RandomDimensions.meetingA1(rnd, 1, 4, 4);
            Rational[][] t = RandomRationals.matrix(rnd, dims[dims.length - 1], dims[0], 4, 3);
            assertTrue(RationalMatrices.equals(t,
                    RationalMatrices.productRightToLeft(ExactNetworks.identityChain(dims, t))));
        });
    }

    @Test
    void chosenRootsGiveTheirSingularValuesIncludingRepeatedTopAndZeros() {
        Rational three = Rational.of(3, 2);
        Rational[] roots = {three, three, Rational.of(1, 2), Rational.ZERO};
        for (Family f : new Family[] {Family.FLATTEST_EQ27, Family.FLATTEST_GAUGED, Family.FLATTEST_UNEQUAL_LOWER,
                Family.NON_FLATTEST, Family.SIGMA_X_NOT_IDENTITY}) {
            ExactNetwork n = f.generate(17L, new int[] {4, 5, 4, 4}, roots);
            assertGlobalMinimum(n);
            assertEquals(three, n.sigmaMaxRoot());
            Rational s1 = three.pow(3);
            assertTrue(SingularValueComparisons.isTop(n.target(), s1));
            assertEquals(2, SingularValueComparisons.multiplicity(n.target(), s1), f.label());
            assertEquals(3, Bareiss.rank(n.target()), f.label());
            if (n.flattestByConstruction()) {
                for (int j = 1; j <= n.depth(); j++) {
                    assertTrue(SingularValueComparisons.isTop(n.layer(j), three), f.label() + " layer " + j);
                }
            }
        }
        ExactNetwork b = Family.BOTTLENECK.generate(18L, new int[] {3, 2, 3}, new Rational[] {Rational.TWO, Rational.ONE});
        assertGlobalMinimum(b);
        assertEquals(2, Bareiss.rank(b.target()));
        assertThrows(IllegalArgumentException.class,
                () -> Family.FLATTEST_EQ27.generate(1L, new int[] {2, 2}, new Rational[] {Rational.ONE, Rational.TWO}));
        assertThrows(IllegalArgumentException.class,
                () -> Family.RANDOM_TARGET.generate(1L, new int[] {2, 2}, new Rational[] {Rational.ONE, Rational.ONE}));
    }

    @Test
    void badRequestsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Family.NON_FLATTEST.generate(1L, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> Family.FLATTEST_EQ27.generate(1L, new int[] {3, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> Family.BOTTLENECK.generate(1L, new int[] {2, 2, 2}));
        assertThrows(IllegalArgumentException.class, () -> Family.SCALAR_FLATTEST.generate(1L, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Family.byLabel("no-such-family"));
        assertThrows(IllegalArgumentException.class,
                () -> ExactNetworks.randomRoots(new SplittableRandom(1), 2, true, 1));
    }
}
