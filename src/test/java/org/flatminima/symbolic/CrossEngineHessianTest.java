package org.flatminima.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Cross-engine tie: the Hessian Symja derives symbolically, evaluated at random rational points,
 * equals entry by entry the exact rational Hessian of the model (derived from the loss by hand),
 * both at arbitrary points and on the minima, with Sigma_x = I and with a general Sigma_x.
 */
class CrossEngineHessianTest extends QuietTest {
    private static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    private static Rational small(SplittableRandom rnd) {
        return Rational.of(rnd.nextLong(-6, 7), rnd.nextLong(1, 4));
    }

    private static Rational[][] random(SplittableRandom rnd, int rows, int cols) {
        Rational[][] a = new Rational[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = small(rnd);
            }
        }
        return a;
    }

    /** Compares Symja's Hessian (target and Sigma^(1/2) as placeholders) with Loss.hessian at one point. */
    private static void compareAt(SplittableRandom rnd, int[] dims, boolean symbolicSigma, boolean onMinima,
            int wrongFactor) {
        SymbolicNetwork net = new SymbolicNetwork(dims, symbolicSigma ? SymbolicNetwork.SigmaKind.SYMBOLIC
                : SymbolicNetwork.SigmaKind.IDENTITY, null, SymbolicNetwork.TargetKind.SYMBOLIC, null);
        SymbolicMatrix h = HessianDerivation.hessianWithPlaceholder(net);
        int m = dims.length - 1;
        List<Matrix<Rational>> layers = new ArrayList<>();
        List<IExpr> rules = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            Rational[][] w = random(rnd, dims[k], dims[k - 1]);
            layers.add(Matrix.ofRational(Q, w));
            SymbolicMatrix sym = net.weight(k);
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[0].length; j++) {
                    rules.add(F.Rule(sym.get(i, j), SymbolicMatrix.rational(w[i][j])));
                }
            }
        }
        Matrix<Rational> sigma = null;
        if (symbolicSigma) {
            int dx = dims[0];
            Rational[][] r = new Rational[dx][dx];
            for (int i = 0; i < dx; i++) {
                for (int j = i; j < dx; j++) {
                    r[i][j] = i == j ? small(rnd).abs().add(Rational.of(dx)) : small(rnd);
                    r[j][i] = r[i][j];
                    rules.add(F.Rule(net.sigmaHalf().get(i, j), SymbolicMatrix.rational(r[i][j])));
                }
            }
            Matrix<Rational> rm = Matrix.ofRational(Q, r);
            sigma = rm.multiply(rm);
        }
        LinearNetwork<Rational> probe = new LinearNetwork<>(Q, layers, sigma, null);
        Matrix<Rational> target = onMinima ? probe.product()
                : Matrix.ofRational(Q, random(rnd, dims[m], dims[0]));
        SymbolicMatrix t = net.targetPlaceholder();
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                rules.add(F.Rule(t.get(i, j), SymbolicMatrix.rational(target.get(i, j))));
            }
        }
        Matrix<Rational> exact = Loss.hessian(new LinearNetwork<>(Q, layers, sigma, target));
        IExpr at = F.List(rules.toArray(new IExpr[0]));
        SymjaEngine e = SymjaEngine.instance();
        IExpr values = e.eval(F.ReplaceAll(h.toList(), at));
        int n = net.parameterCount();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                IExpr v = e.eval(F.Part(values, F.ZZ(i + 1), F.ZZ(j + 1)));
                Rational symja = Rational.parse(v.toString());
                Rational model = exact.get(i, j).multiply(Rational.of(wrongFactor, 2));
                assertEquals(model, symja, "entry (" + (i + 1) + "," + (j + 1) + ") of the Hessian, dims "
                        + java.util.Arrays.toString(dims));
            }
        }
    }

    @Test
    void symjaHessianEqualsExactModelHessianAtRandomPoints() {
        Property.forAll("symja Hessian = model Hessian (off the minima, Sigma_x = I)", 3, 3101L,
                rnd -> compareAt(rnd, new int[] {2, 3, 2}, false, false, 2));
        Property.forAll("symja Hessian = model Hessian (three layers, general Sigma_x)", 2, 3102L,
                rnd -> compareAt(rnd, new int[] {2, 2, 1, 2}, true, false, 2));
        Property.forAll("symja Hessian = model Hessian (on the minima, scalar m = 4)", 2, 3103L,
                rnd -> compareAt(rnd, new int[] {1, 1, 1, 1, 1}, true, true, 2));
    }

    @Test
    void aHalvedModelHessianIsCaught() {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> compareAt(new SplittableRandom(7), new int[] {2, 2, 2}, false, false, 1));
        assertNotEquals(null, e.getMessage());
    }
}
