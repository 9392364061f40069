package org.flatminima.precise;

import java.math.BigInteger;
import java.util.Arrays;
import org.apfloat.Apfloat;

/**
 * The thin singular value decomposition A = U diag(s) V^T of a real m x n matrix at D decimal digits: with
 * k = min(m, n), U is m x k and V is n x k with orthonormal columns, s is descending and non-negative.
 *
 * <h2>Method, and why</h2>
 * For m >= n, the Gram matrix A^T A is formed in fixed point at twice the working digits W (so forming it loses
 * nothing that matters) and decomposed by {@link SymmetricEigen} at 2W digits: V is its eigenvector matrix and
 * s_i = sqrt(max(lambda_i, 0)). An eigenvalue of A^T A known to 10^-2W ||A||^2 gives s_i to 10^-W ||A|| (absolute),
 * the normwise accuracy of any backward-stable SVD, so doubling the digits undoes the squaring. Repeated singular
 * values are repeated eigenvalues of A^T A, which the eigen-solver handles: V spans their space orthonormally and
 * U = A V / s inherits that (A v_i and A v_j are orthogonal when v_i, v_j are orthogonal eigenvectors). Columns of
 * U for singular values below the resolution 10^-W ||A|| are completed to an orthonormal set, and U is
 * re-orthonormalised by modified Gram-Schmidt at 2W digits. The Jordan-Wielandt matrix [[0, A], [A^T, 0]] would
 * avoid the squaring but doubles the size and mixes the +s and -s eigenvectors of small singular values; one-sided
 * Jacobi is slower; at the sizes this project meets (layers and targets, d up to a few dozen) the Gram route is the
 * simplest correct one. For m < n the decomposition of A^T is transposed.
 *
 * <h2>What is claimed</h2>
 * Singular values are rounded to a fixed number of decimal places: D significant digits for the largest, fewer
 * for smaller ones, zero below the resolution (normwise accuracy 10^-D s_max). Entries of U and V are rounded to D
 * decimal places. The residual ||A V - U diag(s)||_F and the orthogonality residuals of U and V are computed at the
 * working precision on the working factors.
 */
public final class SingularValues {
    /** A thin singular value decomposition. */
    public record Decomposition(
            /* descending, k = min(m, n) values */ Apfloat[] values,
            /* m x k */ Apfloat[][] left,
            /* n x k */ Apfloat[][] right,
            /* ||A V - U S||_F */ Apfloat residualNorm,
            /* max(||U^T U - I||_F, ||V^T V - I||_F) */ Apfloat orthogonalityResidual,
            int digits) {
    }

    private SingularValues() {}

    /**
     * The thin SVD of {@code a} (not modified) at {@code digits} decimal digits. Throws
     * {@link IllegalArgumentException} for an empty or ragged matrix or non-positive digits.
     */
    public static Decomposition decompose(Apfloat[][] a, int digits) {
        ApfloatMatrices.requireDigits(digits);
        int m = ApfloatMatrices.rows(a);
        int n = ApfloatMatrices.cols(a);
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("empty matrix");
        }
        if (m < n) {
            Decomposition t = decompose(ApfloatMatrices.transpose(a), digits);
            return new Decomposition(t.values(), t.right(), t.left(), t.residualNorm(), t.orthogonalityResidual(),
                    digits);
        }
        int work = SymmetricEigen.workingDigits(digits, m);
        int bits = SymmetricEigen.bitsFor(2 * work);
        int e = SymmetricEigen.binaryExponent(a);
        FixedPointMatrix as = FixedPointMatrix.fromApfloat(a, e, bits); // A / 2^e, entries below 1
        FixedPointMatrix gram = FixedPointMatrix.symmetricTransposeProduct(as, as);
        // eigen-solver wants entries below 1: gram entries are below m, so scale by 2^-g
        int g = 32 - Integer.numberOfLeadingZeros(m);
        FixedPointMatrix gramScaled = new FixedPointMatrix(n, n, bits);
        for (int i = 0; i < gram.m.length; i++) {
            gramScaled.m[i] = FixedPointMatrix.shiftRound(gram.m[i], g);
        }
        SymmetricEigen.Fixed eig = SymmetricEigen.decomposeFixed(gramScaled, g);
        FixedPointMatrix v = eig.vectors();
        int f = eig.frac();

        // s_i (scaled by 2^-e) = sqrt(lambda_i 2^g), at f bits
        BigInteger[] s = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            BigInteger l = eig.lambda()[i];
            s[i] = l.signum() <= 0 ? BigInteger.ZERO : l.shiftLeft(g + f).sqrt();
        }
        FixedPointMatrix av = FixedPointMatrix.multiply(as, v);
        // resolution: singular values below 2^-(f/2) (about 10^-W of the largest entry) carry no digits
        int resolution = -(f / 2) + 8;
        FixedPointMatrix u = new FixedPointMatrix(m, n, f);
        boolean[] filled = new boolean[n];
        for (int j = 0; j < n; j++) {
            if (s[j].signum() > 0 && FixedPointMatrix.exponent(s[j], f) > resolution) {
                filled[j] = true;
                for (int i = 0; i < m; i++) {
                    u.set(i, j, FixedPointMatrix.roundDivide(av.get(i, j).shiftLeft(f), s[j]));
                }
            }
        }
        Orthonormal.complete(u, filled);

        // residuals on the working factors
        BigInteger res = BigInteger.ZERO;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                BigInteger r = av.get(i, j).subtract(FixedPointMatrix.shiftRound(u.get(i, j).multiply(s[j]), f));
                res = res.add(r.multiply(r));
            }
        }
        BigInteger orthU = Orthonormal.defect(u);
        BigInteger orth = orthU.max(eig.orthogonality());

        // output: values to D places relative to the largest, vectors to D places
        Apfloat[] values = new Apfloat[n];
        BigInteger top = s[0];
        for (BigInteger x : s) {
            top = top.max(x);
        }
        if (top.signum() == 0) {
            Arrays.fill(values, Apfloat.ZERO);
        } else {
            long places = digits - Decimals.scaleOf(top, e - f);
            for (int i = 0; i < n; i++) {
                values[i] = Decimals.roundToPlaces(s[i], e - f, places);
            }
        }
        Apfloat[][] left = new Apfloat[m][n];
        Apfloat[][] right = new Apfloat[n][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                left[i][j] = Decimals.roundToPlaces(u.get(i, j), -f, digits);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                right[i][j] = Decimals.roundToPlaces(v.get(i, j), -f, digits);
            }
        }
        return new Decomposition(values, left, right, Decimals.toApfloat(res.sqrt(), e - f, 6),
                Decimals.toApfloat(orth, -f, 6), digits);
    }
}
