package org.flatminima.precise;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * All eigenvalues and an orthonormal eigenvector matrix of a real symmetric matrix at D decimal digits.
 *
 * <h2>Method</h2>
 * A double-precision decomposition (EJML) of the matrix scaled by a power of two proposes the eigenvectors; they
 * are refined in binary fixed point ({@link FixedPointMatrix}) at D + guard digits by the iterative refinement of
 * Ogita and Aishima (2018): with R = I - X^T X and S = X^T A X, the Rayleigh quotients lambda_i = s_ii / (1 - r_ii)
 * and the correction E_ij = (s_ij + lambda_j r_ij) / (lambda_j - lambda_i) give X + X E, whose error is the square
 * of that of X. Eigenvalues closer than delta = 2 (||S - D|| + ||A|| ||R||) form a cluster, inside which
 * E_ij = r_ij / 2 only restores orthogonality; an exactly repeated eigenvalue (the zeros of a Hessian at a global
 * minimum, the repeated values of the flattest minima) needs nothing more, since any orthonormal basis of its
 * eigenspace is a valid answer. A cluster whose members differ below the resolution of the double start (entries
 * that differ only beyond 1e-16, spread far below ||A||) is detected by the size of its coupling
 * s_ij + lambda_j r_ij, and resolved by a double decomposition of the shifted and rescaled block
 * (S_cc - mu G_cc) / scale, which is then refined like the rest. Each iteration runs at the precision its
 * correction needs (about twice the bits of the current error), so only the last iterations pay for D digits.
 *
 * <p>Fallback: if the refinement does not converge within its iteration limit (or the double start fails), or its
 * final residuals do not reach D digits, the cyclic Jacobi method with a threshold takes over, in the same binary
 * fixed point at the working precision plus guard bits. It starts from the refinement's last iterate X,
 * re-orthonormalised, when X^T A X is closer to diagonal than A (otherwise from A itself), rotates away every
 * off-diagonal entry above 2^-F (the rounding level of A itself) sweep after sweep until a sweep finds none, and
 * accumulates the rotations into the eigenvector matrix. Jacobi converges for every symmetric matrix, quadratically
 * in the end, and needs no separation of the eigenvalues. Its result goes through the same final Rayleigh quotients
 * and residual check as the refinement's; only if it too misses D digits is {@link ArithmeticException} thrown.
 * {@link Decomposition#method()} says which method produced a decomposition. The fallback costs O(n^3) BigInteger
 * operations per sweep (from the double start: two sweeps and an empty one; from A itself about ten) and runs only
 * when the refinement fails, so the refinement's speed is unchanged.
 *
 * <h2>What is claimed</h2>
 * With ||A|| the largest |a_ij| times n (an upper bound on the spectral norm): every returned eigenvalue is within
 * about 10^-D ||A|| of an eigenvalue of A (normwise accuracy, the accuracy any backward-stable dense solver has).
 * Eigenvalues are therefore rounded to a fixed number of decimal places, D significant digits for the largest in
 * magnitude, fewer for smaller ones, and exactly zero when below the resolution; a returned value's Apfloat
 * precision is the number of digits it holds. Eigenvector entries are rounded to D decimal places. The residuals
 * ||A V - V Lambda||_F and ||V^T V - I||_F of the working-precision factors, computed at the working precision,
 * are returned with every decomposition; the returned D-digit values differ from those factors by at most half a
 * unit in their last place. An individual eigenvector is determined only up to its conditioning (1 / gap); within
 * an exactly repeated eigenvalue, the columns are some orthonormal basis of the eigenspace. A rigorous statement
 * about the exact spectrum is the business of {@link EigenvalueEnclosures}.
 */
public final class SymmetricEigen {
    /**
     * An eigen-decomposition A = V diag(eigenvalues) V^T. Eigenvector entries are converted to Apfloat numbers only
     * when asked for ({@link #vector(int)} converts one column, {@link #vectors()} all of them, once).
     */
    public static final class Decomposition {
        private final Apfloat[] eigenvalues;
        private final FixedPointMatrix fixedVectors;
        private final Apfloat residualNorm;
        private final Apfloat orthogonalityResidual;
        private final int digits;
        private final int workingDigits;
        private final int iterations;
        private final String method;
        private Apfloat[][] vectors;

        Decomposition(Apfloat[] eigenvalues, FixedPointMatrix fixedVectors, Apfloat residualNorm,
                Apfloat orthogonalityResidual, int digits, int workingDigits, int iterations, String method) {
            this.eigenvalues = eigenvalues;
            this.fixedVectors = fixedVectors;
            this.residualNorm = residualNorm;
            this.orthogonalityResidual = orthogonalityResidual;
            this.digits = digits;
            this.workingDigits = workingDigits;
            this.iterations = iterations;
            this.method = method;
        }

        /** The eigenvalues, descending (a new array). */
        public Apfloat[] eigenvalues() {
            return eigenvalues.clone();
        }

        /** The eigenvalue of index i (0 is the largest). */
        public Apfloat eigenvalue(int i) {
            return eigenvalues[i];
        }

        /** V, row-major n x n: column i is the eigenvector of eigenvalue i (a new array each call). */
        public synchronized Apfloat[][] vectors() {
            if (vectors == null) {
                int n = eigenvalues.length;
                vectors = new Apfloat[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        vectors[i][j] = entry(i, j);
                    }
                }
            }
            Apfloat[][] copy = new Apfloat[vectors.length][];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = vectors[i].clone();
            }
            return copy;
        }

        /** Eigenvector i (column i of V) as a new array. */
        public Apfloat[] vector(int i) {
            Apfloat[] v = new Apfloat[eigenvalues.length];
            for (int r = 0; r < v.length; r++) {
                v[r] = entry(r, i);
            }
            return v;
        }

        private Apfloat entry(int r, int c) {
            return Decimals.roundToPlaces(fixedVectors.get(r, c), -fixedVectors.frac, digits);
        }

        /** ||A V - V Lambda||_F of the working-precision factors, at the working precision. */
        public Apfloat residualNorm() {
            return residualNorm;
        }

        /** ||V^T V - I||_F of the working-precision factors, at the working precision. */
        public Apfloat orthogonalityResidual() {
            return orthogonalityResidual;
        }

        /** Decimal digits claimed. */
        public int digits() {
            return digits;
        }

        /** Decimal digits carried internally. */
        public int workingDigits() {
            return workingDigits;
        }

        /**
         * Iterations used: refinement iterations for {@link #OGITA_AISHIMA}; for {@link #JACOBI_FALLBACK}, the
         * refinement iterations tried before it plus the Jacobi sweeps (the last sweep is the one that found
         * nothing left to rotate).
         */
        public int iterations() {
            return iterations;
        }

        /**
         * Which method produced this decomposition: {@link #OGITA_AISHIMA} (the refinement converged and its residuals
         * reached the digits) or {@link #JACOBI_FALLBACK} (it did not, and the Jacobi method took over).
         */
        public String method() {
            return method;
        }
    }

    /** Internal result in fixed point: value of an eigenvalue is lambda * 2^(binaryExponent - frac). */
    record Fixed(FixedPointMatrix vectors, BigInteger[] lambda, int binaryExponent, int frac, BigInteger residual,
            BigInteger orthogonality, int iterations, BigInteger maxEntry, String method) {}

    /** {@link Decomposition#method()} of a result of the Ogita-Aishima refinement. */
    public static final String OGITA_AISHIMA = "ogita-aishima";
    /** {@link Decomposition#method()} of a result of the Jacobi fallback. */
    public static final String JACOBI_FALLBACK = "jacobi-fallback";

    /** Smallest supported D. */
    public static final int MIN_DIGITS = 1;
    private static final double BITS_PER_DIGIT = Math.log(10) / Math.log(2);
    private static final int MAX_ITERATIONS = 60;
    /** Nested clusters resolved one level (about 16 digits of spread) per resolution. */
    private static final int MAX_RESOLUTIONS = 12;
    /** Jacobi sweeps before the fallback gives up (about ten suffice from A itself; the residuals then decide). */
    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {}

    /**
     * The eigen-decomposition of the symmetric matrix {@code a} at {@code digits} decimal digits; {@code a} is not
     * modified. Throws {@link IllegalArgumentException} if {@code a} is not square and exactly symmetric, and
     * {@link ArithmeticException} if neither the refinement nor the Jacobi fallback reaches the digits asked for.
     */
    public static Decomposition decompose(Apfloat[][] a, int digits) {
        return decompose(a, digits, MAX_ITERATIONS);
    }

    /**
     * Test hook: {@link #decompose(Apfloat[][], int)} with at most {@code maxIterations} refinement iterations
     * (0 makes the refinement fail, so the Jacobi fallback runs).
     */
    static Decomposition decompose(Apfloat[][] a, int digits, int maxIterations) {
        requireValid(a, digits);
        int n = a.length;
        int work = workingDigits(digits, n);
        int e = binaryExponent(a);
        Fixed f = solve(FixedPointMatrix.fromApfloat(a, e, bitsFor(work)), e, digits, maxIterations);
        return toDecimal(f, n, digits, work);
    }

    /**
     * The eigen-decomposition of the exact symmetric rational matrix {@code a} at {@code digits} digits (its entries
     * go straight to fixed point, without Apfloat); otherwise as {@link #decompose(Apfloat[][], int)}.
     */
    public static Decomposition decompose(Rational[][] a, int digits) {
        return decompose(a, digits, MAX_ITERATIONS);
    }

    /** Test hook: {@link #decompose(Rational[][], int)} with at most {@code maxIterations} refinement iterations. */
    static Decomposition decompose(Rational[][] a, int digits, int maxIterations) {
        requireValid(a, digits);
        int n = a.length;
        int work = workingDigits(digits, n);
        int e = binaryExponent(a);
        Fixed f = solve(FixedPointMatrix.fromRational(a, e, bitsFor(work)), e, digits, maxIterations);
        return toDecimal(f, n, digits, work);
    }

    /**
     * Test hook: the Jacobi method alone, started from {@code a} itself (no double start, no refinement), through
     * the same residual check as {@link #decompose(Rational[][], int)}; reports {@link #JACOBI_FALLBACK}.
     */
    static Decomposition decomposeWithJacobi(Rational[][] a, int digits) {
        requireValid(a, digits);
        int n = a.length;
        int work = workingDigits(digits, n);
        int e = binaryExponent(a);
        Fixed f = jacobiFixed(FixedPointMatrix.fromRational(a, e, bitsFor(work)), e);
        requireDigitsHeld(f, digits);
        return toDecimal(f, n, digits, work);
    }

    /** Test hook: {@link #decomposeWithJacobi(Rational[][], int)} before the conversion to decimals. */
    static Fixed jacobiFixed(FixedPointMatrix fullA, int e) {
        if (fullA.rows == 0) {
            return new Fixed(fullA, new BigInteger[0], e, fullA.frac, BigInteger.ZERO, BigInteger.ZERO, 0,
                    BigInteger.ZERO, JACOBI_FALLBACK);
        }
        return jacobi(fullA, e, null, 0);
    }

    private static void requireValid(Apfloat[][] a, int digits) {
        if (digits < MIN_DIGITS) {
            throw new IllegalArgumentException("digits must be positive, got " + digits);
        }
        if (!ApfloatMatrices.isSymmetric(a)) {
            throw new IllegalArgumentException("matrix is not square and symmetric");
        }
    }

    private static void requireValid(Rational[][] a, int digits) {
        if (digits < MIN_DIGITS) {
            throw new IllegalArgumentException("digits must be positive, got " + digits);
        }
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square and symmetric");
            }
            for (int j = 0; j < i; j++) {
                if (!a[i][j].equals(a[j][i])) {
                    throw new IllegalArgumentException("matrix is not square and symmetric");
                }
            }
        }
    }

    /** Binary exponent e with max |a_ij| < 2^e (e = 0 for the zero matrix). */
    static int binaryExponent(Rational[][] a) {
        int best = Integer.MIN_VALUE;
        for (Rational[] row : a) {
            for (Rational x : row) {
                if (!x.isZero()) {
                    // |p/q| < 2^(bits(p) - bits(q) + 1)
                    best = Math.max(best, x.numerator().abs().bitLength() - x.denominator().bitLength() + 1);
                }
            }
        }
        return best == Integer.MIN_VALUE ? 0 : best;
    }

    /**
     * Whether both residuals of {@code f} are below 10^-digits (relative to the largest entry of the matrix for
     * ||A V - V Lambda||).
     */
    static boolean digitsHeld(Fixed f, int digits) {
        if (f.lambda().length == 0) {
            return true;
        }
        BigInteger maxEntry = f.maxEntry();
        int limit = -(int) Math.floor(digits * BITS_PER_DIGIT);
        boolean residualOk = f.residual().signum() == 0 || FixedPointMatrix.exponent(f.residual(), f.frac())
                < limit + FixedPointMatrix.exponent(maxEntry, f.frac());
        boolean orthogonalOk = FixedPointMatrix.exponent(f.orthogonality(), f.frac()) < limit;
        return residualOk && orthogonalOk;
    }

    /** Throws {@link ArithmeticException} unless {@link #digitsHeld} holds for {@code f}. */
    static void requireDigitsHeld(Fixed f, int digits) {
        if (!digitsHeld(f, digits)) {
            throw new ArithmeticException("symmetric eigen-decomposition (" + f.method() + ") could not reach "
                    + digits + " digits (residual 2^" + FixedPointMatrix.exponent(f.residual(), f.frac())
                    + ", orthogonality 2^" + FixedPointMatrix.exponent(f.orthogonality(), f.frac()) + ")");
        }
    }

    /** D + guard: the decimal digits carried internally for a claim of {@code digits} on an n x n matrix. */
    static int workingDigits(int digits, int n) {
        return digits + 8 + 2 * (int) Math.ceil(Math.log10(n + 1.0));
    }

    static int bitsFor(int decimalDigits) {
        return (int) Math.ceil(decimalDigits * BITS_PER_DIGIT) + 2;
    }

    /** Binary exponent e with max |a_ij| < 2^e (e = 0 for the zero matrix). */
    static int binaryExponent(Apfloat[][] a) {
        long maxScale = Long.MIN_VALUE;
        for (Apfloat[] row : a) {
            for (Apfloat x : row) {
                if (x.signum() != 0) {
                    maxScale = Math.max(maxScale, x.scale());
                }
            }
        }
        if (maxScale == Long.MIN_VALUE) {
            return 0;
        }
        // |x| < 10^scale <= 2^ceil(scale log2 10)
        return (int) Math.ceil(maxScale * BITS_PER_DIGIT) + 1;
    }

    /** The refinement itself, at {@code workDigits} decimal digits; {@code a} must be symmetric; not modified. */
    static Fixed decomposeFixed(Apfloat[][] a, int workDigits) {
        int bigF = bitsFor(workDigits);
        int e = binaryExponent(a);
        return decomposeFixed(FixedPointMatrix.fromApfloat(a, e, bigF), e);
    }

    /**
     * The decomposition of {@code fullA}, a symmetric matrix whose entries are below 1 in magnitude, at its own
     * fractional bits; {@code e} is only recorded (the matrix meant is fullA * 2^e). Not modified. The refinement
     * runs first; if it does not converge, the Jacobi fallback takes over (no digits are checked here).
     */
    static Fixed decomposeFixed(FixedPointMatrix fullA, int e) {
        return solve(fullA, e, 0, MAX_ITERATIONS);
    }

    /**
     * The refinement with at most {@code maxIterations} iterations; if it does not converge, or {@code digits} is
     * positive and its residuals do not reach that many digits, the Jacobi method started from its last iterate.
     * Throws {@link ArithmeticException} only if the Jacobi result does not reach {@code digits} either.
     */
    static Fixed solve(FixedPointMatrix fullA, int e, int digits, int maxIterations) {
        int n = fullA.rows;
        int bigF = fullA.frac;
        if (n == 0) {
            return new Fixed(fullA, new BigInteger[0], e, bigF, BigInteger.ZERO, BigInteger.ZERO, 0, BigInteger.ZERO,
                    OGITA_AISHIMA);
        }
        Refined refined;
        try {
            refined = refine(fullA, maxIterations);
        } catch (ArithmeticException failed) {
            refined = null; // the double start failed (or a division in the refinement met zero): Jacobi from A
        }
        if (refined != null && refined.converged()) {
            Fixed f = finish(fullA, refined.x(), e, bigF, refined.iterations(), OGITA_AISHIMA);
            if (digits <= 0 || digitsHeld(f, digits)) {
                return f;
            }
        }
        Fixed j = jacobi(fullA, e, refined == null ? null : refined.x(), refined == null ? 0 : refined.iterations());
        if (digits > 0) {
            requireDigitsHeld(j, digits);
        }
        return j;
    }

    /** The last iterate of the refinement, the iterations it took, and whether it converged. */
    private record Refined(FixedPointMatrix x, int iterations, boolean converged) {}

    /**
     * Ogita-Aishima refinement of the double start, at most {@code maxIterations} iterations; n >= 1. Throws
     * {@link ArithmeticException} only if the double start itself fails.
     */
    private static Refined refine(FixedPointMatrix fullA, int maxIterations) {
        int n = fullA.rows;
        int bigF = fullA.frac;
        int logN = 32 - Integer.numberOfLeadingZeros(n);
        FixedPointMatrix x = FixedPointMatrix.fromDoubles(doubleStart(fullA), bigF);

        int iterations = 0;
        int prevErr = 0; // binary exponent of the largest correction of the previous iteration
        int expectErr = -44; // what a double start usually achieves
        int stalls = 0;
        int resolutions = 0;
        boolean done = false;
        for (; iterations < maxIterations; iterations++) {
            int f = Math.min(bigF, Math.max(64, -2 * expectErr + 12 + logN));
            FixedPointMatrix af = fullA.withFrac(f);
            FixedPointMatrix xf = x.withFrac(f);
            FixedPointMatrix ax = FixedPointMatrix.multiply(af, xf);
            FixedPointMatrix s = FixedPointMatrix.symmetricTransposeProduct(xf, ax);
            FixedPointMatrix g = FixedPointMatrix.symmetricTransposeProduct(xf, xf);
            BigInteger[] lambda = rayleighQuotients(s, g, f);

            // keep the columns in descending order of their Rayleigh quotients
            int[] order = descendingOrder(lambda);
            if (!isIdentity(order)) {
                x = permuteColumns(x, order);
                xf = permuteColumns(xf, order);
                s = permuteSymmetric(s, order);
                g = permuteSymmetric(g, order);
                lambda = permute(lambda, order);
            }
            BigInteger one = BigInteger.ONE.shiftLeft(f);
            FixedPointMatrix r = new FixedPointMatrix(n, n, f);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r.set(i, j, i == j ? one.subtract(g.get(i, i)) : g.get(i, j).negate());
                }
            }
            // delta = 2 (||S - D||_F + ||A||_F ||R||_F)
            FixedPointMatrix sMinusD = new FixedPointMatrix(n, n, f);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sMinusD.set(i, j, i == j ? s.get(i, i).subtract(lambda[i]) : s.get(i, j));
                }
            }
            BigInteger delta = sMinusD.frobeniusNorm()
                    .add(af.frobeniusNorm().multiply(r.frobeniusNorm()).shiftRight(f)).shiftLeft(1);
            int[] clusterOf = clusters(lambda, delta);

            FixedPointMatrix corr = new FixedPointMatrix(n, n, f);
            int err = Integer.MIN_VALUE / 4;
            boolean[] unresolved = new boolean[n];
            int maxCoupling = Integer.MIN_VALUE / 4;
            int couplingFloor = Math.max(2 * Math.min(prevErr, expectErr), -f + logN) + 12;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    BigInteger eij;
                    if (i == j || clusterOf[i] == clusterOf[j]) {
                        eij = FixedPointMatrix.shiftRound(r.get(i, j), 1);
                        if (i != j) {
                            BigInteger coupling = s.get(i, j).add(FixedPointMatrix.shiftRound(
                                    lambda[j].multiply(r.get(i, j)), f));
                            int ce = FixedPointMatrix.exponent(coupling, f);
                            if (ce > couplingFloor) {
                                unresolved[clusterOf[i]] = true;
                                maxCoupling = Math.max(maxCoupling, ce);
                            }
                        }
                    } else if (i > j) {
                        // E_ij + E_ji = r_ij exactly: noise in the division then only rotates, never skews
                        eij = r.get(i, j).subtract(corr.get(j, i));
                    } else {
                        BigInteger num = s.get(i, j).add(FixedPointMatrix.shiftRound(lambda[j].multiply(r.get(i, j)), f));
                        eij = FixedPointMatrix.roundDivide(num.shiftLeft(f), lambda[j].subtract(lambda[i]).abs());
                        if (lambda[j].compareTo(lambda[i]) < 0) {
                            eij = eij.negate();
                        }
                    }
                    corr.set(i, j, eij);
                    err = Math.max(err, FixedPointMatrix.exponent(eij, f));
                }
            }
            FixedPointMatrix update = FixedPointMatrix.multiply(xf, corr).withFrac(bigF);
            x = add(x, update);

            boolean anyUnresolved = false;
            for (boolean u : unresolved) {
                anyUnresolved |= u;
            }
            boolean atFull = f == bigF;
            boolean converged = atFull && 2 * err <= -bigF + logN + 4;
            // at the precision floor, an ill-conditioned eigenvector stops improving: accept after a few tries
            stalls = atFull && err >= prevErr - 1 ? stalls + 1 : 0;
            if (converged || stalls >= 3) {
                if (anyUnresolved && resolutions < MAX_RESOLUTIONS) {
                    // a cluster whose members differ below the double start's resolution: rotate it by the
                    // double eigenvectors of its rescaled block; that leaves couplings about 2^-48 times smaller
                    x = resolveClusters(x, s, g, lambda, clusterOf, unresolved, f);
                    resolutions++;
                    if (maxCoupling - 48 <= -bigF + logN + 12) {
                        iterations++;
                        done = true;
                        break;
                    }
                    prevErr = 0;
                    expectErr = -bigF;
                    stalls = 0;
                    continue;
                }
                iterations++;
                done = true;
                break;
            }
            prevErr = Math.max(err, -bigF);
            expectErr = Math.max(2 * err, -bigF);
        }
        return new Refined(x, iterations, done);
    }

    /**
     * The cyclic Jacobi method with a threshold on {@code fullA} (n >= 1) at its fractional bits plus guard bits,
     * then {@link #finish}. Started from {@code start} (the refinement's last iterate, re-orthonormalised) when
     * X^T A X in that basis is closer to diagonal than A itself, otherwise from A. Each rotation annihilates one
     * off-diagonal entry; a sweep visits every pair above the threshold 2^-F, and the sweeps stop when one finds
     * nothing to rotate (from the double start: two sweeps and the empty one). The method converges for every
     * symmetric matrix, quadratically in the end, repeated and clustered eigenvalues included.
     */
    private static Fixed jacobi(FixedPointMatrix fullA, int e, FixedPointMatrix start, int iterationsBefore) {
        int n = fullA.rows;
        int bigF = fullA.frac;
        int logN = 32 - Integer.numberOfLeadingZeros(n);
        // every rotation rounds each touched entry once: the guard bits absorb n^2 rotations per sweep
        int guard = 16 + 2 * logN;
        int f = bigF + guard;
        FixedPointMatrix a = fullA.withFrac(f);
        FixedPointMatrix b = copy(a);
        FixedPointMatrix v = FixedPointMatrix.identity(n, f);
        if (start != null) {
            FixedPointMatrix x = copy(start.withFrac(f));
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            Orthonormal.complete(x, all);
            FixedPointMatrix bx = FixedPointMatrix.symmetricTransposeProduct(x, FixedPointMatrix.multiply(a, x));
            if (offDiagonalSquares(bx).compareTo(offDiagonalSquares(b)) < 0) {
                b = bx;
                v = x;
            }
        }
        // entries below 2^-F are below the rounding of A itself at F bits (its exactly repeated eigenvalues are split
        // that finely), where the convergence is no longer quadratic; leaving them moves the residual no more than
        // that rounding does
        BigInteger threshold = BigInteger.ONE.shiftLeft(guard);
        BigInteger oneSquared = BigInteger.ONE.shiftLeft(2 * f);
        int sweeps = 0;
        while (sweeps < MAX_SWEEPS) {
            sweeps++;
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    BigInteger apq = b.get(p, q);
                    if (apq.abs().compareTo(threshold) <= 0) {
                        continue;
                    }
                    rotated = true;
                    // t = tan(phi) = sign(theta) / (|theta| + sqrt(theta^2 + 1)), theta = (a_qq - a_pp) / (2 a_pq),
                    // written as 2 a_pq sign(d) / (|d| + sqrt(d^2 + 4 a_pq^2)) with d = a_qq - a_pp: |t| <= 1
                    BigInteger d = b.get(q, q).subtract(b.get(p, p));
                    BigInteger twoApq = apq.shiftLeft(1);
                    BigInteger root = d.multiply(d).add(twoApq.multiply(twoApq)).sqrt();
                    BigInteger t = FixedPointMatrix.roundDivide((d.signum() < 0 ? twoApq.negate() : twoApq)
                            .shiftLeft(f), d.abs().add(root));
                    BigInteger c = FixedPointMatrix.roundDivide(oneSquared, oneSquared.add(t.multiply(t)).sqrt());
                    BigInteger s = FixedPointMatrix.shiftRound(t.multiply(c), f);
                    BigInteger move = FixedPointMatrix.shiftRound(t.multiply(apq), f);
                    b.set(p, p, b.get(p, p).subtract(move));
                    b.set(q, q, b.get(q, q).add(move));
                    b.set(p, q, BigInteger.ZERO);
                    b.set(q, p, BigInteger.ZERO);
                    for (int k = 0; k < n; k++) {
                        if (k != p && k != q) {
                            BigInteger bkp = b.get(k, p);
                            BigInteger bkq = b.get(k, q);
                            BigInteger np = FixedPointMatrix.shiftRound(c.multiply(bkp).subtract(s.multiply(bkq)), f);
                            BigInteger nq = FixedPointMatrix.shiftRound(s.multiply(bkp).add(c.multiply(bkq)), f);
                            b.set(k, p, np);
                            b.set(p, k, np);
                            b.set(k, q, nq);
                            b.set(q, k, nq);
                        }
                        BigInteger vkp = v.get(k, p);
                        BigInteger vkq = v.get(k, q);
                        v.set(k, p, FixedPointMatrix.shiftRound(c.multiply(vkp).subtract(s.multiply(vkq)), f));
                        v.set(k, q, FixedPointMatrix.shiftRound(s.multiply(vkp).add(c.multiply(vkq)), f));
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        return finish(fullA, v.withFrac(bigF), e, bigF, iterationsBefore + sweeps, JACOBI_FALLBACK);
    }

    /** The sum of squares of the off-diagonal mantissas of a square matrix. */
    private static BigInteger offDiagonalSquares(FixedPointMatrix b) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < b.rows; i++) {
            for (int j = 0; j < b.cols; j++) {
                if (i != j) {
                    sum = sum.add(b.get(i, j).pow(2));
                }
            }
        }
        return sum;
    }

    /** Final Rayleigh quotients, ordering and residuals at the full working precision. */
    private static Fixed finish(FixedPointMatrix a, FixedPointMatrix x, int e, int bigF, int iterations,
            String method) {
        int n = a.rows;
        FixedPointMatrix ax = FixedPointMatrix.multiply(a, x);
        FixedPointMatrix g = FixedPointMatrix.symmetricTransposeProduct(x, x);
        BigInteger[] lambda = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            BigInteger sii = BigInteger.ZERO;
            for (int k = 0; k < n; k++) {
                sii = sii.add(x.get(k, i).multiply(ax.get(k, i)));
            }
            lambda[i] = FixedPointMatrix.roundDivide(sii, g.get(i, i));
        }
        int[] order = descendingOrder(lambda);
        x = permuteColumns(x, order);
        ax = permuteColumns(ax, order);
        g = permuteSymmetric(g, order);
        lambda = permute(lambda, order);
        boolean[] flip = signFlips(x);
        x = flipColumns(x, flip);
        ax = flipColumns(ax, flip);
        return withResiduals(a, x, ax, g, lambda, e, iterations, method);
    }

    /**
     * The result for the factors {@code x} and {@code lambda} of {@code a} (at {@code a.frac} bits), with their
     * residuals ||A X - X Lambda||_F and ||X^T X - I||_F computed afresh from {@code ax} = A X and {@code g} = X^T X.
     */
    private static Fixed withResiduals(FixedPointMatrix a, FixedPointMatrix x, FixedPointMatrix ax,
            FixedPointMatrix g, BigInteger[] lambda, int e, int iterations, String method) {
        int n = a.rows;
        int bigF = a.frac;
        BigInteger res = BigInteger.ZERO;
        BigInteger orth = BigInteger.ZERO;
        BigInteger one = BigInteger.ONE.shiftLeft(bigF);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                BigInteger rij = ax.get(i, j).subtract(FixedPointMatrix.shiftRound(x.get(i, j).multiply(lambda[j]), bigF));
                res = res.add(rij.multiply(rij));
                BigInteger oij = i == j ? g.get(i, j).subtract(one) : g.get(i, j);
                orth = orth.add(oij.multiply(oij));
            }
        }
        BigInteger maxEntry = BigInteger.ZERO;
        for (BigInteger v : a.m) {
            maxEntry = maxEntry.max(v.abs());
        }
        return new Fixed(x, lambda, e, bigF, res.sqrt(), orth.sqrt(), iterations, maxEntry, method);
    }

    /**
     * Test hook: {@code f} (a result for the matrix {@code a}) with its eigenvalues replaced by {@code lambda} and
     * both residuals recomputed at the working precision, as {@link #finish} computes them.
     */
    static Fixed withEigenvalues(FixedPointMatrix a, Fixed f, BigInteger[] lambda) {
        FixedPointMatrix ax = FixedPointMatrix.multiply(a, f.vectors());
        FixedPointMatrix g = FixedPointMatrix.symmetricTransposeProduct(f.vectors(), f.vectors());
        return withResiduals(a, f.vectors(), ax, g, lambda.clone(), f.binaryExponent(), f.iterations(), f.method());
    }

    /** For each column, whether it must be negated so that its entry of largest magnitude is positive. */
    private static boolean[] signFlips(FixedPointMatrix x) {
        boolean[] flip = new boolean[x.cols];
        for (int j = 0; j < x.cols; j++) {
            int best = 0;
            for (int i = 1; i < x.rows; i++) {
                if (x.get(i, j).abs().compareTo(x.get(best, j).abs()) > 0) {
                    best = i;
                }
            }
            flip[j] = x.get(best, j).signum() < 0;
        }
        return flip;
    }

    private static FixedPointMatrix flipColumns(FixedPointMatrix x, boolean[] flip) {
        FixedPointMatrix r = new FixedPointMatrix(x.rows, x.cols, x.frac);
        for (int i = 0; i < x.rows; i++) {
            for (int j = 0; j < x.cols; j++) {
                r.set(i, j, flip[j] ? x.get(i, j).negate() : x.get(i, j));
            }
        }
        return r;
    }

    /** The double start: EJML's symmetric decomposition of the scaled matrix, columns in descending order. */
    private static double[][] doubleStart(FixedPointMatrix a) {
        int n = a.rows;
        DMatrixRMaj d = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d.set(i, j, FixedPointMatrix.toDouble(a.get(i, j), a.frac));
            }
        }
        return eigenvectorsDescending(d);
    }

    /** Orthonormal eigenvectors (as columns) of a symmetric double matrix, by descending eigenvalue. */
    static double[][] eigenvectorsDescending(DMatrixRMaj d) {
        int n = d.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(d)) {
            throw new ArithmeticException("double eigen-decomposition failed");
        }
        Integer[] idx = new Integer[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(idx, (p, q) -> Double.compare(values[q], values[p]));
        double[][] v = new double[n][n];
        for (int c = 0; c < n; c++) {
            DMatrixRMaj vec = eig.getEigenVector(idx[c]);
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += vec.get(r) * vec.get(r);
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < n; r++) {
                v[r][c] = vec.get(r) / norm;
            }
        }
        return v;
    }

    /**
     * Rotates the columns of each unresolved cluster by the eigenvectors of its shifted, rescaled block
     * (S_cc - mu G_cc) / scale, computed in double. Returns a new matrix; modifies nothing.
     */
    private static FixedPointMatrix resolveClusters(FixedPointMatrix x, FixedPointMatrix s, FixedPointMatrix g,
            BigInteger[] lambda, int[] clusterOf, boolean[] unresolved, int f) {
        int n = x.cols;
        FixedPointMatrix out = x;
        for (int c = 0; c < n; c++) {
            if (!unresolved[c]) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (clusterOf[i] == c) {
                    members.add(i);
                }
            }
            int k = members.size();
            BigInteger mu = lambda[members.get(0)];
            BigInteger[][] block = new BigInteger[k][k];
            int maxExp = Integer.MIN_VALUE / 4;
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    int i = members.get(p);
                    int j = members.get(q);
                    block[p][q] = s.get(i, j).subtract(FixedPointMatrix.shiftRound(mu.multiply(g.get(i, j)), f));
                    maxExp = Math.max(maxExp, FixedPointMatrix.exponent(block[p][q], f));
                }
            }
            DMatrixRMaj d = new DMatrixRMaj(k, k);
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    // symmetrise and scale the block so its largest entry is about 1
                    BigInteger sym = block[p][q].add(block[q][p]);
                    d.set(p, q, FixedPointMatrix.toDouble(sym, f + 1 + maxExp));
                }
            }
            double[][] qd = eigenvectorsDescending(d);
            FixedPointMatrix q = FixedPointMatrix.fromDoubles(qd, x.frac);
            // the double eigenvectors are orthogonal only to about 1e-16: make them orthogonal at full precision
            boolean[] all = new boolean[k];
            Arrays.fill(all, true);
            Orthonormal.complete(q, all);
            FixedPointMatrix xc = new FixedPointMatrix(n, k, x.frac);
            for (int r = 0; r < n; r++) {
                for (int p = 0; p < k; p++) {
                    xc.set(r, p, out.get(r, members.get(p)));
                }
            }
            FixedPointMatrix rotated = FixedPointMatrix.multiply(xc, q);
            FixedPointMatrix next = copy(out);
            for (int r = 0; r < n; r++) {
                for (int p = 0; p < k; p++) {
                    next.set(r, members.get(p), rotated.get(r, p));
                }
            }
            out = next;
        }
        return out;
    }

    private static BigInteger[] rayleighQuotients(FixedPointMatrix s, FixedPointMatrix g, int f) {
        int n = s.rows;
        BigInteger[] lambda = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = FixedPointMatrix.roundDivide(s.get(i, i).shiftLeft(f), g.get(i, i));
        }
        return lambda;
    }

    /** Cluster labels for descending {@code lambda}: neighbours closer than {@code delta} share a label. */
    private static int[] clusters(BigInteger[] lambda, BigInteger delta) {
        int n = lambda.length;
        int[] label = new int[n];
        int current = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && lambda[i - 1].subtract(lambda[i]).compareTo(delta) > 0) {
                current = i;
            }
            label[i] = current;
        }
        return label;
    }

    static int[] descendingOrder(BigInteger[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> values[q].compareTo(values[p]));
        int[] order = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            order[i] = idx[i];
        }
        return order;
    }

    private static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    static BigInteger[] permute(BigInteger[] v, int[] order) {
        BigInteger[] r = new BigInteger[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[order[i]];
        }
        return r;
    }

    static FixedPointMatrix permuteColumns(FixedPointMatrix x, int[] order) {
        FixedPointMatrix r = new FixedPointMatrix(x.rows, x.cols, x.frac);
        for (int i = 0; i < x.rows; i++) {
            for (int j = 0; j < x.cols; j++) {
                r.set(i, j, x.get(i, order[j]));
            }
        }
        return r;
    }

    private static FixedPointMatrix permuteSymmetric(FixedPointMatrix s, int[] order) {
        FixedPointMatrix r = new FixedPointMatrix(s.rows, s.cols, s.frac);
        for (int i = 0; i < s.rows; i++) {
            for (int j = 0; j < s.cols; j++) {
                r.set(i, j, s.get(order[i], order[j]));
            }
        }
        return r;
    }

    private static FixedPointMatrix add(FixedPointMatrix x, FixedPointMatrix y) {
        FixedPointMatrix r = new FixedPointMatrix(x.rows, x.cols, x.frac);
        for (int k = 0; k < x.m.length; k++) {
            r.m[k] = x.m[k].add(y.m[k]);
        }
        return r;
    }

    private static FixedPointMatrix copy(FixedPointMatrix x) {
        FixedPointMatrix r = new FixedPointMatrix(x.rows, x.cols, x.frac);
        System.arraycopy(x.m, 0, r.m, 0, x.m.length);
        return r;
    }

    /** Converts the fixed-point result to D-digit Apfloat numbers (see the class comment for what is claimed). */
    private static Decomposition toDecimal(Fixed f, int n, int digits, int work) {
        int shift = f.binaryExponent() - f.frac(); // value = mantissa * 2^shift
        BigInteger maxAbs = BigInteger.ZERO;
        for (BigInteger l : f.lambda()) {
            maxAbs = maxAbs.max(l.abs());
        }
        Apfloat[] values = new Apfloat[n];
        if (maxAbs.signum() == 0) {
            Arrays.fill(values, Apfloat.ZERO);
        } else {
            long topScale = Decimals.scaleOf(maxAbs, shift);
            long places = digits - topScale;
            for (int i = 0; i < n; i++) {
                values[i] = Decimals.roundToPlaces(f.lambda()[i], shift, places);
            }
        }
        Apfloat residual = Decimals.toApfloat(f.residual(), shift, 6);
        Apfloat orthogonality = Decimals.toApfloat(f.orthogonality(), -f.frac(), 6);
        return new Decomposition(values, f.vectors(), residual, orthogonality, digits, work, f.iterations(),
                f.method());
    }
}
