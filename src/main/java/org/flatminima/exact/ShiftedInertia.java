package org.flatminima.exact;

import java.util.ArrayList;
import java.util.List;
import org.flatminima.numbers.Rational;

/**
 * The inertia of A - s I for many shifts s of one rational symmetric matrix A, decided exactly and
 * cheaply when A has low rank (a Hessian at a global minimum has rank at most d_x d_y out of N).
 *
 * <p>Method: one exact elimination of A gives its rank r and an index set J with |J| = r and A[J, J]
 * invertible; then A = C K^{-1} C^T with C = A[:, J] and K = A[J, J]. For s != 0 the Haynsworth inertia
 * additivity applied to the two Schur complements of [[K, C^T], [C, s I]] gives
 * In(s I - A) = In(s I_N) + In(K - C^T C / s) - In(K), so every query is an r x r inertia (of s K - C^T C,
 * with the counts swapped for s &lt; 0); s = 0 is A's own inertia. When r is more than half of N the
 * queries fall back to the direct N x N inertia of A - s I, which is then no slower. Immutable.
 */
public final class ShiftedInertia {
    private final Rational[][] matrix;
    private final Inertia inertia;
    private final Rational[][] k;
    private final Rational[][] gram;
    private final Inertia inertiaOfK;
    private final boolean lowRank;

    private ShiftedInertia(Rational[][] matrix, Inertia inertia, Rational[][] k, Rational[][] gram, boolean lowRank) {
        this.matrix = matrix;
        this.inertia = inertia;
        this.k = k;
        this.gram = gram;
        this.lowRank = lowRank;
        this.inertiaOfK = lowRank && k != null ? new Inertia(inertia.negative(), 0, inertia.positive()) : null;
    }

    /** Prepares the queries for a symmetric A (not modified; keep it unmodified while this is in use). */
    public static ShiftedInertia of(Rational[][] symmetric) {
        List<Integer> pivots = new ArrayList<>();
        Inertia in = Inertia.of(symmetric, pivots);
        int n = symmetric.length, r = pivots.size();
        if (2 * r > n) {
            return new ShiftedInertia(symmetric, in, null, null, false);
        }
        if (r == 0) {
            return new ShiftedInertia(symmetric, in, null, null, true);
        }
        Rational[][] c = new Rational[n][r];
        Rational[][] kk = new Rational[r][r];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < r; t++) {
                c[i][t] = symmetric[i][pivots.get(t)];
            }
        }
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                kk[a][b] = symmetric[pivots.get(a)][pivots.get(b)];
            }
        }
        Rational[][] g = RationalMatrices.multiply(RationalMatrices.transpose(c), c);
        return new ShiftedInertia(symmetric, in, kk, g, true);
    }

    /** The inertia of A itself. */
    public Inertia inertia() {
        return inertia;
    }

    /** The rank of A. */
    public int rank() {
        return inertia.rank();
    }

    /** The inertia of A - s I. */
    public Inertia at(Rational s) {
        if (s.isZero()) {
            return inertia;
        }
        int n = matrix.length;
        if (!lowRank) {
            return Inertia.of(RationalMatrices.shift(matrix, s));
        }
        if (k == null) { // A = 0
            return s.signum() > 0 ? new Inertia(n, 0, 0) : new Inertia(0, 0, n);
        }
        // In(sK - G) is In(K - G/s) for s > 0 and its mirror for s < 0
        Inertia small = Inertia.of(RationalMatrices.subtract(RationalMatrices.scale(k, s), gram));
        if (s.signum() < 0) {
            small = mirror(small);
        }
        int neg = small.negative() - inertiaOfK.negative();
        int zero = small.zero();
        int pos = small.positive() - inertiaOfK.positive();
        if (s.signum() > 0) {
            pos += n;
        } else {
            neg += n;
        }
        // that was In(s I - A); A - s I has the counts swapped
        return new Inertia(pos, zero, neg);
    }

    /** The number of eigenvalues of A strictly below a. */
    public int countBelow(Rational a) {
        return at(a).negative();
    }

    /** The number of eigenvalues of A strictly above a. */
    public int countAbove(Rational a) {
        return at(a).positive();
    }

    /** The multiplicity of a as an eigenvalue of A (0 if it is none). */
    public int multiplicity(Rational a) {
        return at(a).zero();
    }

    private static Inertia mirror(Inertia in) {
        return new Inertia(in.positive(), in.zero(), in.negative());
    }
}
