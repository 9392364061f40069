package org.flatminima.precise;

import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;

/** The spectrum contract for the D-digit solver at D = 40: normwise error 10^-39 times the largest eigenvalue. */
class SymmetricEigenContractTest extends SymmetricSpectrumContract {
    private static final int DIGITS = 40;

    @Override
    protected Rational[] spectrum(Rational[][] a) {
        Apfloat[] values = SymmetricEigen.decompose(SymmetricEigenTest.input(a, DIGITS), DIGITS).eigenvalues();
        Rational[] r = new Rational[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ApfloatMatrices.toRational(values[i]);
        }
        return r;
    }

    @Override
    protected Rational claimedError(Rational scale, int n) {
        return scale.multiply(SymmetricEigenTest.tenToMinus(DIGITS - 1));
    }
}
