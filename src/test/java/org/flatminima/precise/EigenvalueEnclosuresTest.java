package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class EigenvalueEnclosuresTest extends QuietTest {
    private static final int DIGITS = 40;

    private record Case(Rational[] d, Rational[][] a, SymmetricEigen.Decomposition dec) {}

    private static Case randomCase(SplittableRandom rnd) {
        int n = rnd.nextInt(2, 9);
        Rational[] d = SymmetricEigenTest.spectrum(rnd, n);
        Rational[][] a = RationalFixtures.withSpectrum(RationalFixtures.orthogonal(rnd, n), d);
        return new Case(d, a, SymmetricEigen.decompose(SymmetricEigenTest.input(a, DIGITS), DIGITS));
    }

    private static Rational[] column(Apfloat[][] v, int c) {
        Rational[] x = new Rational[v.length];
        for (int r = 0; r < v.length; r++) {
            x[r] = ApfloatMatrices.toRational(v[r][c]);
        }
        return x;
    }

    private static Rational distanceToSpectrum(Rational lambda, Rational[] d) {
        Rational best = null;
        for (Rational x : d) {
            Rational dist = x.subtract(lambda).abs();
            best = best == null ? dist : best.min(dist);
        }
        return best;
    }

    @Test
    void theResidualBoundContainsAnExactEigenvalueAndIsSmall() {
        Property.forAll("residualBoundEncloses", 6, 201L, rnd -> {
            Case c = randomCase(rnd);
            Rational tol = SymmetricEigenTest.maxAbs(c.d()).add(Rational.ONE)
                    .multiply(SymmetricEigenTest.tenToMinus(DIGITS - 5));
            for (int i = 0; i < c.d().length; i++) {
                Rational lambda = ApfloatMatrices.toRational(c.dec().eigenvalues()[i]);
                Rational eta = EigenvalueEnclosures.residualBound(c.a(), lambda, column(c.dec().vectors(), i), 10);
                assertTrue(distanceToSpectrum(lambda, c.d()).compareTo(eta) <= 0, "bound " + eta.doubleValue()
                        + " misses the spectrum");
                assertTrue(eta.compareTo(tol) <= 0, "bound " + eta.doubleValue() + " is not small");
            }
        });
    }

    @Test
    void aWrongEigenvalueIsCaughtByTheResidualBound() {
        Property.forAll("wrongEigenvalueCaught", 4, 202L, rnd -> {
            Case c = randomCase(rnd);
            int i = rnd.nextInt(c.d().length);
            Rational shift = SymmetricEigenTest.tenToMinus(12);
            Rational wrong = ApfloatMatrices.toRational(c.dec().eigenvalues()[i]).add(shift);
            Rational eta = EigenvalueEnclosures.residualBound(c.a(), wrong, column(c.dec().vectors(), i), 10);
            // the true eigenvalue is 10^-12 away, so no bound below 10^-(D-5) may be claimed
            assertTrue(eta.compareTo(SymmetricEigenTest.tenToMinus(13)) > 0, "wrong eigenvalue passed: " + eta);
        });
    }

    @Test
    void apfloatOverloadTakesTheExactHeldValues() {
        Apfloat[][] a = {{new Apfloat(2), Apfloat.ZERO}, {Apfloat.ZERO, new Apfloat(-1)}};
        Rational eta = EigenvalueEnclosures.residualBound(a, new Apfloat("2.001", 10),
                new Apfloat[] {Apfloat.ONE, Apfloat.ZERO}, 10);
        assertTrue(eta.equals(Rational.of(1, 1000)), "exact residual of a diagonal matrix: " + eta);
    }

    @Test
    void spectrumRadiiContainTheSortedExactEigenvalues() {
        Property.forAll("spectrumRadiiEnclose", 5, 203L, rnd -> {
            Case c = randomCase(rnd);
            int n = c.d().length;
            Rational[] mu = new Rational[n];
            for (int i = 0; i < n; i++) {
                mu[i] = ApfloatMatrices.toRational(c.dec().eigenvalues()[i]);
            }
            Rational[] radii = EigenvalueEnclosures.spectrumRadii(c.a(), mu,
                    ApfloatMatrices.toRational(c.dec().vectors()), 8);
            Rational tol = SymmetricEigenTest.maxAbs(c.d()).add(Rational.ONE)
                    .multiply(SymmetricEigenTest.tenToMinus(DIGITS - 5));
            for (int i = 0; i < n; i++) {
                assertTrue(c.d()[i].subtract(mu[i]).abs().compareTo(radii[i]) <= 0, "eigenvalue " + i + " escapes");
                assertTrue(radii[i].compareTo(tol) <= 0, "radius " + radii[i].doubleValue() + " is not small");
            }
            // negative control: a spectrum wrong by 10^-20 in one place is outside the enclosure
            int k = rnd.nextInt(n);
            Rational wrong = c.d()[k].add(SymmetricEigenTest.tenToMinus(20));
            assertTrue(wrong.subtract(mu[k]).abs().compareTo(radii[k]) > 0, "a wrong eigenvalue fits the enclosure");
        });
    }

    @Test
    void radiiStayRigorousForPoorApproximations() {
        // the identity as eigenvectors of a non-diagonal matrix: radii must still contain the eigenvalues
        Rational[][] a = {{Rational.TWO, Rational.ONE}, {Rational.ONE, Rational.TWO}}; // eigenvalues 3, 1
        Rational[][] v = {{Rational.ONE, Rational.ZERO}, {Rational.ZERO, Rational.ONE}};
        Rational[] mu = {Rational.TWO, Rational.TWO};
        Rational[] radii = EigenvalueEnclosures.spectrumRadii(a, mu, v, 5);
        assertTrue(radii[0].compareTo(Rational.ONE) >= 0 && radii[1].compareTo(Rational.ONE) >= 0);
        Rational[][] far = {{Rational.ONE, Rational.ONE}, {Rational.ONE, Rational.ONE}};
        assertThrows(ArithmeticException.class, () -> EigenvalueEnclosures.spectrumRadii(a, mu, far, 5));
        assertThrows(IllegalArgumentException.class,
                () -> EigenvalueEnclosures.spectrumRadii(a, new Rational[] {Rational.ONE, Rational.TWO}, v, 5));
    }

    @Test
    void upwardSquareRootIsTheLeastUpperDecimal() {
        Property.forAll("sqrtUp", 60, 204L, rnd -> {
            Rational q = Rational.of(BigInteger.valueOf(rnd.nextLong(1, Long.MAX_VALUE)),
                    BigInteger.valueOf(rnd.nextLong(1, Long.MAX_VALUE))).multiply(
                            Rational.of(BigInteger.TEN.pow(rnd.nextInt(0, 40)), BigInteger.TEN.pow(rnd.nextInt(0, 40))));
            int digits = rnd.nextInt(1, 30);
            Rational up = EigenvalueEnclosures.sqrtUp(q, digits);
            assertTrue(up.multiply(up).compareTo(q) >= 0, "not an upper bound");
            BigDecimal u = up.toBigDecimal(digits + 5);
            BigDecimal ulp = u.ulp().max(BigDecimal.ONE.scaleByPowerOfTen(u.precision() - digits - u.scale()));
            Rational below = Rational.of(u.subtract(ulp));
            assertTrue(below.signum() <= 0 || below.multiply(below).compareTo(q) < 0, "not the least: " + u);
        });
    }
}
