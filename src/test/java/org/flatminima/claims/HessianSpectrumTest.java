package org.flatminima.claims;

import org.flatminima.results.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.exact.PowerBracket;
import org.flatminima.generate.RandomOrthogonal;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.AutodiffHessian;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * Which Hessian the Theorem 1/4 decisions rest on, at a size (N = 64) above {@link HessianSpectrum#FULL_CHECK_LIMIT}:
 * the loss's own Hessian (exact AD) must be shown equal to 2 Phi Phi^T before 2 Phi^T Phi is used, so a Hessian
 * with a wrong constant can no longer give PROVED.
 */
class HessianSpectrumTest extends QuietTest {
    static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    /**
     * Four 4x4 layers W_k = O_k diag(2, 1, 1, 1) O_(k-1)^T with random rational orthogonal gauges (O_0 = O_4 = I):
     * P = T = diag(16, 1, 1, 1), every sigma_max(W_k) = 2 = 16^(1/4) (Theorem 4), so the point is flattest and
     * lambda* = 2 * 4 * 16^(3/2) = 512. N = 64.
     */
    static Instance flattest64(SplittableRandom rnd) {
        int d = 4;
        int m = 4;
        Matrix<Rational> diag = Matrix.build(Q, d, d, (i, j) -> i == j ? (i == 0 ? Rational.TWO : Rational.ONE) : Rational.ZERO);
        List<Matrix<Rational>> gauges = new ArrayList<>();
        gauges.add(Matrix.identity(Q, d));
        for (int k = 1; k < m; k++) {
            gauges.add(Matrix.ofRational(Q, RandomOrthogonal.orthogonal(rnd, d)));
        }
        gauges.add(Matrix.identity(Q, d));
        List<Matrix<Rational>> layers = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            layers.add(gauges.get(k).multiply(diag).multiply(gauges.get(k - 1).transpose()));
        }
        return new Instance("test.flattest64", 0, new LinearNetwork<>(Q, layers, null, null));
    }

    @Test
    void largeFlattestMinimaRestOnLemma3ProvedForTheInstance() {
        Property.forAll("N = 64: Lemma 3 proved on the instance, lambda* = 512 PROVED", 2, 1510L, rnd -> {
            Instance in = flattest64(rnd);
            assertEquals(64, in.network().parameterCount());
            HessianSpectrum hs = HessianSpectrum.of(in.network());
            assertEquals(HessianSpectrum.Basis.LEMMA3_PROVED_FOR_INSTANCE, hs.basis());
            assertEquals(16, hs.matrix().rows());
            assertTrue(hs.how().startsWith("Lemma 3 proved for this instance"), hs.how());
            Outcome o = Decisions.topEigenvalueEquals(hs.matrix(), new PowerBracket(Rational.of(512), Rational.of(512), Rational.of(512)), "lambda*");
            assertEquals(Verdict.PROVED, o.verdict(), o.method());
            Outcome t1 = new Theorem1Sharpness().decide(in, CheckSettings.DEFAULT);
            assertEquals(Verdict.PROVED, t1.verdict(), t1.method());
            assertTrue(t1.details().get("reduction").startsWith("Lemma 3 proved for this instance"), t1.details().toString());
            Outcome t4 = new Theorem4SufficientCondition().decide(in, CheckSettings.DEFAULT);
            assertEquals(Verdict.PROVED, t4.verdict(), t4.method());
            assertTrue(t4.details().get("reduction").contains("AD"), t4.details().toString());
        });
    }

    /** Negative control: the loss's Hessian with a wrong constant (3/2, or 2 Phi Phi^T's factor 2 replaced by 3) is not PROVED. */
    @Test
    void aHessianWithAWrongConstantCannotGiveProvedAtN64() {
        Property.forAll("N = 64: wrong-constant Hessian refuted", 2, 1511L, rnd -> {
            Instance in = flattest64(rnd);
            for (Rational c : List.of(Rational.of(3, 2), Rational.of(1, 2))) {
                HessianSpectrum hs = HessianSpectrum.of(in.network(), net -> AutodiffHessian.hessian(net).scale(c));
                assertEquals(HessianSpectrum.Basis.LOSS_HESSIAN, hs.basis());
                assertEquals(64, hs.matrix().rows());
                assertTrue(hs.how().contains("differs from Lemma 3"), hs.how());
                Outcome o = Decisions.topEigenvalueEquals(hs.matrix(), new PowerBracket(Rational.of(512), Rational.of(512), Rational.of(512)), "lambda*");
                assertEquals(Verdict.REFUTED, o.verdict(), "constant " + c + ": " + o.method());
            }
        });
    }

    /** N = 48 (3 layers of 4x4) is the last size at which the closed-form Hessian is compared as well. */
    @Test
    void theClosedFormIsAlsoComparedUpToTheLimitOnly() {
        SplittableRandom rnd = new SplittableRandom(1512L);
        Instance big = flattest64(rnd);
        List<Matrix<Rational>> three = big.network().layers().subList(1, 4);
        LinearNetwork<Rational> n48 = new LinearNetwork<>(Q, three, null, null);
        assertEquals(HessianSpectrum.FULL_CHECK_LIMIT, n48.parameterCount());
        String at48 = HessianSpectrum.of(n48).how();
        assertTrue(at48.contains("and to the closed-form Hessian"), at48);
        String at64 = HessianSpectrum.of(big.network()).how();
        assertTrue(!at64.contains("closed-form"), at64);
    }

    /** Lemma 3's claim counts the entries where the AD Hessian and factor * Phi Phi^T differ. */
    @Test
    void lemma3ControlCountsTheDifferingEntries() {
        Instance in = flattest64(new SplittableRandom(1513L));
        Outcome truth = new Lemma3HessianStructure().decide(in, CheckSettings.DEFAULT);
        assertEquals(Verdict.PROVED, truth.verdict(), truth.method());
        assertTrue(truth.method().contains("exact second-order AD"), truth.method());
        Matrix<Rational> h = AutodiffHessian.hessian(in.network());
        int nonZero = 0;
        for (int i = 0; i < h.rows(); i++) {
            for (int j = 0; j < h.cols(); j++) {
                nonZero += h.get(i, j).isZero() ? 0 : 1;
            }
        }
        Lemma3HessianStructure control = Lemma3HessianStructure.factorOneControl();
        Outcome o = control.decide(in, CheckSettings.DEFAULT);
        assertEquals(Verdict.REFUTED, o.verdict(), o.method());
        // H = 2 Phi Phi^T, so H and 1 Phi Phi^T differ exactly where H is non-zero
        assertEquals(String.valueOf(nonZero), o.details().get("differing_entries"));
        assertTrue(!control.families().contains(InstanceSource.BOTTLENECK), "the control is drawn only where A1 holds");
        assertTrue(new Lemma3HessianStructure().families().contains(InstanceSource.BOTTLENECK));
    }

    @Test
    void offTheMinimumOrWithNonWhiteDataTheClosedFormHessianIsUsedAndSaidSo() {
        Instance in = flattest64(new SplittableRandom(3));
        LinearNetwork<Rational> net = in.network();
        LinearNetwork<Rational> off = new LinearNetwork<>(Q, net.layers(), null, net.target().scale(Rational.of(2)));
        HessianSpectrum hs = HessianSpectrum.of(off);
        assertEquals(HessianSpectrum.Basis.LOSS_HESSIAN, hs.basis());
        assertTrue(hs.how().startsWith("the loss's own Hessian (closed-form"), hs.how());
        assertEquals(AutodiffHessian.hessian(off), hs.matrix());
        assertNotEquals(HessianSpectrum.Basis.LEMMA3_PROVED_FOR_INSTANCE, hs.basis());
    }
}
