package org.flatminima.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.flatminima.numbers.Rational;

/**
 * Double-precision symmetric eigenvalues (EJML). These only <em>propose</em> numbers (where to put a
 * rational shift, which eigenvector to try); every decision is then taken by exact arithmetic, and
 * nothing computed here is ever reported as proved. No method modifies its arguments.
 */
public final class DoubleEigen {
    private DoubleEigen() {}

    /** Eigenvalues and eigenvectors (columns of {@code vectors}, matching {@code values}), descending. */
    public record Decomposition(double[] values, double[][] vectors) {}

    public static Decomposition approxSymmetric(double[][] a) {
        int n = a.length;
        DMatrixRMaj m = new DMatrixRMaj(a);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("symmetric eigen-decomposition did not converge");
        }
        Integer[] order = new Integer[n];
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            vals[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, (x, y) -> Double.compare(vals[y], vals[x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int c = 0; c < n; c++) {
            values[c] = vals[order[c]];
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            for (int r = 0; r < n; r++) {
                vectors[r][c] = v == null ? 0 : v.get(r, 0);
            }
        }
        return new Decomposition(values, vectors);
    }

    /** The largest eigenvalue of a symmetric matrix, approximately. */
    public static double approxMax(double[][] a) {
        return approxSymmetric(a).values()[0];
    }

    public static double approxMax(Matrix<Rational> a) {
        return approxMax(a.toDoubleArray());
    }
}
