package org.flatminima.precise;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.flatminima.numbers.Rational;

/**
 * The spectrum contract for EJML's double solver (the start of the D-digit solver): normwise error
 * 64 n eps times the largest eigenvalue, where eps = 2^-52.
 */
class DoubleEigenContractTest extends SymmetricSpectrumContract {
    @Override
    protected Rational[] spectrum(Rational[][] a) {
        int n = a.length;
        DMatrixRMaj d = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d.set(i, j, a[i][j].doubleValue());
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(d)) {
            throw new AssertionError("EJML failed");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(values);
        Rational[] r = new Rational[n];
        for (int i = 0; i < n; i++) {
            r[i] = Rational.ofExactDouble(values[n - 1 - i]);
        }
        return r;
    }

    @Override
    protected Rational claimedError(Rational scale, int n) {
        return scale.multiply(Rational.of(64L * n)).multiply(Rational.ofExactDouble(Math.ulp(1.0)));
    }
}
