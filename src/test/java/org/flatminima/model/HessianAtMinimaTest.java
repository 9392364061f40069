package org.flatminima.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apfloat.Apfloat;
import org.flatminima.exact.Inertia;
import org.flatminima.generate.ExactNetwork;
import org.flatminima.generate.Family;
import org.flatminima.generate.RandomRationals;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.ExactArithmetic;
import org.flatminima.numbers.Rational;
import org.flatminima.precise.SymmetricEigen;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** Laws of the Hessian at global minima, and the agreement of exact inertia with D-digit eigenvalues. */
class HessianAtMinimaTest extends QuietTest {
    private static final ExactArithmetic Q = ExactArithmetic.INSTANCE;

    private static LinearNetwork<Rational> network(ExactNetwork n) {
        List<Matrix<Rational>> layers = n.layers().stream().map(w -> Matrix.of(Q, w)).toList();
        return new LinearNetwork<>(Q, layers, Matrix.of(Q, n.sigmaX()), Matrix.of(Q, n.target()));
    }

    @Test
    void hessianRankAtAGlobalMinimumIsAtMostDxDy() {
        Family[] families = {Family.FLATTEST_GAUGED, Family.NON_FLATTEST, Family.RANDOM_TARGET,
            Family.SIGMA_X_NOT_IDENTITY, Family.FLATTEST_UNEQUAL_LOWER};
        Property.forAll("hessianRankAtMinimum", 15, 31L, rnd -> {
            Family f = families[rnd.nextInt(families.length)];
            ExactNetwork n = f.generate(rnd.nextLong(), 3, 3);
            LinearNetwork<Rational> net = network(n);
            assertTrue(Loss.residual(net).isZero(), "the instance must be a global minimum");
            Inertia in = Inertia.of(Loss.hessian(net).toArray());
            int[] d = net.dims();
            assertEquals(0, in.negative(), "a Hessian at a global minimum is positive semidefinite");
            assertTrue(in.rank() <= d[0] * d[d.length - 1], f.label() + " rank " + in.rank() + " > d_x d_y");
        });
    }

    @Test
    void exactInertiaAgreesWithTheSignsOfDigitEigenvalues() {
        Property.forAll("inertiaMatchesEigenvalues", 20, 32L, rnd -> {
            int n = 1 + rnd.nextInt(7);
            // symmetric rational matrices of low rank half the time, so that zeros occur
            Rational[][] b = RandomRationals.matrix(rnd, n, 1 + rnd.nextInt(n), 5, 3);
            Rational[][] a = rnd.nextBoolean()
                    ? org.flatminima.exact.RationalMatrices.multiply(b, org.flatminima.exact.RationalMatrices.transpose(b))
                    : RandomRationals.symmetric(rnd, n, 5, 3);
            if (rnd.nextBoolean()) {
                a = org.flatminima.exact.RationalMatrices.shift(a, Rational.of(rnd.nextInt(-3, 4)));
            }
            Inertia in = Inertia.of(a);
            Apfloat[] ev = SymmetricEigen.decompose(a, 40).eigenvalues();
            int neg = 0;
            int zero = 0;
            int pos = 0;
            for (Apfloat e : ev) {
                // eigenvalues of these small rational matrices are either exactly zero or far above 10^-30
                if (e.signum() == 0 || org.apfloat.ApfloatMath.abs(e).compareTo(new Apfloat("1e-30")) < 0) {
                    zero++;
                } else if (e.signum() < 0) {
                    neg++;
                } else {
                    pos++;
                }
            }
            assertEquals(new Inertia(neg, zero, pos), in);
        });
    }
}
