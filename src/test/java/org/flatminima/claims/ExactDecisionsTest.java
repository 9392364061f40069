package org.flatminima.claims;

import org.flatminima.exact.Inertia;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flatminima.linalg.DoubleEigen;
import org.flatminima.exact.ExactAlgebra;
import org.flatminima.exact.PowerBracket;
import org.flatminima.exact.TopSingular;
import org.flatminima.generate.RandomRationals;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** Laws of the exact helpers the verdicts rest on. */
class ExactDecisionsTest extends QuietTest {
    static final CheckSettings SMALL = new CheckSettings(30, 3, 4);

    @Test
    void nullSpaceVectorsAreAnnihilatedAndCountTheNullity() {
        Property.forAll("nullSpaceVectorsAreAnnihilated", 30, 6L, rnd -> {
            int r = rnd.nextInt(1, 5);
            int c = rnd.nextInt(1, 6);
            Rational[][] a = RandomRationals.matrix(rnd, r, c, 2, 2);
            Matrix<Rational> m = Matrix.of(ExactAlgebra.Q, a);
            List<Rational[]> ns = ExactAlgebra.nullSpace(m);
            for (Rational[] v : ns) {
                assertTrue(m.multiply(ExactAlgebra.column(v)).isZero());
            }
            Inertia in = ExactAlgebra.inertia(m.transpose().multiply(m));
            assertEquals(in.zero(), ns.size());
        });
    }

    @Test
    void simplestBetweenStaysInTheInterval() {
        Property.forAll("simplestBetweenStaysInTheInterval", 200, 7L, rnd -> {
            Rational a = RandomRationals.small(rnd, 50, 40);
            Rational b = a.add(Rational.of(rnd.nextInt(0, 5), rnd.nextInt(1, 1000)));
            Rational x = ExactAlgebra.simplestBetween(a, b);
            assertTrue(x.compareTo(a) >= 0 && x.compareTo(b) <= 0, x + " not in [" + a + ", " + b + "]");
        });
    }

    @Test
    void powerBracketEnclosesTheClosedForm() {
        Property.forAll("powerBracketEnclosesTheClosedForm", 60, 8L, rnd -> {
            Rational c = RandomRationals.positive(rnd, 9, 3);
            Rational s = RandomRationals.positive(rnd, 30, 7);
            int q = rnd.nextInt(1, 7);
            int p = rnd.nextInt(0, 2 * q);
            PowerBracket b = PowerBracket.of(c, s, s, p, q, 30);
            Rational target = c.pow(q).multiply(s.pow(p));
            if (b.isExact()) {
                assertEquals(target, b.exact().pow(q));
            } else {
                assertTrue(b.lo().pow(q).compareTo(target) <= 0 && b.hi().pow(q).compareTo(target) >= 0);
                Rational width = b.hi().subtract(b.lo());
                assertTrue(width.compareTo(b.hi().multiply(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(29)))) <= 0,
                        "wider than 10^-29 relative: " + b.describe());
            }
        });
    }

    @Test
    void topSingularValueOfFlattestTargetsIsExactAndItsVectorIsSingular() {
        Property.forAll("topSingularOfFlattestTargets", 12, 9L, rnd -> {
            Instance in = InstanceFamilies.generate(InstanceSource.FLATTEST_GAUGED, rnd.nextLong(), SMALL);
            Matrix<Rational> t = in.network().target();
            TopSingular top = TopSingular.of(t, 30);
            assertTrue(top.isExact(), "sigma^2 not found exactly");
            Matrix<Rational> v = ExactAlgebra.column(top.v());
            assertEquals(v.scale(top.sigmaSquared()), t.transpose().multiply(t).multiply(v));
            assertEquals(0, ExactAlgebra.countAbove(t.transpose().multiply(t), top.sigmaSquared()));
        });
    }

    @Test
    void reducedSpectrumCountsTheSameEigenvaluesAboveAnyPositiveShift() {
        Property.forAll("reducedSpectrumMatchesTheHessian", 10, 10L, rnd -> {
            InstanceSource f = rnd.nextBoolean() ? InstanceSource.NON_FLATTEST : InstanceSource.RANDOM_TARGET;
            Instance in = InstanceFamilies.generate(f, rnd.nextLong(), SMALL);
            HessianSpectrum hs = HessianSpectrum.of(in.network());
            Matrix<Rational> h = Loss.hessian(in.network());
            double top = DoubleEigen.approxMax(h);
            for (int i = 0; i < 3; i++) {
                Rational c = Rational.ofExactDouble(top * rnd.nextDouble(0.05, 1.2));
                assertEquals(ExactAlgebra.countAbove(h, c), ExactAlgebra.countAbove(hs.matrix(), c), "shift " + c + " on " + hs.how());
            }
        });
    }

    @Test
    void gaussNewtonProductEqualsTheLossHessianTimesAVectorAtGlobalMinima() {
        Property.forAll("gaussNewtonProductEqualsHessianTimesVector", 8, 11L, rnd -> {
            InstanceSource f = rnd.nextBoolean() ? InstanceSource.NON_FLATTEST : InstanceSource.SIGMA_X_NOT_IDENTITY;
            Instance in = InstanceFamilies.generate(f, rnd.nextLong(), SMALL);
            Rational[] b = new Rational[in.network().parameterCount()];
            for (int i = 0; i < b.length; i++) {
                b[i] = RandomRationals.small(rnd, 4, 3);
            }
            Matrix<Rational> bc = ExactAlgebra.column(b);
            assertEquals(Loss.hessian(in.network()).multiply(bc),
                    org.flatminima.model.NetworkAlgebra.gaussNewtonTimes(in.network(), bc));
        });
    }

    @Test
    void decisionsOnTheGramMatrixSayItInTheirMethod() {
        Instance in = InstanceFamilies.generate(InstanceSource.FLATTEST_EQ27, 3L, new CheckSettings(30, 4, 3));
        Outcome o = new Theorem1Sharpness().decide(in, new CheckSettings(30, 4, 3));
        assertTrue(o.method().contains("2 Phi^T Phi") || o.method().contains("full Hessian"), o.method());
        assertEquals(o.details().get("reduction"), o.method().substring(o.method().indexOf("[on ") + 4,
                o.method().length() - 1));
    }

    @Test
    void fullHessianClaimsCapTheirWidthWhileGramClaimsTakeTheRequestedOne() {
        CheckSettings wide = new CheckSettings(30, 16, 10);
        assertEquals(CheckSettings.FULL_HESSIAN_MAX_DIM, new Lemma3HessianStructure().limits(wide).maxDim());
        assertEquals(CheckSettings.FULL_HESSIAN_MAX_DIM, new Theorem1Eigenvector().limits(wide).maxDim());
        assertEquals(16, new Theorem1Sharpness().limits(wide).maxDim());
        assertEquals(SMALL, new Lemma3HessianStructure().limits(SMALL));
    }

    @Test
    void topSingularValueOfADeepProductIsFoundThroughItsRoot() {
        Rational big = Rational.of(7).divide(Rational.of(5)).pow(10); // sigma^2 = (49/25)^10: 31 digits, beyond a double
        Matrix<Rational> t = Matrix.of(ExactAlgebra.Q, new Rational[][] {{big, Rational.ZERO}, {Rational.ZERO, Rational.ONE}});
        TopSingular deep = TopSingular.of(t, 30, 10);
        assertTrue(deep.isExact());
        assertEquals(Rational.of(49).divide(Rational.of(25)).pow(10), deep.sigmaSquared());
        // negative control: without the depth the double proposal cannot reach it, and it is only enclosed
        TopSingular flat = TopSingular.of(t, 30);
        assertTrue(!flat.isExact() && flat.lo().compareTo(big.multiply(big)) < 0 && flat.hi().compareTo(big.multiply(big)) >= 0);
    }

    @Test
    void theWitnessShiftLiesAboveTheEnclosureAndBelowLambdaMax() {
        Property.forAll("theWitnessShiftLiesAboveTheEnclosureAndBelowLambdaMax", 30, 11L, rnd -> {
            int n = rnd.nextInt(1, 5);
            Matrix<Rational> m = Matrix.of(ExactAlgebra.Q, RandomRationals.symmetric(rnd, n, 3, 2));
            double approx = DoubleEigen.approxMax(m);
            Rational[] enc = TopSingular.enclose(m, approx, 30);
            Rational hi = enc[0].add(enc[1].subtract(enc[0]).multiply(Rational.of(rnd.nextInt(0, 2)))).subtract(Rational.of(1, 1000));
            Rational q = Decisions.witnessShift(m, hi, approx);
            assertTrue(q.compareTo(hi) >= 0, q + " < " + hi);
            assertTrue(ExactAlgebra.countAbove(m, q) >= 1, "no eigenvalue above " + q);
            assertEquals(hi, Decisions.witnessShift(m, hi, hi.doubleValue() - 1)); // an estimate below hi: hi itself
        });
    }
}
