package org.flatminima.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.DoubleArithmetic;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** Gradient descent on the univariate regression: its gradient, and the solution it reaches. */
class RegressionGradientDescentTest extends QuietTest {

    static LinearNetwork<Double> asModel(DeepRegressionNetwork net, RegressionData data) {
        DoubleArithmetic ar = DoubleArithmetic.INSTANCE;
        List<Matrix<Double>> ls = new ArrayList<>();
        for (int k = 1; k <= net.depth(); k++) {
            double[][] w = net.layer(k);
            ls.add(Matrix.build(ar, w.length, w[0].length, (i, j) -> w[i][j]));
        }
        int d = data.dimension();
        return new LinearNetwork<>(ar, ls, Matrix.build(ar, d, d, (i, j) -> data.sigma()[i][j]),
                Matrix.build(ar, 1, d, (i, j) -> data.wStar()[j]));
    }

    @Test
    void stepMovesAgainstTheModelsGradient() {
        Property.forAll("stepMovesAgainstTheModelsGradient", 10, 5501L, rnd -> {
            int d = rnd.nextInt(1, 5);
            int depth = rnd.nextInt(2, 6);
            RegressionData data = RegressionData.synthetic(d, d + 3, 3, rnd.nextLong());
            DeepRegressionNetwork net = rnd.nextBoolean() ? DeepRegressionNetwork.residual(d, depth, 1, rnd.nextLong())
                    : DeepRegressionNetwork.smallScale(d, depth, 1, rnd.nextLong());
            LinearNetwork<Double> model = asModel(net, data);
            List<Matrix<Double>> grads = Loss.gradientBlocks(model);
            assertEquals(Loss.value(model), net.loss(data), 1e-12 * (1 + net.loss(data)));
            double eta = 1e-3;
            List<double[][]> before = new ArrayList<>();
            for (int k = 1; k <= depth; k++) {
                before.add(net.layer(k));
            }
            net.step(data, eta);
            for (int k = 1; k <= depth; k++) {
                double[][] after = net.layer(k);
                for (int i = 0; i < after.length; i++) {
                    for (int j = 0; j < after[i].length; j++) {
                        double g = (before.get(k - 1)[i][j] - after[i][j]) / eta;
                        assertEquals(grads.get(k - 1).get(i, j), g, 1e-9 * (1 + Math.abs(g)), "W" + k + "[" + i + "," + j + "]");
                    }
                }
            }
        });
    }

    @Test
    void smallScaleGradientDescentReachesANearRankOneAlignedSolutionWithinTheBounds() {
        RegressionData data = RegressionData.synthetic(4, 30, 4, 7L);
        for (int depth : new int[] {2, 3}) {
            double eta = 0.1;
            GradientDescentRun r = GradientDescentRun.run("small", data, DeepRegressionNetwork.smallScale(4, depth, 0.05, 3L),
                    eta, 40000, 1e-14, 1e8);
            assertTrue(r.converged(), r.status());
            assertTrue(r.sharpness() >= r.lowerBound() * (1 - 1e-9), r.sharpness() + " < bound " + r.lowerBound());
            assertTrue(r.sharpness() <= r.authorsConstant(), "above the authors' constant");
            assertTrue(r.sharpness() <= 2 / eta);
            assertTrue(r.maxRankRatio() < 0.2, "sigma2/sigma1 = " + r.maxRankRatio());
            assertTrue(r.minAlignment() > 0.99, "alignment " + r.minAlignment());
        }
    }

    @Test
    void negativeControlAnUnbalancedMinimiserIsFarSharperThanTheBound() {
        // start at the balanced solution GD reaches, then rescale W_1 by 20 and W_2 by 1/20: the same product, but its
        // sharpness (>= 2 * 400 * a ||w*||) leaves the authors' constant 16 lambda_max(Sigma) ||w*|| (kappa(Sigma) < 50 here)
        RegressionData data = RegressionData.synthetic(3, 20, 2, 9L);
        DeepRegressionNetwork net = DeepRegressionNetwork.smallScale(3, 2, 0.05, 5L);
        GradientDescentRun r = GradientDescentRun.run("small", data, net, 0.1, 40000, 1e-14, 1e8);
        assertTrue(r.converged());
        double[][] w1 = net.layer(1);
        double[][] w2 = net.layer(2);
        DeepRegressionNetwork.scale(w1, 20);
        DeepRegressionNetwork.scale(w2, 0.05);
        LinearNetwork<Double> model = asModel(net, data);
        List<Matrix<Double>> ls = List.of(Matrix.build(DoubleArithmetic.INSTANCE, 3, 3, (i, j) -> w1[i][j]),
                Matrix.build(DoubleArithmetic.INSTANCE, 1, 3, (i, j) -> w2[i][j]));
        double[][] h = toArray(Loss.hessian(model.withLayers(ls)));
        double s = org.flatminima.linalg.DoubleEigen.approxMax(h);
        assertTrue(s > data.authorsUpperConstant(2), s + " vs the authors' constant " + data.authorsUpperConstant(2));
        assertTrue(r.sharpness() <= data.authorsUpperConstant(2), "GD's own solution: " + r.sharpness());
    }

    static double[][] toArray(Matrix<Double> m) {
        double[][] a = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                a[i][j] = m.get(i, j);
            }
        }
        return a;
    }
}
